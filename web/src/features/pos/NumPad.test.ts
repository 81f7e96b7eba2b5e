import { expect, it } from "vitest";
import { press } from "./NumPad";

it("types an amount: one decimal point, at most two decimals, delete", () => {
  const typed = ["1", "2", ".", ".", "5", "0", "9"].reduce(press, "");
  expect(typed).toBe("12.50");
  expect(press(typed, "⌫")).toBe("12.5");
});
