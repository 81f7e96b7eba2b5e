// Reports: pick one, set its period or day and grouping, read it as a table (with the
// previous period alongside for sales, a chart for sales over time), download it as CSV or PDF.
// A cashier sees the daily report only (reports.daily); the back office sees every one.
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { api, must, type Me } from "../../api/client";
import type { paths } from "../../api/schema";
import { can } from "../../auth/permissions";
import { TimeBars } from "./Bars";
import { useStoreTime, useStoreToday } from "../../lib/time";
import { heading, monthStart } from "./periods";

type Kind = "sales" | "profit" | "daily" | "stock-valuation" | "stock-movements" | "commissions" | "customer-balances"
  | "production";
type Row = Record<string, unknown>;
type Report = { rows: Row[]; totals?: Row; chain?: string; previous?: { from: string; to: string; rows: Row[]; totals: Row } };
type Params = { from: string; to: string; group_by: string; day: string };

const KINDS: { kind: Kind; label: string; uses: ("period" | "group" | "time-group" | "day")[] }[] = [
  { kind: "sales", label: "Sales", uses: ["period", "group"] },
  { kind: "profit", label: "Profit", uses: ["period", "time-group"] },
  { kind: "daily", label: "Daily report", uses: ["day"] },
  { kind: "stock-valuation", label: "Stock valuation", uses: ["day"] },
  { kind: "stock-movements", label: "Stock movements", uses: ["period"] },
  { kind: "commissions", label: "Commissions", uses: ["period"] },
  { kind: "customer-balances", label: "Customer balances", uses: [] },
  { kind: "production", label: "Production list", uses: ["day"] },
];
const GROUPS = ["day", "week", "month", "product", "category", "cashier", "salesman", "channel", "tender"];
const TIME = ["day", "week", "month"];
const COMPARED = ["orders", "net", "tax", "total", "refunds", "net_sales", "cost_of_goods", "gross_profit"];

/** The report's query string, as its route takes it. */
export function queryOf(kind: Kind, p: Params): Record<string, string> {
  const uses = KINDS.find((k) => k.kind === kind)?.uses ?? [];
  const q: Record<string, string> = {};
  if (uses.includes("period")) Object.assign(q, { from: p.from, to: p.to });
  if (uses.includes("group")) q.group_by = p.group_by;
  if (uses.includes("time-group")) q.group_by = TIME.includes(p.group_by) ? p.group_by : "month";
  if (uses.includes("day") && p.day) q[kind === "stock-valuation" ? "as_of" : "date"] = p.day;
  return q;
}

type Query<P extends keyof paths> = paths[P] extends { get: { parameters: { query?: infer Q } } }
  ? { params: { query: NonNullable<Q> } } : never;

async function load(kind: Kind, q: Record<string, string>): Promise<Report> {
  const query = { params: { query: q } } as Query<"/api/v1/reports/sales"> & Query<"/api/v1/reports/daily">
    & Query<"/api/v1/reports/stock-valuation"> & Query<"/api/v1/reports/stock-movements">
    & Query<"/api/v1/reports/production">;
  switch (kind) {
    case "sales": return must(api.GET("/api/v1/reports/sales", query));
    case "profit": return must(api.GET("/api/v1/reports/profit", query as Query<"/api/v1/reports/profit">));
    case "daily": {
      const daily = await must(api.GET("/api/v1/reports/daily", query));
      const other = daily.other_sales; // what the day holds beyond its shifts, so the rows add up to it
      return { rows: [...daily.shifts.map((s) => ({ register: s.register, cashier: s.cashier_name ?? s.cashier,
        opened_at: s.opened_at, ...s.report })), ...(other && other.sales_count ? [{ register: "Other sales",
        cashier: other.note, sales_count: other.sales_count, sales_total: other.sales_total }] : [])],
        totals: { register: "day", sales_count: daily.totals.orders, sales_total: daily.totals.total },
        chain: `${daily.chain.position}:${daily.chain.hash ?? ""}` };
    }
    case "stock-valuation": return must(api.GET("/api/v1/reports/stock-valuation", query));
    case "stock-movements": return must(api.GET("/api/v1/reports/stock-movements", query));
    case "commissions": return must(api.GET("/api/v1/reports/commissions", query));
    case "customer-balances": return must(api.GET("/api/v1/reports/customer-balances", query));
    case "production": {
      const list = await must(api.GET("/api/v1/reports/production", query));
      return { rows: list.rows.map((r) => ({ ...r, slots: Object.entries(r.slots).map(([t, n]) => `${t}: ${n}`).join(", "),
        same_weekday: r.same_weekday.join(" / ") })) };
    }
  }
}

