// The shop for customers: what is available now (kept current by the live feed, whose
// stock messages tell a customer only what is available), a basket, and an online order
// for pickup or delivery.
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useMemo, useState } from "react";
import { Link, useNavigate } from "react-router-dom";
import { api, ApiError, must, newKey, type Product } from "../../api/client";
import type { LiveMessage } from "../../live/feed";
import { useLive } from "../../live/useLive";
import { add, type Cart, EMPTY, price } from "../../lib/cart";
import { CartLines } from "../../ui/CartLines";
import { catalogLine } from "../../lib/lines";
import { fromCents } from "../../lib/money";
import { useStore } from "../../ui/store";
import { TileImage } from "../../ui/TileImage";
import { inZone } from "../../lib/time";

const BASKET = "oms.basket"; // kept for this browser session: a guest's basket survives logging in

function keptBasket(): Cart {
  try {
    return JSON.parse(sessionStorage.getItem(BASKET) ?? "") as Cart;
  } catch {
    return EMPTY;
  }
}

export default function ShopPage({ guest }: { guest: boolean }) {
  const client = useQueryClient();
  const navigate = useNavigate();
  const products = useQuery({
    queryKey: ["shop"],
    queryFn: () => must(api.GET("/api/v1/products", { params: { query: { per_page: 200 } } })),
  });
  useLive(useCallback((m: LiveMessage) => {
    if (m.type !== "stock.changed") return;
    const { product_id, available, archived } = m.data as { product_id: string; available: number; archived: boolean };
    client.setQueryData<{ items: Product[] }>(["shop"], (page) => page && {
      ...page, items: page.items.map((p) => (p.id === product_id ? { ...p, available, archived } : p)) });
  }, [client]), !guest);
  const [cart, setBasket] = useState<Cart>(keptBasket);
  const setCart = useCallback((update: Cart | ((c: Cart) => Cart)) => setBasket((c) => {
    const next = typeof update === "function" ? update(c) : update;
    sessionStorage.setItem(BASKET, JSON.stringify(next));
    return next;
  }), []);
  const [fulfilment, setFulfilment] = useState<"pickup" | "delivery">("pickup");
  const [note, setNote] = useState("");
  const [pickupAt, setPickupAt] = useState("");
  const store = useStore();
  const slots = useQuery({
    queryKey: ["pickup-slots"],
    queryFn: () => must(api.GET("/api/v1/pickup-slots", { params: { query: { days: 3 } } })),
    enabled: !guest,
  });

  const [key, setKey] = useState(newKey);
  const [error, setError] = useState("");
  const closed = store.data?.services.online_orders === false; // the settings' services (admin)
  const delivers = store.data?.services.delivery !== false;
  const fee = delivers && fulfilment === "delivery" && Number(store.data?.delivery_fee ?? 0) > 0
    ? { key: "delivery", name: "Delivery", price: store.data!.delivery_fee, taxRate: store.data!.delivery_tax_rate,
        quantity: 1 } : null; // the server adds it as a line of the order
  const sums = price(fee ? { ...cart, lines: [...cart.lines, fee] } : cart, store.data?.prices_include_tax ?? false);
  const byCategory = useMemo(() => {
    const groups = new Map<string, Product[]>();
    for (const p of products.data?.items ?? []) {
      if (!p.archived) groups.set(p.category, [...(groups.get(p.category) ?? []), p]);
    }
    return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b));
  }, [products.data]);
  const available = new Map((products.data?.items ?? []).map((p) => [p.id, p.available]));
  const inCart = (id: string) => cart.lines.find((l) => l.key === id)?.quantity ?? 0;
  const order = async () => {
    setError("");
    try {
      const placed = await must(api.POST("/api/v1/orders", {
        body: { items: cart.lines.map((l) => ({ product_id: l.productId!, quantity: l.quantity })), channel: "online",
          fulfilment: delivers ? fulfilment : "pickup", ...(note.trim() ? { note: note.trim() } : {}), ...(pickupAt ? { pickup_at: pickupAt } : {}) } as never,
        headers: { "Idempotency-Key": key },
      }));
      setCart(EMPTY);
      setKey(newKey());
      setPickupAt("");
      await client.invalidateQueries({ queryKey: ["pickup-slots"] });
      await client.invalidateQueries({ queryKey: ["shop"] });
      void navigate(`/my-orders?placed=${placed.id}&at=${placed.position ?? ""}`);
    } catch (e) {
      setError(e instanceof ApiError && e.code === "insufficient_stock"
        ? "Some of it has just sold out: see what is left and try again."
        : e instanceof ApiError && e.code === "slot_full" ? "That time has just been taken: choose another."
        : e instanceof ApiError ? e.message : String(e));
      await client.invalidateQueries({ queryKey: ["shop"] });
      await client.invalidateQueries({ queryKey: ["pickup-slots"] });
    }
  };
  return (
    <div className="pos shop">
      <section aria-label="Products" className="shop-products">
        <h1>Order for pickup or delivery</h1>
        {byCategory.map(([category, items]) => (
          <section key={category} aria-label={category}>
            <h2>{category}</h2>
            <ul className="grid">
              {items.map((p) => (
                <li key={p.id}>
                  <button type="button" className="tile" disabled={p.available <= inCart(p.id)}
                    onClick={() => setCart((c) => add(c, catalogLine(p)))}
                    aria-label={`Add ${p.name}, ${p.price}, ${p.available} available`}>
                    <TileImage url={p.image_url} />
                    <span className="tile-name">{p.name}</span>
                    <span className="tile-price">{p.price}</span>
                    <span className={p.available > 0 ? "tile-stock" : "tile-stock out"}>
                      {p.available > 0 ? `${p.available} available` : "Sold out"}
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          </section>
        ))}
      </section>
      <section className="pos-cart" aria-label="Basket">
        <h2>Your basket</h2>
        {cart.lines.length === 0 && <p className="muted">Nothing yet.</p>}
        <CartLines label="Basket lines" lines={sums.lines.slice(0, cart.lines.length)}
          setCart={setCart} canAdd={(l) => l.quantity < (available.get(l.key) ?? 0)} />
        <dl className="sums">
          {fee && <><dt>Delivery</dt><dd>{fee.price}</dd></>}
          <dt>Tax</dt><dd>{fromCents(sums.tax)}</dd>
          <dt className="total">Total</dt><dd className="total">{fromCents(sums.total)}</dd>
        </dl>
        {closed && <p className="notice" role="status">The shop takes no online orders at the moment.</p>}
        <fieldset>
          <legend>How do you get it?</legend>
          <label><input type="radio" name="fulfilment" checked={fulfilment === "pickup" || !delivers}
            onChange={() => setFulfilment("pickup")} /> Pickup</label>
          {delivers && <label><input type="radio" name="fulfilment" checked={fulfilment === "delivery"}
            onChange={() => setFulfilment("delivery")} /> Delivery</label>}
        </fieldset>
        {!guest && (
          <>
            <label htmlFor="pickup-at">{fulfilment === "pickup" ? "Pickup time" : "Delivery time"}</label>
            <select id="pickup-at" value={pickupAt} onChange={(e) => setPickupAt(e.target.value)}>
              <option value="">As soon as possible</option>
              {slots.data?.filter((s) => s.free > 0).map((s) => (
                <option key={s.starts} value={s.starts}>{inZone(s.starts, store.data?.timezone, "due")} ({s.free} left)</option>
              ))}
            </select>
          </>
        )}
        <label htmlFor="order-note">Note (address, wishes)</label>
        <input id="order-note" value={note} maxLength={500} onChange={(e) => setNote(e.target.value)} />
        {error && <p className="error" role="alert">{error}</p>}
        {guest ? (
          <p className="actions">
            <Link className="button primary" to="/login">Log in to order</Link>
            <Link className="button" to="/signup">Create an account</Link>
          </p>
        ) : (
          <button type="button" className="primary pay" disabled={!cart.lines.length || closed} onClick={order}>
            Place order · {fromCents(sums.total)}
          </button>
        )}
      </section>
    </div>
  );
}
