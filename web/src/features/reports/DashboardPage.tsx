// The owner's day: today's figures (refetched when the live feed says an order, a shift
// or stock moved), sales of the last 30 days and this month's top products as charts,
// low stock, open shifts, custom orders due soon, pickups in the next hours, tomorrow's bake list.
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useRef } from "react";
import { Bar, BarChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { api, must, type Schemas } from "../../api/client";
import type { LiveMessage } from "../../live/feed";
import { useLive } from "../../live/useLive";
import { inZone } from "../../lib/time";
import { TimeBars } from "./Bars";
import { daysBefore, MOVES_FIGURES } from "./periods";

type Dashboard = Schemas["Dashboard"];

export default function DashboardPage() {
  const client = useQueryClient();
  const board = useQuery({ queryKey: ["reports", "dashboard"],
    queryFn: () => must(api.GET("/api/v1/reports/dashboard")) });
  const timer = useRef<number | undefined>(undefined);
  const onLive = useCallback((message: LiveMessage) => {
    if (!MOVES_FIGURES.some((prefix) => message.type.startsWith(prefix))) return;
    window.clearTimeout(timer.current); // a burst of sales refetches once
    timer.current = window.setTimeout(() => void client.invalidateQueries({ queryKey: ["reports"] }), 500);
  }, [client]);
  useLive(onLive);
  const d = board.data;
  if (!d) return <section className="panel wide"><h1>Dashboard</h1><p>{board.isError ? "Cannot load." : "Loading…"}</p></section>;
  return (
    <section className="panel wide dashboard">
      <h1>Today, {new Date(d.day + "T12:00:00").toLocaleDateString([], { weekday: "long", day: "numeric", month: "long" })}</h1>
      <Figures d={d} />
      <div className="dash-grid">
        <SalesChart day={d.day} />
        <TopProducts day={d.day} />
        <Listing title="Low stock" empty="Nothing is running low."
          rows={d.low_stock.map((p) => [p.name, `${p.available} left`])} />
        <Listing title="Open shifts" empty="No shift is open."
          rows={d.open_shifts.map((s) => [`${s.register} — ${s.cashier ?? ""}`, `${s.sales_count} sales, ${s.sales_total}`])} />
        <Listing title="Custom orders due in 48 h" empty="None due."
          rows={d.custom_orders_due.map((o) => [`${o.number} ${o.customer_name ?? ""}: ${o.note ?? o.items ?? ""}`,
            o.pickup_at ? inZone(o.pickup_at, d.timezone, "due") : ""])} />
        <Listing title="Pickups in the next hours" empty="No pickup coming."
          rows={d.pickups_next.map((o) => [`${o.number} ${o.customer_name ?? ""}: ${o.items ?? ""}`,
            o.pickup_at ? inZone(o.pickup_at, d.timezone, "due") : ""])} />
        <BakeList />
      </div>
    </section>
  );
}

function Figures({ d }: { d: Dashboard }) {
  const s = d.sales;
  const orders = Object.entries(d.orders_by_status).map(([status, n]) => `${n} ${status}`).join(", ") || "none";
  const figures: [string, string][] = [["Sales handed over, with tax", s.total],
    ["Net sales (less refunds, without tax)", s.net_sales], ["Tax", s.tax], ["Discounts given", s.discount],
    ["Refunds", s.refunds], ["Number of sales", String(s.orders)], ["Average sale", s.average_ticket],
    ["Money taken in (every payment, deposits too)", s.paid_in]];
  return (
    <>
      <dl className="figures" aria-label="Today's figures">
        {figures.map(([label, value]) => <div key={label}><dt>{label}</dt><dd>{value}</dd></div>)}
      </dl>
      <p className="muted">Sales count goods when they are handed over; money counts when it is paid, so a
        deposit, or an order paid today and collected later, makes them differ. Orders placed today: {orders}.</p>
    </>
  );
}

function SalesChart({ day }: { day: string }) {
  const sales = useQuery({ queryKey: ["reports", "sales", "30-days", day], queryFn: () => must(api.GET(
    "/api/v1/reports/sales", { params: { query: { from: daysBefore(day, 29), to: day, group_by: "day" } } })) });
  const data = (sales.data?.rows ?? []).map((r) => ({ day: r.key.slice(5), net: Number(r.net_sales) }));
  return <TimeBars caption="Net sales, last 30 days" data={data} x="day"
    series={[{ key: "net", name: "Net sales", fill: "var(--accent)" }]} />;
}

function TopProducts({ day }: { day: string }) {
  const top = useQuery({ queryKey: ["reports", "sales", "month-products", day], queryFn: () => must(api.GET(
    "/api/v1/reports/sales", { params: { query: { from: day.slice(0, 8) + "01", to: day, group_by: "product" } } })) });
  const data = (top.data?.rows ?? []).map((r) => ({ name: r.label, units: r.units - r.refunded_units }))
    .sort((a, b) => b.units - a.units).slice(0, 8);
  return (
    <figure className="chart">
      <figcaption>Top products this month (units)</figcaption>
      <ResponsiveContainer width="100%" height={220}>
        <BarChart data={data} layout="vertical" margin={{ left: 20 }}>
          <XAxis type="number" stroke="var(--muted)" fontSize={11} />
          <YAxis type="category" dataKey="name" width={120} stroke="var(--muted)" fontSize={11} />
          <Tooltip contentStyle={{ background: "var(--panel)", color: "var(--fg)" }} />
          <Bar dataKey="units" name="Units" fill="var(--ok)" />
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}

function Listing({ title, rows, empty }: { title: string; rows: string[][]; empty: string }) {
  return (
    <div className="listing">
      <h2>{title}</h2>
      {rows.length === 0 ? <p className="muted">{empty}</p> : (
        <ul>{rows.map(([left, right], i) => <li key={i}><span>{left}</span><span className="muted">{right}</span></li>)}</ul>
      )}
    </div>
  );
}

function BakeList() {
  const list = useQuery({ queryKey: ["reports", "production"], queryFn: () => must(api.GET("/api/v1/reports/production")) });
  const rows = list.data?.rows ?? [];
  return (
    <div className="listing span-all">
      <h2>Bake list for {list.data ? new Date(list.data.date + "T12:00:00").toLocaleDateString([], { weekday: "long" }) : "tomorrow"}</h2>
      {rows.length === 0 ? <p className="muted">Nothing ordered and no sales on that weekday yet.</p> : (
        <div className="table-scroll" role="region" aria-label="Bake list" tabIndex={0}><table>
          <thead><tr><th>Product</th><th className="num">Ordered</th><th className="num">Same weekday, avg of 4</th></tr></thead>
          <tbody>{rows.map((r) => (
            <tr key={r.key}><td>{r.label}{r.note ? <small className="muted"> — {r.note}</small> : null}</td>
              <td className="num">{r.ordered}</td><td className="num">{r.weekday_average}</td></tr>))}</tbody>
        </table></div>
      )}
    </div>
  );
}