export default function ReportsPage({ me }: { me: Me }) {
  const today = useStoreToday();
  const kinds = can(me.permissions, "reports.read") ? KINDS : KINDS.filter((k) => k.kind === "daily");
  const [kind, setKind] = useState<Kind>(kinds[0].kind);
  const [p, setP] = useState<Params>({ from: monthStart(today), to: today, group_by: "day", day: "" });
  const q = queryOf(kind, p);
  const report = useQuery({ queryKey: ["reports", kind, q], queryFn: () => load(kind, q) });
  const uses = KINDS.find((k) => k.kind === kind)?.uses ?? [];
  const file = (format: string) => `/api/v1/reports/${kind}?${new URLSearchParams({ ...q, format })}`;
  return (
    <section className="panel wide">
      <h1>Reports</h1>
      <form className="filters" onSubmit={(e) => e.preventDefault()}>
        <div className="field"><label htmlFor="report-kind">Report</label>
          <select id="report-kind" value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
            {kinds.map((k) => <option key={k.kind} value={k.kind}>{k.label}</option>)}
          </select></div>
        {uses.includes("period") && <>
          <div className="field"><label htmlFor="report-from">From</label>
            <input id="report-from" type="date" value={p.from} onChange={(e) => setP({ ...p, from: e.target.value })} /></div>
          <div className="field"><label htmlFor="report-to">To</label>
            <input id="report-to" type="date" value={p.to} onChange={(e) => setP({ ...p, to: e.target.value })} /></div>
        </>}
        {(uses.includes("group") || uses.includes("time-group")) && (
          <div className="field"><label htmlFor="report-group">Group by</label>
            <select id="report-group" value={p.group_by} onChange={(e) => setP({ ...p, group_by: e.target.value })}>
              {(uses.includes("group") ? GROUPS : TIME).map((g) => <option key={g}>{g}</option>)}
            </select></div>)}
        {uses.includes("day") && (
          <div className="field"><label htmlFor="report-day">{kind === "stock-valuation" ? "As of" : "Day"}</label>
            <input id="report-day" type="date" value={p.day} onChange={(e) => setP({ ...p, day: e.target.value })} /></div>)}
        <a className="button" href={file("csv")} download>Download CSV</a>
        <a className="button" href={file("pdf")} download>Download PDF</a>
      </form>
      {report.isError && <p role="alert">{String(report.error.message)}</p>}
      {report.data && kind === "sales" && <Compared report={report.data} timed={TIME.includes(p.group_by)} />}
      {report.data && <Table report={report.data} />}
      {report.data?.chain && <p className="chain">Audit chain head: {report.data.chain}</p>}
    </section>
  );
}

function Compared({ report, timed }: { report: Report; timed: boolean }) {
  const previous = report.previous;
  if (!previous || !report.totals) return null;
  const data = report.rows.map((r, i) => ({ key: String(r.key).slice(5), now: Number(r.net_sales),
    before: Number(previous.rows[i]?.net_sales ?? 0) }));
  return (
    <>
      <div className="table-scroll" role="region" aria-label="This period beside the previous one" tabIndex={0}>
        <table className="compare">
        <caption>This period beside {previous.from} – {previous.to}</caption>
        <thead><tr><th /><th className="num">This period</th><th className="num">Previous</th></tr></thead>
        <tbody>{COMPARED.map((c) => (
          <tr key={c}><th scope="row">{heading(c)}</th><td className="num">{String(report.totals?.[c])}</td>
            <td className="num">{String(previous.totals[c])}</td></tr>))}</tbody>
      </table></div>
      {timed && (
        <TimeBars caption="Net sales, this period and the previous one" data={data} x="key" series={[
          { key: "now", name: "This period", fill: "var(--accent)" },
          { key: "before", name: "Previous", fill: "var(--muted)" }]} />)}
    </>
  );
}

const NUMBER = /^-?\d+(\.\d+)?$/;
const INSTANT = /^\d{4}-\d\d-\d\dT\d\d:\d\d/;

function Table({ report }: { report: Report }) {
  const time = useStoreTime();
  const rows = report.rows;
  if (rows.length === 0) return <p className="muted">Nothing in this period.</p>;
  const columns = [...new Set(rows.flatMap(Object.keys))].filter((c) => !(c === "key" && "label" in rows[0])
    && rows.some((r) => typeof r[c] !== "object" || r[c] === null));
  const cell = (v: unknown) => (v === null || v === undefined ? "" : typeof v === "string" && INSTANT.test(v)
    ? time(v) : String(v));  // times in the store's zone, as people write them
  const numeric = (c: string) => rows.every((r) => r[c] === null || r[c] === undefined || NUMBER.test(String(r[c])));
  const kind = (c: string) => c.replaceAll("_", "-") + (numeric(c) ? " num" : "");
  return (
    <div className="table-scroll" role="region" aria-label="Report table" tabIndex={0}><table className="report-table report">
      <thead><tr>{columns.map((c) => <th key={c} scope="col" className={kind(c)}>{heading(c)}</th>)}</tr></thead>
      <tbody>{rows.map((r, i) => <tr key={i}>{columns.map((c) => <td key={c} className={kind(c)}>{cell(r[c])}</td>)}
      </tr>)}</tbody>
      {report.totals && <tfoot><tr>{columns.map((c, i) => (
        <td key={c} className={kind(c)}>{i === 0 ? "Total" : cell(report.totals?.[c])}</td>))}</tr></tfoot>}
    </table></div>
  );
}
