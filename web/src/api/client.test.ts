import { describe, expect, it } from "vitest";
import { sentence } from "./client";

describe("a validator's message reads as a sentence naming its field", () => {
  it("says what a password needs", () => {
    expect(sentence("Expected `str` of length >= 8", "$.password")).toBe("Password needs at least 8 characters.");
    expect(sentence("Expected `str` of length >= 8", "new_password")).toBe("New password needs at least 8 characters.");
  });
  it("names what is missing, and keeps a message that is already a sentence", () => {
    expect(sentence("Object missing required field `username`", "$")).toBe("Username is required.");
    expect(sentence("the shop is closed then")).toBe("the shop is closed then");
  });
});
