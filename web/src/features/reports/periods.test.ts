import { describe, expect, it } from "vitest";
import { daysBefore, heading, monthStart } from "./periods";

describe("store days", () => {
  it("counts back across months and leap days", () => {
    expect(daysBefore("2028-03-01", 1)).toBe("2028-02-29");
    expect(daysBefore("2026-01-10", 29)).toBe("2025-12-12");
    expect(monthStart("2026-12-24")).toBe("2026-12-01");
  });
  it("turns columns into headings", () => {
    expect(heading("net_sales")).toBe("Net sales");
  });
});
