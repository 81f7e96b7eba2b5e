// Menus and buttons follow the permissions the API returns for the signed-in user
// (the API enforces them anyway). "orders.read:own" grants "orders.read" on one's own objects.

export function can(permissions: readonly string[] | undefined, wanted: string): boolean {
  if (!permissions) return false;
  return permissions.some((p) => p === wanted || p === wanted + ":own");
}

export type Screen = { path: string; label: string; needs: string };

/** Every screen of the app, in menu order, with the permission that shows it. */
export const SCREENS: readonly Screen[] = [
  { path: "/pos", label: "Till", needs: "pos.sell" },
  { path: "/shift", label: "Shift", needs: "shifts.manage" },
  { path: "/board", label: "Order board", needs: "orders.manage" },
  { path: "/orders", label: "Orders", needs: "orders.read" },
];

export function menu(permissions: readonly string[] | undefined): Screen[] {
  return SCREENS.filter((s) => can(permissions, s.needs));
}
