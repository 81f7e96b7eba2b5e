import { type FormEvent, type RefObject, useMemo, useState } from "react";
import type { Product } from "../../api/client";
import { TileImage } from "../../ui/TileImage";

export function ProductGrid({ products, loading, searchRef, onPick, onScan }: {
  products: Product[]; loading: boolean; searchRef: RefObject<HTMLInputElement | null>;
  onPick: (p: Product) => void; onScan: (code: string) => void;
}) {
  const [q, setQ] = useState("");
  const [category, setCategory] = useState<string | null>(null);
  const categories = useMemo(() => [...new Set(products.map((p) => p.category))].sort(), [products]);
  const shown = useMemo(() => {
    const needle = q.trim().toLowerCase();
    return products.filter((p) =>
      (category === null || p.category === category) &&
      (!needle || p.name.toLowerCase().includes(needle) || p.sku.toLowerCase().includes(needle) ||
        p.barcode === needle));
  }, [products, q, category]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const code = q.trim();
    if (/^[0-9]{4,}$/.test(code)) onScan(code); // typed or scanned into the search box
    else if (shown.length === 1) onPick(shown[0]);
    else return;
    setQ("");
  };
  return (
    <>
      <form role="search" onSubmit={submit} className="search">
        <label htmlFor="pos-search">Search or scan</label>
        <input id="pos-search" ref={searchRef} data-scanner="true" value={q} autoComplete="off"
          placeholder="Name, SKU or barcode" onChange={(e) => setQ(e.target.value)} />
      </form>
      <div className="tabs" role="group" aria-label="Categories">
        <button type="button" aria-pressed={category === null} onClick={() => setCategory(null)}>All</button>
        {categories.map((c) => (
          <button key={c} type="button" aria-pressed={category === c} onClick={() => setCategory(c)}>{c}</button>
        ))}
      </div>
      {loading && <p>Loading the catalog…</p>}
      <ul className="grid" aria-label="Product grid">
        {shown.map((p) => (
          <li key={p.id}>
            <button type="button" className="tile" onClick={() => onPick(p)}
              aria-label={`${p.name}, ${p.price}, ${p.available} in stock`}>
              <TileImage url={p.image_url} />
              <span className="tile-name">{p.name}</span>
              <span className="tile-price">{p.price}</span>
              <span className={p.available > 0 ? "tile-stock" : "tile-stock out"}>{p.available} left</span>
            </button>
          </li>
        ))}
      </ul>
    </>
  );
}
