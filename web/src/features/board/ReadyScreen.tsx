// For a second monitor facing the customers: pickup orders being prepared and ready to
// collect, by number, large, updated live. No menu, no names, no amounts.
import { useQueries, useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import { Link } from "react-router-dom";
import { api, must } from "../../api/client";
import type { LiveMessage } from "../../live/feed";
import { useLive } from "../../live/useLive";

const COLUMNS = [
  { status: "confirmed", title: "Being prepared" },
  { status: "picked", title: "Ready for pickup" },
] as const;

export default function ReadyScreen() {
  const client = useQueryClient();
  const read = (status: "confirmed" | "picked", min_position?: number) => must(api.GET("/api/v1/orders", {
    params: { query: { status, per_page: 200, ...(min_position ? { min_position } : {}) } } }));
  const columns = useQueries({
    queries: COLUMNS.map(({ status }) => ({ queryKey: ["ready", status], queryFn: () => read(status) })),
  });
  useLive(useCallback((m: LiveMessage) => {
    if (!m.type.startsWith("order.")) return;
    for (const { status } of COLUMNS) void read(status, m.position).then((page) => client.setQueryData(["ready", status], page));
  }, [client])); // `read` only builds a request
  return (
    <main className="ready-screen">
      {COLUMNS.map(({ status, title }, i) => (
        <section key={status} aria-label={title}>
          <h1>{title}</h1>
          <ul>
            {columns[i].data?.items.filter((o) => o.fulfilment !== "delivery").map((o) => <li key={o.id}>{o.number}</li>)}
          </ul>
        </section>
      ))}
      <Link to="/board" className="leave">Back to the board</Link>
    </main>
  );
}
