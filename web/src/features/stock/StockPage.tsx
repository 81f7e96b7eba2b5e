// Stock: receive a delivery from a vendor (the cost follows as a moving average), adjust
// with a reason (waste, breakage, staff meal, correction), count a
// category's shelf (a counting sheet that sets the levels it changes), see a product's
// movements, and the discrepancies offline sales left to count.
import { useQuery } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { api, ApiError, must, newKey, type Product } from "../../api/client";
import { Movements } from "../../ui/Movements";

type Line = { product: string; quantity: string; unitCost: string };
const EMPTY_LINE: Line = { product: "", quantity: "1", unitCost: "" };

export default function StockPage() {
  const [notice, setNotice] = useState("");
  const [shown, setShown] = useState<Product | null>(null);
  const [position, setPosition] = useState<number | undefined>();
  const products = useQuery({  // read again after each write, with it (min_position): the levels it made
    queryKey: ["stock-products", position],
    queryFn: () => must(api.GET("/api/v1/products", { params: { query: {
      per_page: 200, ...(position ? { min_position: position } : {}) } } })),
  });
  const done = (message: string, at?: number | null) => {
    setNotice(message);
    setPosition(at ?? undefined);
  };
  return (
    <section className="panel wide">
      <h1>Stock</h1>
      <p role="status" className="notice">{notice}</p>
      <Receive products={products.data?.items ?? []} onDone={done} />
      <Adjust products={products.data?.items ?? []} onDone={done} />
      <CountSheet products={products.data?.items ?? []} onDone={done} onShow={setShown} />
      <Discrepancies />
      <Movements product={shown} onClose={() => setShown(null)} />
    </section>
  );
}

function Receive({ products, onDone }: { products: Product[]; onDone: (message: string, at?: number | null) => void }) {
  const vendors = useQuery({ queryKey: ["vendors", "all"],
    queryFn: () => must(api.GET("/api/v1/vendors", { params: { query: { per_page: 200 } } })) });
  const [lines, setLines] = useState<Line[]>([EMPTY_LINE]);
  const [failure, setFailure] = useState("");
  const [key, setKey] = useState(newKey);
  const set = (i: number, change: Partial<Line>) => setLines((ls) => ls.map((l, j) => (j === i ? { ...l, ...change } : l)));
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const element = e.currentTarget;
    const form = new FormData(element);
    setFailure("");
    try {
      const entry = await must(api.POST("/api/v1/stock-entries", {
        body: { vendor_id: String(form.get("vendor")), note: String(form.get("note") ?? "") || null,
          lines: lines.map((l) => ({ product_id: l.product, quantity: Number(l.quantity), unit_cost: l.unitCost })) },
        headers: { "Idempotency-Key": key } }));
      setLines([EMPTY_LINE]);
      setKey(newKey());
      element.reset();
      onDone(`Received from ${entry.vendor_name}: ${entry.lines.length} lines, ${entry.total}.`, entry.position);
    } catch (err) {
      setFailure(err instanceof ApiError ? err.message : String(err));
    }
  };
  return (
    <form onSubmit={submit} aria-labelledby="receive-title">
      <h2 id="receive-title">Receive a delivery</h2>
      <div className="field"><label htmlFor="receive-vendor">Vendor</label>
        <select id="receive-vendor" name="vendor" required>
          {vendors.data?.items.map((v) => <option key={v.id} value={v.id}>{v.name}</option>)}
        </select></div>
      {lines.map((line, i) => (
        <div key={i} className="entry-line">
          <div className="field"><label htmlFor={`line-${i}-product`}>Product {i + 1}</label>
            <select id={`line-${i}-product`} value={line.product} required
              onChange={(e) => set(i, { product: e.target.value })}>
              <option value="">Choose…</option>
              {products.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
            </select></div>
          <div className="field"><label htmlFor={`line-${i}-quantity`}>Units</label>
            <input id={`line-${i}-quantity`} inputMode="numeric" value={line.quantity}
              onChange={(e) => set(i, { quantity: e.target.value })} /></div>
          <div className="field"><label htmlFor={`line-${i}-cost`}>Unit cost</label>
            <input id={`line-${i}-cost`} inputMode="decimal" value={line.unitCost}
              onChange={(e) => set(i, { unitCost: e.target.value })} /></div>
        </div>
      ))}
      <div className="field"><label htmlFor="receive-note">Note (delivery slip)</label>
        <input id="receive-note" name="note" /></div>
      {failure && <p className="error" role="alert">{failure}</p>}
      <p className="actions">
        <button type="button" onClick={() => setLines((ls) => [...ls, EMPTY_LINE])}>Add a line</button>
        <button type="submit" className="primary">Receive</button>
      </p>
    </form>
  );
}

const REASONS = ["waste", "breakage", "staff meal", "correction"];

