// Times as the shop lives them: in the store's time zone (GET /store), whatever zone the
// browser is in, written the way the user's browser writes dates and times.
import { useStore } from "../ui/store";

export type Style = "due" | "datetime" | "time" | "date";

const STYLES: Record<Style, Intl.DateTimeFormatOptions> = {
  due: { weekday: "short", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit" },
  datetime: { year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit" },
  time: { hour: "2-digit", minute: "2-digit" },
  date: { year: "numeric", month: "short", day: "numeric" },
};

/** `at` (an ISO time) in `timeZone`, in a style: "Sat, Dec 5, 10:00". */
export function inZone(at: string, timeZone: string | undefined, style: Style = "datetime"): string {
  return new Date(at).toLocaleString([], { ...STYLES[style], timeZone });
}

/** A formatter of times in the store's zone (the browser's until the store is known). */
export function useStoreTime(): (at: string, style?: Style) => string {
  const zone = useStore().data?.timezone;
  return (at, style = "datetime") => inZone(at, zone, style);
}

/** Today's date in the store's zone, "2026-12-08" (the browser's zone until the store is known). */
export function useStoreToday(): string {
  return new Date().toLocaleDateString("en-CA", { timeZone: useStore().data?.timezone });
}

/** An ISO time for a wall-clock time in `timeZone` ("2026-12-07T17:30" in Europe/Berlin). */
export function fromStoreClock(local: string, timeZone: string): string {
  const guess = new Date(local + "Z");
  const shown = new Date(guess.toLocaleString("en-US", { timeZone }));
  const utc = new Date(guess.toLocaleString("en-US", { timeZone: "UTC" }));
  return new Date(guess.getTime() - (shown.getTime() - utc.getTime())).toISOString();
}
