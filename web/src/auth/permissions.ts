// Menus and buttons follow the permissions the API returns for the signed-in user
// (the API enforces them anyway). "orders.read:own" grants "orders.read" on one's own
// objects: a screen may want the permission for all objects (staff) or for one's own
// (customers), or either.

export type Scope = "all" | "own";

export function can(permissions: readonly string[] | undefined, wanted: string, scope?: Scope): boolean {
  if (!permissions) return false;
  return permissions.some((p) => (scope !== "own" && p === wanted) || (scope !== "all" && p === wanted + ":own"));
}

export type Group = "Selling" | "Sales" | "Catalog & stock" | "Customers & suppliers" | "Reports" | "Admin" | "Shop";
export type Screen = { path: string; label: string; needs: string; scope?: Scope; group: Group };

/** Every screen of the app, in menu order, with the permission that shows it and its group:
 * the selling screens stand apart, the back office is grouped as shop staff know it. */
export const SCREENS: readonly Screen[] = [
  { path: "/pos", label: "Till", needs: "pos.sell", group: "Selling" },
  { path: "/shift", label: "Shift", needs: "shifts.manage", group: "Selling" },
  { path: "/board", label: "Order board", needs: "orders.manage", group: "Selling" },
  { path: "/ready", label: "Pickup screen", needs: "orders.manage", group: "Selling" },
  { path: "/orders", label: "Orders", needs: "orders.read", scope: "all", group: "Sales" },
  { path: "/custom-orders", label: "Custom orders", needs: "pos.sell", group: "Sales" },
  { path: "/shop", label: "Shop", needs: "orders.place", scope: "own", group: "Shop" },
  { path: "/my-orders", label: "My orders", needs: "orders.read", scope: "own", group: "Shop" },
  { path: "/catalog", label: "Catalog", needs: "products.cost", group: "Catalog & stock" },
  { path: "/stock", label: "Stock", needs: "stock.adjust", group: "Catalog & stock" },
  { path: "/customers", label: "Customers", needs: "customers.read", scope: "all", group: "Customers & suppliers" },
  { path: "/vendors", label: "Vendors", needs: "vendors.read", group: "Customers & suppliers" },
  { path: "/salesmen", label: "Salesmen", needs: "salesmen.read", group: "Customers & suppliers" },
  { path: "/dashboard", label: "Dashboard", needs: "reports.read", group: "Reports" },
  { path: "/reports", label: "Reports", needs: "reports.daily", group: "Reports" },
  { path: "/expenses", label: "Expenses", needs: "expenses.read", group: "Reports" },
  { path: "/audit", label: "Audit", needs: "audit.read", group: "Reports" },
  { path: "/users", label: "Users", needs: "users.manage", group: "Admin" },
  { path: "/settings", label: "Settings", needs: "settings.manage", group: "Admin" },
];

export function menu(permissions: readonly string[] | undefined): Screen[] {
  return SCREENS.filter((s) => can(permissions, s.needs, s.scope));
}

/** The menu's groups in order, each with the screens the role has in it. */
export function groups(permissions: readonly string[] | undefined): [Group, Screen[]][] {
  const by = new Map<Group, Screen[]>();
  for (const s of menu(permissions)) by.set(s.group, [...(by.get(s.group) ?? []), s]);
  return [...by.entries()];
}

/** Where a role's day starts: the owner at the dashboard, a cashier at the till, the
 * counter staff at the order board, a customer in the shop. */
export function home(permissions: readonly string[] | undefined): string {
  const has = (wanted: string, scope?: Scope) => can(permissions, wanted, scope);
  if (has("settings.manage")) return "/dashboard";
  if (has("pos.sell") && !has("orders.manage")) return "/pos";
  if (has("orders.manage")) return "/board";
  if (has("reports.read")) return "/dashboard";
  return menu(permissions)[0]?.path ?? "/account";
}

export function allowed(permissions: readonly string[] | undefined, path: string): boolean {
  return menu(permissions).some((s) => s.path === path);
}
