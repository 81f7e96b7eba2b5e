// The order lifecycle as the board shows it (API.md: placed→confirmed→picked→shipped→delivered).
export const STATUSES = ["placed", "confirmed", "picked", "shipped"] as const;

export type Status = "placed" | "confirmed" | "picked" | "shipped" | "delivered" | "cancelled";

export const NEXT: Record<string, Status | undefined> = {
  placed: "confirmed", confirmed: "picked", picked: "shipped", shipped: "delivered",
};

/** When an order is due (pickup, delivery, a custom order): "Sat, Dec 5, 10:00", in `timeZone`
 * (the shop's) or the screen's. */
export function due(at: string, timeZone?: string): string {
  return new Date(at).toLocaleString([], { weekday: "short", month: "short", day: "numeric", hour: "2-digit",
    minute: "2-digit", timeZone });
}

/** How long ago, for a ticket: "now", "12 min", "3 h 5 min". */
export function age(since: string, now: number = Date.now()): string {
  const minutes = Math.max(0, Math.floor((now - new Date(since).getTime()) / 60_000));
  if (minutes < 1) return "now";
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}
