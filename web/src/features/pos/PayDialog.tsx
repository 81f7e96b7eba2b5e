// Taking payment: one or several tenders (split tender), a numeric pad, change due.
// Only cash gives change; a card or other tender cannot exceed what is left to pay.
import { useMemo, useState } from "react";
import { api, ApiError, must, newKey, type Order } from "../../api/client";
import { enqueue, type QueuedSale } from "../../offline/store";
import { changed } from "../../offline/sync";
import { Dialog } from "../../ui/Dialog";
import { usePricesIncludeTax } from "../../ui/store";
import { type Cart, price, saleItems, settle, type Tender } from "./cart";
import { fromCents, toCents } from "./money";
import { NumPad } from "./NumPad";

const METHODS: Tender["method"][] = ["cash", "card", "other"];

type Done = { onSold: (o: Order) => void; onQueued: (sale: QueuedSale, change: string) => void };

export function PayDialog({ open, cart, shiftId, onClose, ...done }: Done & {
  open: boolean; cart: Cart; shiftId: string; onClose: () => void;
}) {
  return (
    <Dialog title="Payment" open={open} onClose={onClose} wide>
      <Payment cart={cart} shiftId={shiftId} {...done} />
    </Dialog>
  );
}

function Payment({ cart, shiftId, onSold, onQueued }: Done & { cart: Cart; shiftId: string }) {
  const inclusive = usePricesIncludeTax();
  const total = useMemo(() => price(cart, inclusive).total, [cart, inclusive]);
  const [key] = useState(newKey); // one sale, however often the button is pressed
  const [tenders, setTenders] = useState<Tender[]>([]);
  const [entry, setEntry] = useState("");
  const [error, setError] = useState("");
  const [busy, setBusy] = useState(false);
  const { left, change } = settle(total, tenders);
  const take = (method: Tender["method"]) => {
    const amount = entry ? toCents(entry) : left;
    if (amount <= 0) return;
    if (method !== "cash" && amount > left) {
      return setError(`A ${method} payment cannot exceed what is left to pay (${fromCents(left)}).`);
    }
    setError("");
    setTenders([...tenders, { method, amount: fromCents(amount) }]);
    setEntry("");
  };
  const complete = async () => {
    setBusy(true);
    setError("");
    const body = { shift_id: shiftId, items: saleItems(cart), payments: tenders,
      ...(cart.discount ? { discount: cart.discount } : {}) };
    try {
      const order = await must(api.POST("/api/v1/pos/sales", { body: body as never, headers: { "Idempotency-Key": key } }));
      onSold(order as Order);
    } catch (e) {
      if (e instanceof ApiError && e.status === 0) {
        // Offline: the goods are handed over now; the sale is sent, once, when the network is back.
        const sale = { key, body: { ...body, sold_at: new Date().toISOString() }, total: fromCents(total),
          queuedAt: new Date().toISOString() };
        await enqueue(sale);
        changed();
        onQueued(sale, fromCents(change));
        return;
      }
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="payment">
      <div>
        <dl className="sums big">
          <dt>Total</dt><dd>{fromCents(total)}</dd>
          <dt>Left to pay</dt><dd data-testid="left-to-pay">{fromCents(left)}</dd>
          <dt>Change</dt><dd data-testid="change-due">{fromCents(change)}</dd>
        </dl>
        <ul className="list" aria-label="Tenders">
          {tenders.map((t, i) => (
            <li key={i}>
              <span>{t.method} {t.amount}</span>
              <button type="button" aria-label={`Remove ${t.method} ${t.amount}`}
                onClick={() => setTenders(tenders.filter((_, j) => j !== i))}>✕</button>
            </li>
          ))}
        </ul>
        {error && <p className="error" role="alert">{error}</p>}
        <button type="button" className="primary pay" disabled={left > 0 || busy || !tenders.length}
          onClick={complete}>
          {busy ? "Recording…" : "Complete sale"}
        </button>
      </div>
      <div>
        <label htmlFor="tender-amount">Amount (empty: what is left)</label>
        <input id="tender-amount" inputMode="decimal" data-autofocus value={entry} placeholder={fromCents(left)}
          onChange={(e) => setEntry(e.target.value.replace(/[^0-9.]/g, ""))} />
        <NumPad value={entry} onChange={setEntry} />
        <div className="actions methods">
          {METHODS.map((m) => (
            <button key={m} type="button" onClick={() => take(m)} disabled={left === 0 && m !== "cash"}>
              {m === "cash" ? "Cash" : m === "card" ? "Card" : "Other"}
            </button>
          ))}
        </div>
      </div>
    </div>
  );
}
