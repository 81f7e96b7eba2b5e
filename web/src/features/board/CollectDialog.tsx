// Taking what an order still owes: at the counter as it is handed over (the board, the
// pickup desk), or on its own (Orders). Cash goes into the caller's open drawer; an order
// with a customer may go on their account, within its credit.
import { useState } from "react";
import { api, ApiError, type Me, must, newKey, type Order } from "../../api/client";
import { useMyOpenShift } from "../../lib/shifts";
import { type Status, statusName } from "../../lib/status";
import { Dialog } from "../../ui/Dialog";

type Method = "cash" | "card" | "other" | "account";
const LABELS: Record<Method, string> = { cash: "Cash", card: "Card", other: "Other", account: "On account" };

export function CollectDialog({ order, handOver, me, onClose, onDone }: {
  order: Order | null; handOver?: Status; me: Me; onClose: () => void; onDone: (o: Order) => void;
}) {
  const title = order && handOver ? `${statusName(handOver, order.fulfilment)}: take ${order.balance_due} first`
    : `Take payment${order ? ` for ${order.number}` : ""}`;
  return (
    <Dialog title={title} open={order !== null} onClose={onClose}>
      {order && <Collect order={order} handOver={handOver} me={me} onDone={onDone} />}
    </Dialog>
  );
}

function Collect({ order, handOver, me, onDone }: { order: Order; handOver?: Status; me: Me;
  onDone: (o: Order) => void }) {
  const shift = useMyOpenShift(me);
  const [key] = useState(newKey);
  const [error, setError] = useState("");
  const methods: Method[] = ["cash", "card", "other", ...(order.customer_id ? ["account" as const] : [])];
  const take = async (method: Method) => {
    setError("");
    if (method === "cash" && !shift.data) return setError("Cash goes into your open shift's drawer: open one at the till.");
    const payment = { method, amount: order.balance_due };
    const drawer = method === "cash" && shift.data ? { shift_id: shift.data.id } : {};
    try {
      const done = handOver
        ? await must(api.PATCH("/api/v1/orders/{id}/status", { params: { path: { id: order.id } },
          body: { status: handOver, payment, ...drawer }, headers: { "Idempotency-Key": key } }))
        : await must(api.POST("/api/v1/orders/{id}/payments", { params: { path: { id: order.id } },
          body: { ...payment, ...drawer }, headers: { "Idempotency-Key": key } }));
      onDone(done);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    }
  };
  return (
    <div>
      <p className="big-due">Due <strong data-testid="amount-due">{order.balance_due}</strong>
        {order.paid !== "0.00" && <span className="muted"> · {order.paid} paid of {order.total}</span>}</p>
      {error && <p className="error" role="alert">{error}</p>}
      <div className="actions methods">
        {methods.map((m, i) => (
          <button key={m} type="button" className={i === 0 ? "primary" : undefined} data-autofocus={i === 0 || undefined}
            onClick={() => take(m)}>{LABELS[m]}</button>
        ))}
      </div>
    </div>
  );
}
