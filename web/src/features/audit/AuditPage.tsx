// The audit trail (viewer, admin): every event with its filters and server paging, the
// critical actions on their own, one object's history, the object as it was at an
// event ("as of", from the event store), the chain's head, and the trail as CSV.
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { api, type Me, must, type Schemas } from "../../api/client";
import { can } from "../../auth/permissions";
import { Dialog } from "../../ui/Dialog";
import { Pager } from "../../ui/Pager";

type Entry = Schemas["AuditEntry"];
type Filters = { actor: string; entity: string; entity_id: string; type: string; from: string; to: string;
  critical: boolean };
const PER_PAGE = 50;
const EMPTY: Filters = { actor: "", entity: "", entity_id: "", type: "", from: "", to: "", critical: false };
// Objects the API reads as they were (`?version=`), by entity.
const AS_OF: Record<string, string> = { order: "orders", product: "products", shift: "shifts", customer: "customers",
  vendor: "vendors", salesman: "salesmen", expense: "expenses", settings: "settings" };

/** The trail's query string: the filters given, days as the start of the day. */
export function auditQuery(f: Filters, page: number): Record<string, string> {
  const q: Record<string, string> = { page: String(page), per_page: String(PER_PAGE) };
  for (const key of ["actor", "entity", "entity_id", "type"] as const) if (f[key]) q[key] = f[key];
  if (f.from) q.from = new Date(f.from + "T00:00:00").toISOString();
  if (f.to) q.to = new Date(f.to + "T00:00:00").toISOString();
  if (f.critical) q.critical = "true";
  return q;
}

export default function AuditPage({ me }: { me: Me }) {
  const readable = (entity: string) => AS_OF[entity] && (entity !== "settings" || can(me.permissions, "settings.manage"));
  const [f, setF] = useState<Filters>(EMPTY);
  const [page, setPage] = useState(1);
  const [shown, setShown] = useState<Entry | null>(null);
  const q = auditQuery(f, page);
  const trail = useQuery({ queryKey: ["audit", q],
    queryFn: () => must(api.GET("/api/v1/audit", { params: { query: q as never } })) });
  const head = useQuery({ queryKey: ["audit-head"], queryFn: () => must(api.GET("/api/v1/audit/head")) });
  const set = (change: Partial<Filters>) => { setF({ ...f, ...change }); setPage(1); };
  return (
    <section className="panel wide">
      <h1>Audit trail</h1>
      {head.data && <p className="chain" role="status">Chain head {head.data.position}:{head.data.hash ?? "—"}
        {head.data.behind ? ` (${head.data.behind} newer events not linked yet)` : " — every event linked"}</p>}
      <form className="filters" onSubmit={(e) => e.preventDefault()} aria-label="Filters">
        {(["actor", "entity", "type"] as const).map((key) => (
          <div className="field" key={key}><label htmlFor={`audit-${key}`}>{key[0].toUpperCase() + key.slice(1)}</label>
            <input id={`audit-${key}`} value={f[key]} placeholder={key === "type" ? "Order.Refunded" : ""}
              onChange={(e) => set({ [key]: e.target.value.trim() })} /></div>))}
        <div className="field"><label htmlFor="audit-from">From</label>
          <input id="audit-from" type="date" value={f.from} onChange={(e) => set({ from: e.target.value })} /></div>
        <div className="field"><label htmlFor="audit-to">Before</label>
          <input id="audit-to" type="date" value={f.to} onChange={(e) => set({ to: e.target.value })} /></div>
        <label><input type="checkbox" checked={f.critical} onChange={(e) => set({ critical: e.target.checked })} />
          {" "}Critical actions only</label>
        {f.entity_id && <button type="button" onClick={() => set({ entity_id: "" })}>All objects</button>}
        <a className="button" href={`/api/v1/audit?${new URLSearchParams({ ...q, format: "csv" })}`} download>
          Download CSV</a>
      </form>
      {trail.isError && <p role="alert">{String(trail.error.message)}</p>}
      <div className="table-scroll" role="region" aria-label="Audit trail" tabIndex={0}>
        <table className="report-table audit">
          <thead><tr><th>#</th><th>When</th><th>Type</th><th>Actor</th><th>Summary</th><th>Object</th></tr></thead>
          <tbody>{trail.data?.items.map((e) => (
            <tr key={e.position} className={e.critical ? "critical" : undefined}>
              <td>{e.position}</td><td>{new Date(e.at).toLocaleString()}</td><td>{e.type}</td>
              <td title={e.actor ?? ""}>{e.actor_name ?? e.actor ?? ""}</td><td className="summary">{e.summary}</td>
              <td className="row-actions">
                <button type="button" onClick={() => set({ entity_id: e.entity_id })}
                  aria-label={`History of ${e.entity} ${e.entity_id.slice(0, 8)} (event ${e.position})`}>History</button>
                {readable(e.entity) && <button type="button" onClick={() => setShown(e)}
                  aria-label={`The ${e.entity} as it was after event ${e.position}`}>As it was</button>}
              </td>
            </tr>))}</tbody>
        </table>
      </div>
      <Pager page={page} perPage={PER_PAGE} list={trail.data} onPage={setPage} />
      <AsItWas entry={shown} onClose={() => setShown(null)} />
    </section>
  );
}

function AsItWas({ entry, onClose }: { entry: Entry | null; onClose: () => void }) {
  const path = entry ? (entry.entity === "settings" ? "/api/v1/settings"
    : `/api/v1/${AS_OF[entry.entity]}/${entry.entity_id}`) : "";
  const state = useQuery({
    queryKey: ["as-of", path, entry?.version], enabled: entry !== null,
    queryFn: async () => {  // one reader for every kind of object: the same `?version=` on each
      const answer = await fetch(`${path}?version=${entry?.version}`, { credentials: "same-origin" });
      const body = await answer.json();
      if (!answer.ok) throw new Error(body.error?.message ?? answer.statusText);
      return body as Record<string, unknown>;
    },
  });
  return (
    <Dialog title={entry ? `${entry.type} — as it was (version ${entry.version})` : "As it was"} open={entry !== null}
      onClose={onClose} wide>
      {state.isError && <p role="alert">{String(state.error.message)}</p>}
      {state.data && <dl className="as-of">{Object.entries(state.data).map(([k, v]) => (
        <div key={k}><dt>{k.replaceAll("_", " ")}</dt>
          <dd>{typeof v === "object" && v !== null ? JSON.stringify(v) : String(v ?? "")}</dd></div>))}</dl>}
    </Dialog>
  );
}
