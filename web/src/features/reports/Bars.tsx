// A bar chart over time in the app's colours (Recharts): one bar per series per point.
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export type Series = { key: string; name: string; fill: string };

export function TimeBars({ caption, data, x, series }: {
  caption: string; data: Record<string, string | number>[]; x: string; series: Series[];
}) {
  return (
    <figure className="chart">
      <figcaption>{caption}</figcaption>
      <ResponsiveContainer width="100%" height={220}>
        <BarChart data={data}>
          <CartesianGrid strokeDasharray="3 3" stroke="var(--line)" />
          <XAxis dataKey={x} stroke="var(--muted)" fontSize={11} />
          <YAxis stroke="var(--muted)" fontSize={11} width={48} />
          <Tooltip contentStyle={{ background: "var(--panel)", color: "var(--fg)" }} />
          {series.length > 1 && <Legend />}
          {series.map((s) => <Bar key={s.key} dataKey={s.key} name={s.name} fill={s.fill} />)}
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
