// Refunding a sale: units per line (never more than sold and not yet refunded), a reason,
// back on the shelf or not, to the original tenders or in cash (cash comes out of the
// open shift's drawer on this register).
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { api, ApiError, must, type Order } from "../../api/client";
import { Dialog } from "../../ui/Dialog";
import { useOpenShift, useRegister } from "../../lib/till";
import { divideHalfUp, fromCents, toCents } from "../../lib/money";

export function RefundDialog({ orderId, onClose, onDone }: {
  orderId: string | null; onClose: () => void; onDone: (o: Order) => void;
}) {
  return (
    <Dialog title="Refund" open={orderId !== null} onClose={onClose} wide>
      {orderId && <RefundForm orderId={orderId} onDone={onDone} />}
    </Dialog>
  );
}

function left(order: Order): number[] {
  const refunded = new Map<number, number>();
  for (const r of order.refunds ?? []) for (const l of r.lines) refunded.set(l.line, (refunded.get(l.line) ?? 0) + l.quantity);
  return order.items.map((item, i) => item.quantity - (refunded.get(i + 1) ?? 0));
}

/** What refunding `units` of each line gives back, as the server reckons it (Order.refund_line):
 * the units' share of the line's total, the last units what is left of it. */
export function refundAmount(order: Order, units: Record<number, number>): number {
  const remaining = left(order);
  let cents = 0;
  for (const [number, quantity] of Object.entries(units)) {
    const i = Number(number) - 1;
    const item = order.items[i];
    if (!item || quantity <= 0) continue;
    const total = toCents(item.total);
    const given = (order.refunds ?? []).flatMap((r) => r.lines).filter((l) => l.line === i + 1)
      .reduce((sum, l) => sum + toCents(l.amount), 0);
    cents += quantity === remaining[i] ? total - given
      : Math.min(divideHalfUp(total * quantity, item.quantity), total - given);
  }
  return cents;
}

function RefundForm({ orderId, onDone }: { orderId: string; onDone: (o: Order) => void }) {
  const order = useQuery({ queryKey: ["order", orderId],
    queryFn: () => must(api.GET("/api/v1/orders/{id}", { params: { path: { id: orderId } } })) });
  const [register] = useRegister();
  const shift = useOpenShift(register);
  const [units, setUnits] = useState<Record<number, number>>({});
  const [reason, setReason] = useState("");
  const [restock, setRestock] = useState(true);
  const [tender, setTender] = useState<"original" | "cash">("original");
  const [error, setError] = useState("");
  if (!order.data) return <p>Loading…</p>;
  const remaining = left(order.data);
  const lines = Object.entries(units).filter(([, q]) => q > 0).map(([line, quantity]) => ({ line: Number(line), quantity }));
  const submit = async () => {
    setError("");
    try {
      const done = await must(api.POST("/api/v1/orders/{id}/refunds", { params: { path: { id: orderId } },
        body: { lines, reason, restock, tender, ...(shift.data ? { shift_id: shift.data.id } : {}) } as never }));
      onDone(done);
    } catch (e) {
      setError(e instanceof ApiError && e.code === "shift_required"
        ? "A cash refund needs your open shift on this register: open one at the till." : e instanceof ApiError
          ? e.message : String(e));
    }
  };
  return (
    <div>
      <p>{order.data.number} · paid {order.data.total} · refunded so far {order.data.refunded}</p>
      <table className="orders">
        <thead><tr><th>Item</th><th>Sold</th><th>Refundable</th><th>Refund</th></tr></thead>
        <tbody>
          {order.data.items.map((item, i) => (
            <tr key={i}>
              <td>{item.name}</td><td>{item.quantity}</td><td>{remaining[i]}</td>
              <td>
                <label className="sr-only" htmlFor={`refund-${i + 1}`}>Units of {item.name} to refund</label>
                <input id={`refund-${i + 1}`} type="number" min={0} max={remaining[i]} value={units[i + 1] ?? 0}
                  disabled={remaining[i] === 0} className="units"
                  onChange={(e) => setUnits({ ...units, [i + 1]: Math.max(0, Math.min(remaining[i], Number(e.target.value) || 0)) })} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <label htmlFor="refund-reason">Reason</label>
      <input id="refund-reason" required value={reason} onChange={(e) => setReason(e.target.value)} />
      <label className="inline"><input type="checkbox" checked={restock} onChange={(e) => setRestock(e.target.checked)} />
        Back on the shelf (restock)</label>
      <fieldset>
        <legend>Pay back</legend>
        <label><input type="radio" name="tender" checked={tender === "original"} onChange={() => setTender("original")} />
          To the original payments</label>
        <label><input type="radio" name="tender" checked={tender === "cash"} onChange={() => setTender("cash")} /> In cash</label>
      </fieldset>
      {error && <p className="error" role="alert">{error}</p>}
      <button type="button" className="primary" disabled={!lines.length || !reason.trim()} onClick={submit}>
        Refund {fromCents(refundAmount(order.data, units))} ({lines.reduce((n, l) => n + l.quantity, 0)} item
        {lines.reduce((n, l) => n + l.quantity, 0) === 1 ? "" : "s"})
      </button>
    </div>
  );
}
