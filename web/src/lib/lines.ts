import type { Product } from "../api/client";
import type { CartLine } from "./cart";

/** A catalog product as a cart line (the till and the shop). */
export function catalogLine(p: Product): Omit<CartLine, "quantity"> {
  return { key: p.id, productId: p.id, name: p.name, price: p.price, taxRate: p.tax_rate };
}
