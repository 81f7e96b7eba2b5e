import { describe, expect, it } from "vitest";
import { taxRates } from "./SettingsPage";

describe("tax rates as typed", () => {
  it("reads a name and a rate per comma", () => {
    expect(taxRates("reduced 7, standard 19, super reduced 2.1")).toEqual([
      { name: "reduced", rate: "7" }, { name: "standard", rate: "19" }, { name: "super reduced", rate: "2.1" }]);
    expect(taxRates(" ")).toEqual([]);
  });
});
