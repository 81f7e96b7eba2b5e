// Menus and buttons follow the permissions the API returns for the signed-in user
// (the API enforces them anyway). "orders.read:own" grants "orders.read" on one's own
// objects: a screen may want the permission for all objects (staff) or for one's own
// (customers), or either.

export type Scope = "all" | "own";

export function can(permissions: readonly string[] | undefined, wanted: string, scope?: Scope): boolean {
  if (!permissions) return false;
  return permissions.some((p) => (scope !== "own" && p === wanted) || (scope !== "all" && p === wanted + ":own"));
}

export type Screen = { path: string; label: string; needs: string; scope?: Scope };

/** Every screen of the app, in menu order, with the permission that shows it. */
export const SCREENS: readonly Screen[] = [
  { path: "/pos", label: "Till", needs: "pos.sell" },
  { path: "/shift", label: "Shift", needs: "shifts.manage" },
  { path: "/dashboard", label: "Dashboard", needs: "reports.read" },
  { path: "/board", label: "Order board", needs: "orders.manage" },
  { path: "/orders", label: "Orders", needs: "orders.read", scope: "all" },
  { path: "/ready", label: "Pickup screen", needs: "orders.manage" },
  { path: "/custom-orders", label: "Custom orders", needs: "pos.sell" },
  { path: "/shop", label: "Shop", needs: "orders.place", scope: "own" },
  { path: "/my-orders", label: "My orders", needs: "orders.read", scope: "own" },
  { path: "/catalog", label: "Catalog", needs: "products.cost" },
  { path: "/stock", label: "Stock", needs: "stock.adjust" },
  { path: "/customers", label: "Customers", needs: "customers.read", scope: "all" },
  { path: "/vendors", label: "Vendors", needs: "vendors.read" },
  { path: "/salesmen", label: "Salesmen", needs: "salesmen.read" },
  { path: "/expenses", label: "Expenses", needs: "expenses.read" },
  { path: "/reports", label: "Reports", needs: "reports.daily" },
  { path: "/audit", label: "Audit", needs: "audit.read" },
  { path: "/users", label: "Users", needs: "users.manage" },
  { path: "/settings", label: "Settings", needs: "settings.manage" },
];

export function menu(permissions: readonly string[] | undefined): Screen[] {
  return SCREENS.filter((s) => can(permissions, s.needs, s.scope));
}

export function allowed(permissions: readonly string[] | undefined, path: string): boolean {
  return menu(permissions).some((s) => s.path === path);
}
