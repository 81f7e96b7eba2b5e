// The cart at the till and its sums, worked out exactly as the server prices a sale
// (oms/domain/selling.py price_lines): each line's gross and discount in cents, an
// order discount shared over the lines by their net with the odd cents on the largest,
// each rate's tax on that rate's total, shared back over its lines (money.ts allocate).
// The server's answer is what counts; this shows it before.
import { allocate, divideHalfUp, percentOf, taxIn, toCents, toMilliPercent } from "./money";

export type Discount = { kind: "percent" | "amount"; value: string };

export type CartLine = {
  key: string; // product id, or "quick:<n>" for a quick-sell line
  productId?: string;
  name: string;
  price: string;
  taxRate: string;
  quantity: number;
  discount?: Discount;
};

export type Cart = { lines: CartLine[]; discount?: Discount };

export type PricedLine = CartLine & { gross: number; off: number; net: number; tax: number };
export type Sums = { lines: PricedLine[]; subtotal: number; discount: number; tax: number; total: number };

export const EMPTY: Cart = { lines: [] };

function discountOn(amount: number, discount: Discount | undefined): number {
  if (!discount) return 0;
  const off = discount.kind === "percent" ? percentOf(amount, discount.value) : toCents(discount.value);
  return Math.min(off, amount);
}

/** The cart's sums; with `pricesIncludeTax`, prices include tax: a line's tax is the part of
 * what it costs that its rate makes, its net and discount the rest without tax. */
export function price(cart: Cart, pricesIncludeTax = false): Sums {
  const lines: PricedLine[] = cart.lines.map((line) => {
    const gross = toCents(line.price) * line.quantity;
    const off = discountOn(gross, line.discount);
    return { ...line, gross, off, net: gross - off, tax: 0 };
  });
  const before = lines.reduce((sum, l) => sum + l.net, 0);
  const orderOff = discountOn(before, cart.discount);
  if (orderOff > 0) {
    const shares = lines.map((l) => divideHalfUp(orderOff * l.net, before));
    let largest = 0;
    lines.forEach((l, i) => {
      if (l.net > lines[largest].net) largest = i;
    });
    shares[largest] += orderOff - shares.reduce((a, b) => a + b, 0);
    lines.forEach((l, i) => {
      l.off += shares[i];
      l.net -= shares[i];
    });
  }
  const byRate = new Map<number, PricedLine[]>();
  for (const l of lines) {
    const rate = toMilliPercent(l.taxRate);
    byRate.set(rate, [...(byRate.get(rate) ?? []), l]);
  }
  for (const group of byRate.values()) {
    const base = group.reduce((sum, l) => sum + l.net, 0);
    const rate = group[0].taxRate;
    const shares = allocate(pricesIncludeTax ? taxIn(base, rate) : percentOf(base, rate), group.map((l) => l.net));
    group.forEach((l, i) => {
      l.tax = shares[i];
      if (!pricesIncludeTax) return;
      l.net -= l.tax;
      l.off -= taxIn(l.off, l.taxRate);
    });
  }
  const subtotal = lines.reduce((sum, l) => sum + l.net, 0);
  const tax = lines.reduce((sum, l) => sum + l.tax, 0);
  const discount = lines.reduce((sum, l) => sum + l.off, 0);
  return { lines, subtotal, discount, tax, total: subtotal + tax };
}

/** The cart's discount as a percent of its price before discounts, in the prices' own kind
 * (as the server checks it against the seller's limit: selling.check_discount). */
export function discountPercent(cart: Cart, pricesIncludeTax = false): number {
  const sums = price(cart, pricesIncludeTax);
  const before = sums.lines.reduce((sum, l) => sum + toCents(l.price) * l.quantity, 0);
  const paid = pricesIncludeTax ? sums.total : sums.subtotal;
  return before > 0 ? ((before - paid) * 100) / before : 0;
}

export function add(cart: Cart, line: Omit<CartLine, "quantity">, quantity = 1): Cart {
  const found = cart.lines.find((l) => l.key === line.key);
  if (found) return setQuantity(cart, line.key, found.quantity + quantity);
  return { ...cart, lines: [...cart.lines, { ...line, quantity }] };
}

export function setQuantity(cart: Cart, key: string, quantity: number): Cart {
  if (quantity <= 0) return { ...cart, lines: cart.lines.filter((l) => l.key !== key) };
  return { ...cart, lines: cart.lines.map((l) => (l.key === key ? { ...l, quantity } : l)) };
}

export function setLineDiscount(cart: Cart, key: string, discount: Discount | undefined): Cart {
  return { ...cart, lines: cart.lines.map((l) => (l.key === key ? { ...l, discount } : l)) };
}

/** The cart as POST /pos/sales and POST /pos/parked take its items. */
export function saleItems(cart: Cart) {
  return cart.lines.map((l) => ({
    quantity: l.quantity,
    ...(l.productId ? { product_id: l.productId } : { name: l.name, price: l.price, tax_rate: l.taxRate }),
    ...(l.discount ? { discount: l.discount } : {}),
  }));
}

export type Tender = { method: "cash" | "card" | "other"; amount: string };

/** What is left to pay and the change due, as the server settles tenders (selling.settle). */
export function settle(total: number, tenders: Tender[]): { left: number; change: number } {
  const paid = tenders.reduce((sum, t) => sum + toCents(t.amount), 0);
  return { left: Math.max(total - paid, 0), change: Math.max(paid - total, 0) };
}
