// A customer's orders, followed live (their feed carries their own orders' events), with
// cancelling while the order has not left the shop.
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useState } from "react";
import { useSearchParams } from "react-router-dom";
import { api, ApiError, must } from "../../api/client";
import type { LiveMessage } from "../../live/feed";
import { useLive } from "../../live/useLive";
import { statusName, steps } from "../../lib/status";
import { useStoreTime } from "../../lib/time";

const CANCELLABLE = new Set(["placed", "confirmed", "picked"]);

export default function MyOrdersPage() {
  const client = useQueryClient();
  const [params] = useSearchParams();
  const placed = params.get("placed");
  const [error, setError] = useState("");
  const time = useStoreTime();
  const read = (min_position?: number) => must(api.GET("/api/v1/orders", {
    params: { query: { per_page: 50, ...(min_position ? { min_position } : {}) } } }));
  const orders = useQuery({ queryKey: ["my-orders"], queryFn: () => read(Number(params.get("at")) || undefined) });
  const reread = useCallback(async (position: number) => {
    client.setQueryData(["my-orders"], await read(position));
  }, [client]); // `read` only builds a request
  useLive(useCallback((m: LiveMessage) => {
    if (m.type.startsWith("order.")) void reread(m.position);
  }, [reread]));
  const cancel = async (id: string) => {
    setError("");
    try {
      const order = await must(api.POST("/api/v1/orders/{id}/cancel", { params: { path: { id } }, body: {} }));
      if (order.position) await reread(order.position);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    }
  };
  return (
    <section className="panel wide">
      <h1>My orders</h1>
      {placed && <p role="status" className="change">Thank you! Your order is placed; follow it here.</p>}
      {error && <p className="error" role="alert">{error}</p>}
      {orders.data?.items.length === 0 && <p className="muted">No orders yet.</p>}
      <ul className="list my-orders">
        {orders.data?.items.map((o) => (
          <li key={o.id} aria-label={`Order ${o.number}`}>
            <div>
              <strong>{o.number}</strong> · {time(o.created_at)} · {o.total}
              <div className="muted">{o.items.map((i) => `${i.quantity}× ${i.name}`).join(", ")}</div>
              {o.pickup_at && <div className="pickup">{o.fulfilment === "delivery" ? "Delivery" : "Pickup"}{" "}
                {time(o.pickup_at, "due")}</div>}
              <ol className="steps" aria-label="Progress">
                {o.status === "cancelled" ? <li className="done">Cancelled</li> : steps(o).map((s, i, all) => (
                  <li key={s} className={i <= all.indexOf(o.status as never) ? "done" : undefined}
                    aria-current={s === o.status ? "step" : undefined}>{statusName(s, o.fulfilment)}</li>
                ))}
              </ol>
            </div>
            {CANCELLABLE.has(o.status) && (
              <button type="button" onClick={() => cancel(o.id)} aria-label={`Cancel order ${o.number}`}>Cancel</button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
