import { describe, expect, it } from "vitest";
import { can, groups, home, menu } from "./permissions";

// The built-in roles' permissions as GET /auth/me returns them (oms/domain/roles.py).
const CASHIER = ["products.read", "orders.read", "customers.read", "salesmen.read", "orders.place", "orders.pay",
  "orders.cancel", "pos.sell", "orders.refund", "shifts.read:own", "shifts.manage:own", "receipts.reprint",
  "reports.daily"];
const VIEWER = ["products.read", "orders.read", "customers.read", "salesmen.read", "products.cost", "vendors.read",
  "expenses.read", "stock.read", "reports.read", "reports.daily", "shifts.read", "audit.read"];
const CUSTOMER = ["products.read", "orders.read:own", "orders.place:own", "orders.cancel:own"];

describe("menus follow permissions", () => {
  it("a cashier gets the till, the shift, orders, custom orders, customers and the daily report, not the board", () => {
    expect(menu(CASHIER).map((s) => s.label)).toEqual(["Till", "Shift", "Orders", "Custom orders", "Customers",
      "Salesmen", "Reports"]);
    expect(home(CASHIER)).toBe("/pos");
  });
  it("a customer shops and follows their own orders", () => {
    expect(menu(CUSTOMER).map((s) => s.label)).toEqual(["Shop", "My orders"]);
  });
  it("a viewer reads orders and the back office, changes nothing", () => {
    expect(menu(VIEWER).map((s) => s.label)).toEqual(["Orders", "Catalog", "Customers", "Vendors", "Salesmen",
      "Dashboard", "Reports", "Expenses", "Audit"]);
    expect(groups(VIEWER).map(([g]) => g)).toEqual(["Sales", "Catalog & stock", "Customers & suppliers", "Reports"]);
    expect(home(VIEWER)).toBe("/dashboard");
  });
  it("an :own permission grants the screen for one's own objects", () => {
    expect(can(CUSTOMER, "orders.read")).toBe(true);
    expect(can(CUSTOMER, "pos.sell")).toBe(false);
    expect(can(CUSTOMER, "orders.read", "all")).toBe(false);
  });
});