function Adjust({ products, onDone }: { products: Product[]; onDone: (message: string, at?: number | null) => void }) {
  const [failure, setFailure] = useState("");
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const element = e.currentTarget;
    const form = new FormData(element);
    const note = String(form.get("note") ?? "").trim();
    const reason = String(form.get("reason")) + (note ? `: ${note}` : "");
    setFailure("");
    try {
      const product = await must(api.POST("/api/v1/products/{id}/stock-adjustments", {
        params: { path: { id: String(form.get("product")) } },
        body: { delta: Number(form.get("delta")), reason }, headers: { "Idempotency-Key": newKey() } }));
      element.reset();
      onDone(`${product.name}: ${product.stock} on hand after ${reason}.`, product.position);
    } catch (err) {
      setFailure(err instanceof ApiError ? err.message : String(err));
    }
  };
  return (
    <form onSubmit={submit} aria-labelledby="adjust-title">
      <h2 id="adjust-title">Adjust stock</h2>
      <div className="entry-line">
        <div className="field"><label htmlFor="adjust-product">Product</label>
          <select id="adjust-product" name="product" required>
            {products.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
          </select></div>
        <div className="field"><label htmlFor="adjust-delta">Units (− takes away)</label>
          <input id="adjust-delta" name="delta" inputMode="numeric" required defaultValue="-1" /></div>
        <div className="field"><label htmlFor="adjust-reason">Reason</label>
          <select id="adjust-reason" name="reason">{REASONS.map((r) => <option key={r}>{r}</option>)}</select></div>
      </div>
      <div className="field"><label htmlFor="adjust-note">Details</label><input id="adjust-note" name="note" /></div>
      {failure && <p className="error" role="alert">{failure}</p>}
      <button type="submit" className="primary">Adjust</button>
    </form>
  );
}

function CountSheet({ products, onDone, onShow }: {
  products: Product[]; onDone: (message: string, at?: number | null) => void; onShow: (p: Product) => void;
}) {
  const categories = [...new Set(products.map((p) => p.category))].sort();
  const [category, setCategory] = useState("");
  const [failure, setFailure] = useState("");
  const sheet = products.filter((p) => p.category === (category || categories[0]));
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setFailure("");
    let changed = 0;
    let last: number | null | undefined;
    try {
      for (const p of sheet) {
        const counted = String(form.get(p.id) ?? "").trim();
        if (counted !== "" && Number(counted) !== p.stock) {
          last = (await must(api.POST("/api/v1/products/{id}/stock-count", { params: { path: { id: p.id } },
            body: { counted: Number(counted), reason: "stock count" } }))).position;
          changed += 1;
        }
      }
      onDone(`Counted ${category || categories[0]}: ${changed} levels set.`, last);
    } catch (err) {
      setFailure(err instanceof ApiError ? err.message : String(err));
    }
  };
  return (
    <form onSubmit={submit} aria-labelledby="count-title" key={(category || categories[0]) + products.length}>
      <h2 id="count-title">Counting sheet</h2>
      <div className="field"><label htmlFor="count-category">Category</label>
        <select id="count-category" value={category || categories[0] || ""} onChange={(e) => setCategory(e.target.value)}>
          {categories.map((c) => <option key={c}>{c}</option>)}
        </select></div>
      <div className="table-scroll" role="region" aria-label="Counting sheet" tabIndex={0}>
        <table className="records">
          <thead><tr><th>Product</th><th>On hand</th><th>Held by orders</th><th>Counted</th>
            <th><span className="sr-only">Movements</span></th></tr></thead>
          <tbody>
            {sheet.map((p) => (
              <tr key={p.id}>
                <td>{p.name}</td><td>{p.stock}</td><td>{p.reserved}</td>
                <td><label htmlFor={`count-${p.id}`} className="sr-only">Counted {p.name}</label>
                  <input id={`count-${p.id}`} name={p.id} inputMode="numeric" placeholder={String(p.stock)} /></td>
                <td><button type="button" onClick={() => onShow(p)} aria-label={`Movements of ${p.name}`}>Movements</button></td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {failure && <p className="error" role="alert">{failure}</p>}
      <button type="submit" className="primary">Set the counted levels</button>
    </form>
  );
}

function Discrepancies() {
  const list = useQuery({ queryKey: ["discrepancies"],
    queryFn: () => must(api.GET("/api/v1/stock-discrepancies", { params: { query: { per_page: 50 } } })) });
  return (
    <section aria-labelledby="discrepancies-title">
      <h2 id="discrepancies-title">Offline sales beyond the stock</h2>
      {list.data?.items.length === 0 ? <p className="muted">None: nothing to count.</p> : (
        <ul className="list">
          {list.data?.items.map((d) => (
            <li key={`${d.order_id}-${d.product_id}`}>{d.product_name}: {d.shortfall} of {d.quantity} beyond the
              stock, {new Date(d.at).toLocaleString()}</li>
          ))}
        </ul>
      )}
    </section>
  );
}

