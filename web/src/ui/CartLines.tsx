import type { ReactNode } from "react";
import { type Cart, type PricedLine, setQuantity } from "../lib/cart";
import { fromCents } from "../lib/money";

/** A cart's lines with their quantity buttons (the till's and the shop's). */
export function CartLines({ label, lines, setCart, canAdd, extra }: {
  label: string; lines: PricedLine[]; setCart: (update: (c: Cart) => Cart) => void;
  canAdd: (line: PricedLine) => boolean; extra?: (line: PricedLine) => ReactNode;
}) {
  return (
    <ul className="cart" aria-label={label}>
      {lines.map((l) => (
        <li key={l.key}>
          <span className="line-name">{l.name}</span>
          <span className="qty">
            <button type="button" aria-label={`One ${l.name} less`}
              onClick={() => setCart((c) => setQuantity(c, l.key, l.quantity - 1))}>−</button>
            <output aria-label={`Quantity of ${l.name}`}>{l.quantity}</output>
            <button type="button" aria-label={`One ${l.name} more`} disabled={!canAdd(l)}
              onClick={() => setCart((c) => setQuantity(c, l.key, l.quantity + 1))}>+</button>
          </span>
          <span className="amount">{fromCents(l.gross)}</span>
          {extra?.(l)}
        </li>
      ))}
    </ul>
  );
}
