// Taking payment: one or several tenders (split tender), a numeric pad, change due.
// Only cash gives change; a card or other tender cannot exceed what is left to pay.
// Quick cash: the exact amount, or the next notes up. Enter in the amount field takes
// it in cash (the exact amount when empty) and completes the sale once it is paid.
import { useMemo, useState } from "react";
import { api, ApiError, must, newKey, type Order } from "../../api/client";
import { enqueue, type QueuedSale } from "../../offline/store";
import { changed } from "../../offline/sync";
import { Dialog } from "../../ui/Dialog";
import { usePricesIncludeTax } from "../../ui/store";
import { type Cart, price, saleItems, settle, type Tender } from "../../lib/cart";
import { fromCents, toCents } from "../../lib/money";
import { NumPad } from "./NumPad";

const METHODS: Tender["method"][] = ["cash", "card", "other"];

type Done = { onSold: (o: Order) => void; onQueued: (sale: QueuedSale, change: string) => void };

const NOTES = [500, 1000, 2000, 5000, 10000, 20000]; // cents: the notes a customer hands over

/** The quick-cash amounts: the next three notes at or above what is left to pay. */
export function quickCash(left: number): number[] {
  return NOTES.filter((n) => n >= left && n !== left).slice(0, 3);
}

export function PayDialog({ open, cart, shiftId, approval, onClose, ...done }: Done & {
  open: boolean; cart: Cart; shiftId: string; approval?: string; onClose: () => void;
}) {
  return (
    <Dialog title="Payment" open={open} onClose={onClose} wide>
      <Payment cart={cart} shiftId={shiftId} approval={approval} {...done} />
    </Dialog>
  );
}

function Payment({ cart, shiftId, approval, onSold, onQueued }: Done & { cart: Cart; shiftId: string;
  approval?: string }) {
  const inclusive = usePricesIncludeTax();
  const total = useMemo(() => price(cart, inclusive).total, [cart, inclusive]);
  const [key] = useState(newKey); // one sale, however often the button is pressed
  const [tenders, setTenders] = useState<Tender[]>([]);
  const [entry, setEntry] = useState("");
  const [error, setError] = useState("");
  const [busy, setBusy] = useState(false);
  const { left, change } = settle(total, tenders);
  const take = (method: Tender["method"], given?: number): Tender[] => {
    const amount = given ?? (entry ? toCents(entry) : left);
    if (amount <= 0) return tenders;
    if (method !== "cash" && amount > left) {
      setError(`A ${method} payment cannot exceed what is left to pay (${fromCents(left)}).`);
      return tenders;
    }
    setError("");
    const next = [...tenders, { method, amount: fromCents(amount) }];
    setTenders(next);
    setEntry("");
    return next;
  };
  const enter = () => { // Enter: the amount typed (or the exact amount) in cash, then the sale if it is paid
    const next = entry || left > 0 ? take("cash") : tenders;
    if (next.length && settle(total, next).left === 0) void complete(next);
  };
  const complete = async (paid: Tender[] = tenders) => {
    setBusy(true);
    setError("");
    const body = { shift_id: shiftId, items: saleItems(cart), payments: paid,
      ...(cart.discount ? { discount: cart.discount } : {}), ...(approval ? { approval } : {}) };
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
          onClick={() => complete()}>
          {busy ? "Recording…" : "Complete sale"}
        </button>
      </div>
      <div>
        <label htmlFor="tender-amount">Amount (empty: what is left)</label>
        <input id="tender-amount" inputMode="decimal" data-autofocus value={entry} placeholder={fromCents(left)}
          onChange={(e) => setEntry(e.target.value.replace(/[^0-9.]/g, ""))}
          onKeyDown={(e) => { if (e.key === "Enter") { e.preventDefault(); enter(); } }} />
        <div className="actions quick" role="group" aria-label="Quick cash">
          <button type="button" disabled={left === 0} onClick={() => take("cash", left)}>Exact {fromCents(left)}</button>
          {quickCash(left).map((n) => (
            <button key={n} type="button" onClick={() => take("cash", n)}>{fromCents(n)}</button>
          ))}
        </div>
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
