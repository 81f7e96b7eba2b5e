// The order board: a column per open status; orders appear and move live (the shared
// feed, resumed with after=<position>), with a cue. A tap, or a drag to the next column,
// moves a ticket on; handing an unpaid one over takes its money first; a mistaken move
// can be taken back from the notice it leaves.
import { useQueries, useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useState } from "react";
import { api, ApiError, type Me, must, type Order } from "../../api/client";
import { age, BOARD, handsOver, nextStatus, type Status, statusName } from "../../lib/status";
import { useStoreTime } from "../../lib/time";
import type { LiveMessage } from "../../live/feed";
import { useLive } from "../../live/useLive";
import { CollectDialog } from "./CollectDialog";

type Moved = { order: Order; to: Status };

export default function BoardPage({ me }: { me: Me }) {
  const client = useQueryClient();
  const time = useStoreTime();
  const [fresh, setFresh] = useState<Set<string>>(new Set());
  const [sound, setSound] = useState(false);
  const [error, setError] = useState("");
  const [dragged, setDragged] = useState<Order | null>(null);
  const [collecting, setCollecting] = useState<Moved | null>(null);
  const [moved, setMoved] = useState<Moved | null>(null);
  const [, tick] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => tick((n) => n + 1), 30_000); // ticket ages move on
    return () => clearInterval(timer);
  }, []);
  const read = (status: Status, min_position?: number) => must(api.GET("/api/v1/orders", {
    params: { query: { status, per_page: 200, sort: "due", ...(min_position ? { min_position } : {}) } } }));
  const columns = useQueries({ queries: BOARD.map((status) => ({ queryKey: ["board", status],
    queryFn: () => read(status) })) });
  const reread = useCallback((position?: number | null) => {
    for (const status of BOARD) {  // at least as new as the change (no stale column after a move)
      void client.fetchQuery({ queryKey: ["board", status], queryFn: () => read(status, position ?? undefined) });
    }
  }, [client]); // `read` only builds a request
  const onLive = useCallback((message: LiveMessage) => {
    if (!message.type.startsWith("order.")) return;
    const data = message.data as { id?: string; channel?: string };
    reread(message.position);
    if (message.type === "order.placed" && data.id && data.channel !== "pos") {
      setFresh((s) => new Set(s).add(data.id!));
      if (sound) beep();
    }
  }, [reread, sound]);
  useLive(onLive);
  const advance = async (order: Order) => {
    const to = nextStatus(order);
    if (!to) return;
    setError("");
    if (handsOver(order, to) && order.balance_due !== "0.00") return setCollecting({ order, to });
    try {
      const done = await must(api.PATCH("/api/v1/orders/{id}/status", { params: { path: { id: order.id } },
        body: { status: to } }));
      setMoved({ order: done, to });
      reread(done.position);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    }
  };
  const undo = async () => {
    if (!moved) return;
    try {
      const back = await must(api.POST("/api/v1/orders/{id}/status/undo", { params: { path: { id: moved.order.id } },
        body: { reason: "tapped by mistake" } }));
      setMoved(null);
      reread(back.position);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    }
  };
  return (
    <div className="board-page">
      <div className="board-bar">
        <h1>Order board</h1>
        <label><input type="checkbox" checked={sound} onChange={(e) => setSound(e.target.checked)} /> Sound on new orders</label>
        <p role="status" className="notice">{moved && <>{moved.order.number}: {statusName(moved.to, moved.order.fulfilment)}
          {" "}<button type="button" className="link" onClick={undo}>Undo</button></>}</p>
        {error && <p className="error" role="alert">{error}</p>}
      </div>
      <div className="board">
        {BOARD.map((status, i) => (
          <section key={status} className="column" aria-label={`${statusName(status)} orders`}
            onDragOver={(e) => { if (dragged && nextStatus(dragged) === status) e.preventDefault(); }}
            onDrop={(e) => { e.preventDefault(); if (dragged) void advance(dragged); setDragged(null); }}>
            <h2>{statusName(status)} <span className="count">{columns[i].data?.total ?? ""}</span></h2>
            <ul>
              {columns[i].data?.items.map((order) => {
                const to = nextStatus(order);
                const due = order.balance_due !== "0.00";
                return (
                  <li key={order.id} className={fresh.has(order.id) ? "ticket fresh" : "ticket"}
                    draggable={Boolean(to)} onDragStart={() => setDragged(order)} onDragEnd={() => setDragged(null)}>
                    <button type="button" onClick={() => advance(order)} disabled={!to}
                      aria-label={`Order ${order.number}, ${due ? `${order.balance_due} due` : "paid"}: ${to
                        ? `mark ${statusName(to, order.fulfilment)}` : "done"}`}>
                      <strong>{order.number}{fresh.has(order.id) && <span className="badge">New</span>}</strong>
                      <span className={due ? "pay-mark due" : "pay-mark paid"}>{due ? `Due ${order.balance_due}`
                        : "Paid"}</span>
                      <span>{order.channel} · {order.fulfilment ?? "pickup"} · {age(order.created_at)}</span>
                      {order.pickup_at && <span className="due">Due {time(order.pickup_at, "due")}</span>}
                      <span className="items">{order.items.map((it) => `${it.quantity}× ${it.name}`).join(", ")}</span>
                      {to && <span className="next">→ {statusName(to, order.fulfilment)}</span>}
                    </button>
                  </li>
                );
              })}
            </ul>
          </section>
        ))}
      </div>
      <CollectDialog order={collecting?.order ?? null} handOver={collecting?.to} me={me}
        onClose={() => setCollecting(null)} onDone={(done) => {
          setMoved(collecting && { order: done, to: collecting.to });
          setCollecting(null);
          reread(done.position);
        }} />
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
