// Park the cart on this register, or take a parked one back (another terminal on the
// same register sees it too: it is kept on the server, and reserves nothing).
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { api, ApiError, must, type Product } from "../../api/client";
import { Dialog } from "../../ui/Dialog";
import { useStoreTime } from "../../lib/time";
import { usePricesIncludeTax } from "../../ui/store";
import { type Cart, type CartLine, type Discount, price, saleItems } from "../../lib/cart";
import { fromCents } from "../../lib/money";

type StoredLine = { quantity: number; product_id?: string; name?: string; price?: string; tax_rate?: string;
  discount?: Discount };

export function cartOf(stored: { items?: StoredLine[]; discount?: Discount }, catalog: Product[]): Cart {
  const byId = new Map(catalog.map((p) => [p.id, p]));
  const lines: CartLine[] = (stored.items ?? []).map((item, i) => {
    const product = item.product_id ? byId.get(item.product_id) : undefined;
    return product
      ? { key: product.id, productId: product.id, name: product.name, price: product.price, taxRate: product.tax_rate,
          quantity: item.quantity, discount: item.discount }
      : { key: `quick:parked-${i}`, name: item.name ?? "Item", price: item.price ?? "0.00",
          taxRate: item.tax_rate ?? "0", quantity: item.quantity, discount: item.discount };
  });
  return { lines, discount: stored.discount };
}

export function ParkedDialog({ open, onClose, register, cart, onResume, onParked }: {
  open: boolean; onClose: () => void; register: string; cart: Cart; onResume: (c: Cart) => void; onParked: () => void;
}) {
  const client = useQueryClient();
  const [note, setNote] = useState("");
  const [error, setError] = useState("");
  const time = useStoreTime();
  const inclusive = usePricesIncludeTax();
  const catalog = client.getQueryData<Product[]>(["catalog"]) ?? [];
  const list = (min_position?: number | null) =>
    must(api.GET("/api/v1/pos/parked", { params: { query: { register, ...(min_position ? { min_position } : {}) } } }));
  const parked = useQuery({ queryKey: ["parked", register], enabled: open, queryFn: () => list() });
  /** Read the list again, at least as new as our own write. */
  const reread = async (position?: number | null) => client.setQueryData(["parked", register], await list(position));
  const park = async () => {
    try {
      const done = await must(api.POST("/api/v1/pos/parked", { body: { register, items: saleItems(cart),
        ...(cart.discount ? { discount: cart.discount } : {}), ...(note ? { note } : {}) } as never }));
      setNote("");
      await reread(done.position);
      onParked();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    }
  };
  const resume = async (id: string, stored: unknown) => {
    try {
      const taken = await must(api.DELETE("/api/v1/pos/parked/{id}", { params: { path: { id } } }));
      await reread(taken.position);
      onResume(cartOf(stored as { items?: StoredLine[] }, client.getQueryData<Product[]>(["catalog"]) ?? []));
    } catch (e) {
      setError(e instanceof ApiError && e.status === 409 ? "Someone else resumed it already." : String(e));
    }
  };
  return (
    <Dialog title="Parked sales" open={open} onClose={onClose}>
      {cart.lines.length > 0 && (
        <div className="park">
          <label htmlFor="park-note">Note (optional)</label>
          <input id="park-note" value={note} onChange={(e) => setNote(e.target.value)} />
          <button type="button" className="primary" onClick={park}>Park this sale</button>
        </div>
      )}
      {error && <p className="error" role="alert">{error}</p>}
      <h3>On {register}</h3>
      {parked.data?.items.length === 0 && <p className="muted">Nothing parked.</p>}
      <ul className="list">
        {parked.data?.items.map((p) => {
          const stored = cartOf(p.cart as { items?: StoredLine[] }, catalog);
          return (
            <li key={p.id} aria-label={`Parked at ${time(p.parked_at, "time")}`}>
              <span>
                <strong>{fromCents(price(stored, inclusive).total)}</strong> · {time(p.parked_at, "time")} ·
                {" "}{p.parked_by_name ?? p.parked_by}{p.note ? ` · ${p.note}` : ""}
                <span className="muted parked-items">{stored.lines.map((l) => `${l.quantity}× ${l.name}`).join(", ")}</span>
              </span>
              <button type="button" disabled={cart.lines.length > 0} onClick={() => resume(p.id, p.cart)}>Resume</button>
            </li>
          );
        })}
      </ul>
    </Dialog>
  );
}
