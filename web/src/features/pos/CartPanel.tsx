import { useState } from "react";
import { usePricesIncludeTax } from "../../ui/store";
import { type Cart, type Discount, EMPTY, price, setLineDiscount } from "./cart";
import { CartLines } from "./CartLines";
import { DiscountDialog } from "./DiscountDialog";
import { fromCents } from "./money";
import { ParkedDialog } from "./ParkedDialog";
import { QuickSellDialog } from "./QuickSellDialog";

export function CartPanel({ cart, setCart, register, onPay }: {
  cart: Cart; setCart: (update: (c: Cart) => Cart) => void; register: string; onPay: () => void;
}) {
  const sums = price(cart, usePricesIncludeTax());
  const [discounting, setDiscounting] = useState<string | "order" | null>(null);
  const [quick, setQuick] = useState(false);
  const [parked, setParked] = useState(false);
  const current = discounting === "order" ? cart.discount : cart.lines.find((l) => l.key === discounting)?.discount;
  const applyDiscount = (discount: Discount | undefined) => {
    setCart((c) => (discounting === "order" ? { ...c, discount } : setLineDiscount(c, discounting!, discount)));
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
        <button type="button" onClick={() => setDiscounting("order")} disabled={!cart.lines.length}>
          Order discount
        </button>
        <button type="button" onClick={() => setQuick(true)}>Quick sell</button>
        <button type="button" onClick={() => setParked(true)}>Park / resume</button>
        <button type="button" onClick={() => setCart(() => EMPTY)} disabled={!cart.lines.length}>Clear</button>
        <button type="button" className="primary pay" onClick={onPay} disabled={!cart.lines.length}>
          Pay {fromCents(sums.total)}
        </button>
      </div>
      <DiscountDialog open={discounting !== null} current={current} onClose={() => setDiscounting(null)}
        onApply={applyDiscount} title={discounting === "order" ? "Order discount" : "Line discount"} />
      <QuickSellDialog open={quick} onClose={() => setQuick(false)}
        onAdd={(line) => { setCart((c) => ({ ...c, lines: [...c.lines, line] })); setQuick(false); }} />
      <ParkedDialog open={parked} onClose={() => setParked(false)} register={register} cart={cart}
        onResume={(c) => { setCart(() => c); setParked(false); }} onParked={() => { setCart(() => EMPTY); setParked(false); }} />
    </>
  );
}
