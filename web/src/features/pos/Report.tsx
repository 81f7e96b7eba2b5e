import type { Schemas } from "../../api/client";

/** An X or Z report: every figure the drawer has to explain, then each cash movement. */
export function Report({ report, movements = [] }: { report: Schemas["ShiftReport"];
  movements?: Schemas["CashMovement"][] }) {
  const rows: [string, string | number | null][] = [
    ["Sales", `${report.sales_count} · ${report.sales_total}`],
    ...Object.entries(report.sales_by_tender).map(([m, a]): [string, string] => [`  by ${m}`, a]),
    ["Discounts given", report.discounts],
    ["Tax", report.tax],
    ["Refunds", `${report.refunds_count} · ${report.refunds_total}`],
    ...Object.entries(report.refunds_by_tender).map(([m, a]): [string, string] => [`  refunded by ${m}`, a]),
    ["Opening float", report.opening_float],
    ["Cash in", report.cash_in],
    ["Cash out", report.cash_out],
    ["Expected cash", report.expected_cash],
    ["Counted cash", report.counted_cash],
    ["Variance", report.variance],
  ];
  return (
    <table className="report">
      <caption>{report.kind === "Z" ? "Z report (closed)" : "X report (so far)"}</caption>
      <tbody>
        {rows.filter(([, v]) => v !== null).map(([label, value]) => (
          <tr key={label}><th scope="row">{label}</th><td className="num">{value}</td></tr>
        ))}
        {movements.map((m, i) => (
          <tr key={`m${i}`} className="movement"><th scope="row">Cash {m.kind}: {m.reason}</th>
            <td className="num">{m.kind === "out" ? "−" : ""}{m.amount}</td></tr>
        ))}
      </tbody>
    </table>
  );
}
