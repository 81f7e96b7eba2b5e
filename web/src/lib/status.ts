// An order's way through the shop, named as a bakery says it (docs/events.md): New,
// Accepted, Ready, then Collected at the counter, or Out for delivery and Delivered.
export type Status = "placed" | "confirmed" | "picked" | "shipped" | "delivered" | "cancelled";

/** The board's columns: the statuses an order waits in. */
export const BOARD: readonly Status[] = ["placed", "confirmed", "picked", "shipped"];

type Ticket = { status: string; fulfilment?: string | null };

const NAMES: Record<Status, string> = {
  placed: "New", confirmed: "Accepted", picked: "Ready", shipped: "Out for delivery", delivered: "Collected",
  cancelled: "Cancelled",
};

/** What a status is called for an order of this kind (a delivery is Delivered, a pickup Collected). */
export function statusName(status: string, fulfilment?: string | null): string {
  if (status === "delivered" && fulfilment === "delivery") return "Delivered";
  return NAMES[status as Status] ?? status;
}

/** Where a tap moves the order: a pickup is collected once ready, a delivery leaves first. */
export function nextStatus(order: Ticket): Status | undefined {
  switch (order.status) {
    case "placed": return "confirmed";
    case "confirmed": return "picked";
    case "picked": return order.fulfilment === "delivery" ? "shipped" : "delivered";
    case "shipped": return "delivered";
    default: return undefined;
  }
}

/** Whether that move hands the goods over (and so needs the order paid first). */
export function handsOver(order: Ticket, to: Status): boolean {
  return to === "shipped" || (to === "delivered" && order.status === "picked");
}

/** The steps an order of this kind goes through, for a progress line. */
export function steps(order: Ticket): Status[] {
  return order.fulfilment === "delivery" ? ["placed", "confirmed", "picked", "shipped", "delivered"]
    : ["placed", "confirmed", "picked", "delivered"];
}

/** How long ago, for a ticket: "now", "12 min", "3 h 5 min". */
export function age(since: string, now: number = Date.now()): string {
  const minutes = Math.max(0, Math.floor((now - new Date(since).getTime()) / 60_000));
  if (minutes < 1) return "now";
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}
