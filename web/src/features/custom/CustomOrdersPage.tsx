// Custom orders: the cake that must be ready Saturday 10:00. Take one (customer,
// specification, price, deposit and its tender, due time), see them by due time, take
// the balance at pickup, cancel (the deposit is kept or refunded, as the settings say).
import { useQuery } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { api, ApiError, type Me, must, newKey, type Order } from "../../api/client";
import { Dialog } from "../../ui/Dialog";
import { useMyOpenShift } from "../../lib/shifts";
import { statusName } from "../../lib/status";
import { fromStoreClock, useStoreTime } from "../../lib/time";
import { useStore } from "../../ui/store";

type Tender = "cash" | "card" | "other" | "account";

export default function CustomOrdersPage({ me }: { me: Me }) {
  const [taking, setTaking] = useState(false);
  const [minPosition, setMinPosition] = useState<number | undefined>();
  const [notice, setNotice] = useState("");
  const [error, setError] = useState("");
  const shift = useMyOpenShift(me);
  const time = useStoreTime();
  const orders = useQuery({
    queryKey: ["custom-orders", minPosition],
    queryFn: () => must(api.GET("/api/v1/custom-orders", { params: { query: {
      per_page: 100, ...(minPosition ? { min_position: minPosition } : {}) } } })),
  });
  const done = (message: string, order: Order) => {
    setNotice(message);
    setError("");
    setMinPosition(order.position ?? undefined);
  };
  const act = async (run: () => Promise<Order>, message: (o: Order) => string) => {
    try {
      const order = await run();
      done(message(order), order);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    }
  };
  const shiftId = shift.data?.id;
  return (
    <section className="panel wide">
      <h1>Custom orders</h1>
      <div className="bar">
        <p className="muted">{shiftId ? "Cash goes into your open shift's drawer." : "No open shift: cash needs one."}</p>
        <button type="button" onClick={() => setTaking(true)}>New custom order</button>
      </div>
      <p role="status" className="notice">{notice}</p>
      {error && <p className="error" role="alert">{error}</p>}
      <div className="table-scroll" role="region" aria-label="Custom orders by due time" tabIndex={0}>
        <table className="records">
          <thead><tr><th>Due</th><th>Number</th><th>Customer</th><th>Cake</th><th>Total</th><th>Balance</th>
            <th>Status</th><th><span className="sr-only">Actions</span></th></tr></thead>
          <tbody>
            {orders.data?.items.map((o) => (
              <tr key={o.id}>
                <td>{o.pickup_at ? time(o.pickup_at, "due") : ""}</td>
                <td>{o.number}</td><td>{o.customer_name ?? ""}</td><td title={o.note ?? ""}>{o.items[0]?.name}</td>
                <td>{o.total}</td><td>{o.balance_due}</td><td>{statusName(o.status, o.fulfilment)}</td>
                <td className="row-actions">
                  {o.status !== "cancelled" && o.balance_due !== "0.00" && (
                    <button type="button" aria-label={`Take the balance of ${o.number}`} onClick={() => act(
                      () => must(api.POST("/api/v1/orders/{id}/payments", { params: { path: { id: o.id } },
                        body: { method: shiftId ? "cash" : "card", amount: o.balance_due,
                          ...(shiftId ? { shift_id: shiftId } : {}) }, headers: { "Idempotency-Key": newKey() } })),
                      (p) => `${p.number}: balance taken, ${p.payment_status}.`)}>
                      Balance {shiftId ? "(cash)" : "(card)"}
                    </button>
                  )}
                  {(o.status === "placed" || o.status === "confirmed" || o.status === "picked") && (
                    <button type="button" aria-label={`Cancel ${o.number}`} onClick={() => act(
                      () => must(api.POST("/api/v1/orders/{id}/cancel", { params: { path: { id: o.id } },
                        body: { reason: "cancelled at the counter", ...(shiftId ? { shift_id: shiftId } : {}) } })),
                      (c) => `${c.number} cancelled${c.refunded !== "0.00" ? `, ${c.refunded} given back` : ""}.`)}>
                      Cancel
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <TakeDialog open={taking} shiftId={shiftId} onClose={() => setTaking(false)} onDone={(o) => {
        setTaking(false);
        done(`Taken: ${o.number}, due ${time(o.pickup_at ?? "", "due")}, ${o.balance_due} to pay.`, o);
      }} />
    </section>
  );
}

function TakeDialog({ open, shiftId, onClose, onDone }: {
  open: boolean; shiftId: string | undefined; onClose: () => void; onDone: (o: Order) => void;
}) {
  const [q, setQ] = useState("");
  const [failure, setFailure] = useState("");
  const [key, setKey] = useState(newKey);
  const zone = useStore().data?.timezone ?? "UTC";
  const customers = useQuery({
    queryKey: ["customers", "pick", q],
    queryFn: () => must(api.GET("/api/v1/customers", { params: { query: { per_page: 20, ...(q ? { q } : {}) } } })),
    enabled: open,
  });
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const text = (name: string) => String(form.get(name) ?? "").trim();
    const method = text("deposit_method") as Tender;
    const due = text("due_at");
    setFailure("");
    try {
      const order = await must(api.POST("/api/v1/custom-orders", {
        body: {
          customer_id: text("customer_id"), specification: text("specification"), price: text("price"),
          tax_rate: text("tax_rate") || "0", deposit: text("deposit") || "0", deposit_method: method,
          due_at: due ? fromStoreClock(due, zone) : "", // the store's clock, wherever this browser is fulfilment: text("fulfilment") as "pickup" | "delivery",
          ...(method === "cash" && shiftId ? { shift_id: shiftId } : {}),
        } as never,
        headers: { "Idempotency-Key": key },
      }));
      setKey(newKey());
      onDone(order);
    } catch (err) {
      setFailure(err instanceof ApiError ? err.message : String(err));
    }
  };
  return (
    <Dialog title="New custom order" open={open} onClose={onClose} wide>
      <form onSubmit={submit}>
        <div className="field">
          <label htmlFor="custom-customer-search">Find the customer</label>
          <input id="custom-customer-search" value={q} onChange={(e) => setQ(e.target.value)} data-autofocus />
        </div>
        <div className="field">
          <label htmlFor="custom-customer">Customer</label>
          <select id="custom-customer" name="customer_id" required>
            {customers.data?.items.map((c) => (
              <option key={c.id} value={c.id}>{c.full_name}{c.phone ? ` · ${c.phone}` : ""}</option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="custom-specification">What to make</label>
          <textarea id="custom-specification" name="specification" rows={3} required />
        </div>
        <div className="field"><label htmlFor="custom-price">Price</label>
          <input id="custom-price" name="price" inputMode="decimal" required /></div>
        <div className="field"><label htmlFor="custom-tax">Tax rate (%)</label>
          <input id="custom-tax" name="tax_rate" inputMode="decimal" defaultValue="7" /></div>
        <div className="field"><label htmlFor="custom-due">Due (the shop's time, {zone})</label>
          <input id="custom-due" name="due_at" type="datetime-local" required /></div>
        <div className="field"><label htmlFor="custom-fulfilment">Handed over by</label>
          <select id="custom-fulfilment" name="fulfilment"><option value="pickup">Pickup</option>
            <option value="delivery">Delivery</option></select></div>
        <div className="field"><label htmlFor="custom-deposit">Deposit</label>
          <input id="custom-deposit" name="deposit" inputMode="decimal" defaultValue="0" /></div>
        <div className="field"><label htmlFor="custom-method">Deposit paid by</label>
          <select id="custom-method" name="deposit_method" defaultValue={shiftId ? "cash" : "card"}>
            <option value="cash">Cash</option><option value="card">Card</option><option value="other">Other</option>
            <option value="account">Customer's account</option></select></div>
        {failure && <p className="error" role="alert">{failure}</p>}
        <button type="submit" className="primary">Take the order</button>
      </form>
    </Dialog>
  );
}
