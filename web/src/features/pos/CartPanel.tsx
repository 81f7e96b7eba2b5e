import { useEffect, useState } from "react";
import { usePricesIncludeTax } from "../../ui/store";
import { type Cart, type Discount, discountPercent, EMPTY, price, setLineDiscount, setQuantity } from "../../lib/cart";
import { CartLines } from "../../ui/CartLines";
import { type Approval, DiscountDialog } from "./DiscountDialog";
import { fromCents } from "../../lib/money";
import { ParkedDialog } from "./ParkedDialog";
import { QuickSellDialog } from "./QuickSellDialog";

export function CartPanel({ cart, setCart, register, onPay, limit, approval, onApproved }: {
  cart: Cart; setCart: (update: (c: Cart) => Cart) => void; register: string; onPay: () => void;
  limit: number; approval: Approval | null; onApproved: (a: Approval) => void;
}) {
  const inclusive = usePricesIncludeTax();
  const sums = price(cart, inclusive);
  const [discounting, setDiscounting] = useState<string | "order" | null>(null);
  const [quick, setQuick] = useState(false);
  const [parked, setParked] = useState(false);
  const lines = cart.lines;
  useEffect(() => { // the till's keys, unless a dialog is open or a field is being typed in
    const onKey = (event: KeyboardEvent) => {
      const typing = event.target instanceof HTMLInputElement && event.target.dataset.scanner !== "true";
      if (document.querySelector("dialog[open]") || typing || event.ctrlKey || event.metaKey) return;
      const last = lines[lines.length - 1];
      const act: Record<string, () => void> = {
        F4: () => lines.length && setDiscounting("order"), F9: () => lines.length && onPay(),
        "+": () => last && setCart((c) => setQuantity(c, last.key, last.quantity + 1)),
        "-": () => last && setCart((c) => setQuantity(c, last.key, last.quantity - 1)),
      };
      if (!act[event.key] || ((event.key === "+" || event.key === "-") && event.target instanceof HTMLInputElement
        && event.target.value)) return;
      event.preventDefault();
      act[event.key]();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [lines, onPay, setCart]);
  const current = discounting === "order" ? cart.discount : cart.lines.find((l) => l.key === discounting)?.discount;
  const withDiscount = (c: Cart, discount: Discount | undefined) =>
    discounting === "order" ? { ...c, discount } : setLineDiscount(c, discounting!, discount);
  const applyDiscount = (discount: Discount | undefined) => {
    setCart((c) => withDiscount(c, discount));
    setDiscounting(null);
  };
  return (
    <>
      <h1 className="cart-title">Sale</h1>
      {cart.lines.length === 0 && <p className="muted">Scan or tap a product.</p>}
      <CartLines label="Cart lines" lines={sums.lines} setCart={setCart} canAdd={() => true} extra={(l) => (
        <button type="button" className="link" onClick={() => setDiscounting(l.key)} aria-label={`Discount on ${l.name}`}>
          {l.discount ? `−${fromCents(l.off)}` : "Discount"}
        </button>
      )} />
      <dl className="sums">
        <dt>Discounts</dt><dd>{fromCents(sums.discount)}</dd>
        <dt>Subtotal</dt><dd>{fromCents(sums.subtotal)}</dd>
        <dt>Tax</dt><dd>{fromCents(sums.tax)}</dd>
        <dt className="total">Total</dt><dd className="total" data-testid="cart-total">{fromCents(sums.total)}</dd>
      </dl>
      <div className="actions">
        <button type="button" onClick={() => setDiscounting("order")} disabled={!cart.lines.length}
          aria-keyshortcuts="F4">Order discount <kbd>F4</kbd></button>
        <button type="button" onClick={() => setQuick(true)}>Quick sell</button>
        <button type="button" onClick={() => setParked(true)}>Park / resume</button>
        <button type="button" onClick={() => setCart(() => EMPTY)} disabled={!cart.lines.length}>Clear</button>
        <button type="button" className="primary pay" onClick={onPay} disabled={!cart.lines.length}
          aria-keyshortcuts="F9">Pay {fromCents(sums.total)} <kbd>F9</kbd></button>
      </div>
      <p className="muted keys">Keys: <kbd>F2</kbd> search · <kbd>F4</kbd> discount · <kbd>F9</kbd> pay ·
        {" "}<kbd>+</kbd> <kbd>−</kbd> quantity · in Payment, type an amount and <kbd>Enter</kbd></p>
      <DiscountDialog open={discounting !== null} current={current} onClose={() => setDiscounting(null)}
        onApply={applyDiscount} title={discounting === "order" ? "Order discount" : "Line discount"}
        percentWith={(d) => discountPercent(withDiscount(cart, d), inclusive)} limit={limit} approval={approval}
        onApproved={onApproved} />
      <QuickSellDialog open={quick} onClose={() => setQuick(false)}
        onAdd={(line) => { setCart((c) => ({ ...c, lines: [...c.lines, line] })); setQuick(false); }} />
      <ParkedDialog open={parked} onClose={() => setParked(false)} register={register} cart={cart}
        onResume={(c) => { setCart(() => c); setParked(false); }} onParked={() => { setCart(() => EMPTY); setParked(false); }} />
    </>
  );
}
