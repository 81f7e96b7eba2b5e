// Store days as the reports API takes them (YYYY-MM-DD), and the live messages that move figures.

/** The live message types after which a report may read differently (API.md, live feed). */
export const MOVES_FIGURES = ["order.", "shift.", "stock."];

/** The store day `n` days before `day`. */
export function daysBefore(day: string, n: number): string {
  const d = new Date(day + "T12:00:00Z");
  d.setUTCDate(d.getUTCDate() - n);
  return d.toISOString().slice(0, 10);
}

/** The first day of `day`'s month. */
export function monthStart(day: string): string {
  return day.slice(0, 8) + "01";
}

/** A column name as a heading: "net_sales" -> "Net sales". */
export function heading(column: string): string {
  const words = column.replaceAll("_", " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}
