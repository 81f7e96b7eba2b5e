// Money as the server reckons it (oms/domain/money.py): whole cents, half-up rounding.
// Amounts travel as decimal strings ("6.50"); here they are integer cents.

export function toCents(amount: string): number {
  const [whole, frac = ""] = amount.trim().split(".");
  const sign = whole.startsWith("-") ? -1 : 1;
  const cents = Math.abs(Number(whole)) * 100 + Number((frac + "00").slice(0, 2));
  return sign * cents;
}

export function fromCents(cents: number): string {
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}

/** `numerator / denominator` rounded half up (both non-negative integers). */
export function divideHalfUp(numerator: number, denominator: number): number {
  return Math.floor((2 * numerator + denominator) / (2 * denominator));
}

/** A percentage string ("12.5", up to three places) in thousandths of a percent. */
export function toMilliPercent(percent: string): number {
  const [whole, frac = ""] = percent.trim().split(".");
  return Number(whole) * 1000 + Number((frac + "000").slice(0, 3));
}

/** The tax inside `cents` that include it at `percent`, rounded half up to a cent. */
export function taxIn(cents: number, percent: string): number {
  const milli = toMilliPercent(percent);
  return divideHalfUp(cents * milli, 100_000 + milli);
}

/** `percent` of `cents`, rounded half up to a cent. */
export function percentOf(cents: number, percent: string): number {
  return divideHalfUp(cents * toMilliPercent(percent), 100_000);
}

/** `total` cents shared in proportion to `weights`, in whole cents that add up to it: each
 * share rounded down, the cents left over to the largest remainders (ties: the earlier),
 * as the server shares a rate's tax over its lines (oms/domain/money.py allocate). */
export function allocate(total: number, weights: number[]): number[] {
  const whole = weights.reduce((a, b) => a + b, 0);
  if (whole === 0) return weights.map(() => 0);
  const shares = weights.map((w) => Math.floor((total * w) / whole));
  const remainders = weights.map((w, i) => ({ i, r: total * w - shares[i] * whole }));
  let left = total - shares.reduce((a, b) => a + b, 0);
  remainders.sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of remainders) {
    if (left-- <= 0) break;
    shares[i] += 1;
  }
  return shares;
}
