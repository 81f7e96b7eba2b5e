// The till: product grid, search and scanner on the left, the cart on the right (on a
// phone, a bar at the bottom keeps the total and Pay in reach and opens the cart).
// Keys: F2 search, F4 discount, F9 pay, + and − the last line's quantity (CartPanel).
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { Me, Order } from "../../api/client";
import { Dialog } from "../../ui/Dialog";
import { usePricesIncludeTax } from "../../ui/store";
import { add, type Cart, EMPTY, price } from "../../lib/cart";
import type { Approval } from "./DiscountDialog";
import { fromCents } from "../../lib/money";
import { catalogLine } from "../../lib/lines";
import { CartPanel } from "./CartPanel";
import { useCatalog, useOpenShift, useRegister } from "../../lib/till";
import { OpenShiftForm } from "./OpenShiftForm";
import { PayDialog } from "./PayDialog";
import { ProductGrid } from "./ProductGrid";
import { ReceiptDialog } from "../../ui/ReceiptDialog";
import { useScanner } from "./scanner";

export default function PosPage({ me }: { me: Me }) {
  const [register, setRegister] = useRegister();
  const shift = useOpenShift(register);
  const catalog = useCatalog();
  const [cart, setCart] = useState<Cart>(EMPTY);
  const [paying, setPaying] = useState(false);
  const [sold, setSold] = useState<Order | null>(null);
  const [kept, setKept] = useState<{ total: string; change: string } | null>(null);
  const [notice, setNotice] = useState("");
  const [approval, setApproval] = useState<Approval | null>(null);
  const [cartOpen, setCartOpen] = useState(false);
  const inclusive = usePricesIncludeTax();
  const search = useRef<HTMLInputElement>(null);
  const byBarcode = useMemo(
    () => new Map((catalog.data ?? []).filter((p) => p.barcode).map((p) => [p.barcode!, p])),
    [catalog.data],
  );
  const scan = useCallback(
    (code: string) => {
      const product = byBarcode.get(code);
      if (!product) return setNotice(`No product has the barcode ${code}.`);
      setNotice(`Added ${product.name}.`);
      setCart((c) => add(c, catalogLine(product)));
    },
    [byBarcode],
  );
  useScanner(scan, !paying && !sold);
  useEffect(() => search.current?.focus(), [shift.data?.id]);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== "F2" || document.querySelector("dialog[open]")) return;
      event.preventDefault();
      search.current?.focus();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
  const total = price(cart, inclusive).total;
  const items = cart.lines.reduce((n, l) => n + l.quantity, 0);

  if (shift.isPending) return <p className="centered">Loading…</p>;
  if (!shift.data) return <OpenShiftForm me={me} register={register} setRegister={setRegister} />;
  return (
    <div className="pos till">
      <section className="pos-products" aria-label="Products">
        <ProductGrid products={catalog.data ?? []} loading={catalog.isPending} searchRef={search}
          onPick={(p) => setCart((c) => add(c, catalogLine(p)))} onScan={scan} />
      </section>
      <section className={cartOpen ? "pos-cart open" : "pos-cart"} aria-label="Cart">
        <p className="register">
          {register} · {shift.data.cashier === me.id ? "your shift" : "another cashier's shift"}
        </p>
        <CartPanel cart={cart} setCart={setCart} register={register} onPay={() => setPaying(true)}
          limit={Number(me.discount_limit ?? 0)} approval={approval} onApproved={setApproval} />
        <p className="notice" role="status" aria-live="polite">{notice}</p>
      </section>
      <div className="pos-bar" aria-label="Sale total">
        <button type="button" aria-expanded={cartOpen} onClick={() => setCartOpen(!cartOpen)}>
          {cartOpen ? "Products" : `Cart · ${items} item${items === 1 ? "" : "s"}`}</button>
        <strong data-testid="bar-total">{fromCents(total)}</strong>
        <button type="button" className="primary" disabled={!cart.lines.length} onClick={() => setPaying(true)}>
          Pay {fromCents(total)}</button>
      </div>
      <PayDialog open={paying} cart={cart} shiftId={shift.data.id} approval={approval?.approval}
        onClose={() => setPaying(false)}
        onSold={(order) => {
          setPaying(false);
          setCart(EMPTY);
          setApproval(null);
          setCartOpen(false);
          setSold(order);
          setNotice(`Sale ${order.invoice_number ?? order.number} recorded.`);
        }}
        onQueued={(sale, change) => {
          setPaying(false);
          setCart(EMPTY);
          setApproval(null);
          setCartOpen(false);
          setKept({ total: sale.total, change });
        }} />
      <Dialog title="Sale kept offline" open={kept !== null} onClose={() => setKept(null)}>
        <p>The sale of <strong>{kept?.total}</strong> is kept on this till and sent when the network is back;
          its receipt can be printed from Orders then.</p>
        <p className="change">Change due: <strong>{kept?.change}</strong></p>
        <button type="button" className="primary" data-autofocus onClick={() => setKept(null)}>New sale</button>
      </Dialog>
      <ReceiptDialog order={sold} onClose={() => {
        setSold(null);
        search.current?.focus();
      }} />
    </div>
  );
}
