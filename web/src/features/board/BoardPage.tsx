// The order board: a column per open status; orders appear and move live (the shared
// feed, resumed with after=<position>), with a cue; a tap, or a drag to the next column,
// moves a ticket on.
import { useQueries, useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useState } from "react";
import { api, ApiError, must, type Order } from "../../api/client";
import type { LiveMessage } from "../../live/feed";
import { useLive } from "../../live/useLive";
import { age, due, NEXT, STATUSES } from "./status";

export default function BoardPage() {
  const client = useQueryClient();
  const [fresh, setFresh] = useState<Set<string>>(new Set());
  const [sound, setSound] = useState(false);
  const [error, setError] = useState("");
  const [dragged, setDragged] = useState<Order | null>(null);
  const [, tick] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => tick((n) => n + 1), 30_000); // ticket ages move on
    return () => clearInterval(timer);
  }, []);
  const columns = useQueries({
    queries: STATUSES.map((status) => ({
      queryKey: ["board", status],
      queryFn: () => must(api.GET("/api/v1/orders", { params: { query: { status, per_page: 200, sort: "due" } } })),
    })),
  });
  const onLive = useCallback((message: LiveMessage) => {
    if (!message.type.startsWith("order.")) return;
    const data = message.data as { id?: string; channel?: string };
    // Read the board again at least as new as this event (no stale column after a move).
    for (const status of STATUSES) {
      client.fetchQuery({ queryKey: ["board", status], queryFn: () => must(api.GET("/api/v1/orders", {
        params: { query: { status, per_page: 200, sort: "due", min_position: message.position } } })) });
    }
    if (message.type === "order.placed" && data.id && data.channel !== "pos") {
      setFresh((s) => new Set(s).add(data.id!));
      if (sound) beep();
    }
  }, [client, sound]);
  useLive(onLive);
  const advance = async (order: Order) => {
    const status = NEXT[order.status];
    if (!status) return;
    setError("");
    try {
      await must(api.PATCH("/api/v1/orders/{id}/status", { params: { path: { id: order.id } }, body: { status } }));
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    }
  };
  return (
    <div className="board-page">
      <div className="board-bar">
        <h1>Order board</h1>
        <label><input type="checkbox" checked={sound} onChange={(e) => setSound(e.target.checked)} /> Sound on new orders</label>
        {error && <p className="error" role="alert">{error}</p>}
      </div>
      <div className="board">
        {STATUSES.map((status, i) => (
          <section key={status} className="column" aria-label={`${status} orders`}
            onDragOver={(e) => { if (dragged && NEXT[dragged.status] === status) e.preventDefault(); }}
            onDrop={(e) => { e.preventDefault(); if (dragged) void advance(dragged); setDragged(null); }}>
            <h2>{status} <span className="count">{columns[i].data?.total ?? ""}</span></h2>
            <ul>
              {columns[i].data?.items.map((order) => (
                <li key={order.id} className={fresh.has(order.id) ? "ticket fresh" : "ticket"}
                  draggable={Boolean(NEXT[order.status])} onDragStart={() => setDragged(order)}
                  onDragEnd={() => setDragged(null)}>
                  <button type="button" onClick={() => advance(order)} disabled={!NEXT[order.status]}
                    aria-label={`Order ${order.number}: move to ${NEXT[order.status] ?? "nowhere"}`}>
                    <strong>{order.number}{fresh.has(order.id) && <span className="badge">New</span>}</strong>
                    <span>{order.channel} · {order.fulfilment ?? "pickup"} · {age(order.created_at)}</span>
                    {order.pickup_at && <span className="due">Due {due(order.pickup_at)}</span>}
                    <span className="items">{order.items.map((it) => `${it.quantity}× ${it.name}`).join(", ")}</span>
                    {NEXT[order.status] && <span className="next">→ {NEXT[order.status]}</span>}
                  </button>
                </li>
              ))}
            </ul>
          </section>
        ))}
      </div>
    </div>
  );
}

function beep(): void {
  const audio = new AudioContext();
  const tone = audio.createOscillator();
  tone.connect(audio.destination);
  tone.frequency.value = 880;
  tone.start();
  tone.stop(audio.currentTime + 0.15);
}
