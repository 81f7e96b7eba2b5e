import { describe, expect, it } from "vitest";
import { add, type Cart, price, saleItems, setQuantity, settle } from "./cart";
import { fromCents } from "./money";
import fixture from "./server-sales.json";

type Line = { name: string; price: string; tax_rate: string; quantity: number; discount?: Cart["discount"] };

function cartOf(c: { lines: Line[]; discount?: Cart["discount"] }): Cart {
  return {
    lines: c.lines.map((l, i) => ({ key: `quick:${i}`, name: l.name, price: l.price, taxRate: l.tax_rate,
      quantity: l.quantity, discount: l.discount })),
    discount: c.discount,
  };
}

describe("the till's sums are the server's", () => {
  // server-sales.json: carts and what the server answered when they were sold
  // (tests/e2e/test_ui_pricing.py keeps that file true to the server).
  for (const c of fixture.cases) {
    it(c.name, () => {
      const inclusive = "prices_include_tax" in c && c.prices_include_tax === true;
      const sums = price(cartOf(c.cart as { lines: Line[] }), inclusive);
      expect({ subtotal: fromCents(sums.subtotal), tax: fromCents(sums.tax), total: fromCents(sums.total),
        discount: fromCents(sums.discount) }).toEqual({ subtotal: c.answer.subtotal, tax: c.answer.tax,
        total: c.answer.total, discount: c.answer.discount });
      expect(sums.lines.map((l) => ({ net: fromCents(l.net), discount: fromCents(l.off), tax: fromCents(l.tax) })))
        .toEqual(c.answer.lines);
    });
  }
});

describe("the cart", () => {
  const loaf = { key: "p1", productId: "p1", name: "Loaf", price: "6.50", taxRate: "7" };
  it("adds a scanned product again as one more unit, and drops a line at zero", () => {
    let cart = add(add({ lines: [] }, loaf), loaf);
    expect(cart.lines).toHaveLength(1);
    expect(cart.lines[0].quantity).toBe(2);
    cart = setQuantity(cart, "p1", 0);
    expect(cart.lines).toHaveLength(0);
  });
  it("sends catalog lines by id and quick-sell lines with their price", () => {
    const cart = add(add({ lines: [] }, loaf), { key: "quick:1", name: "Gift wrap", price: "1.00", taxRate: "19" });
    expect(saleItems(cart)).toEqual([
      { quantity: 1, product_id: "p1" },
      { quantity: 1, name: "Gift wrap", price: "1.00", tax_rate: "19" },
    ]);
  });
  it("settles split tenders: change only beyond the total", () => {
    expect(settle(1000, [{ method: "card", amount: "4.00" }, { method: "cash", amount: "10.00" }]))
      .toEqual({ left: 0, change: 400 });
    expect(settle(1000, [{ method: "card", amount: "4.00" }])).toEqual({ left: 600, change: 0 });
  });
});
