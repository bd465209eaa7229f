import { describe, expect, it, test } from "vitest";
import { chargeTestCard, expiryEnd, passesLuhn } from "./testCards";

const NOW = Date.UTC(2026, 10, 21);

describe("chargeTestCard", () => {
  test.each([
    ["4242 4242 4242 4242", { ok: true }],
    ["4242-4242-4242-4242", { ok: true }],
    ["4000 0000 0000 0002", { ok: false, reason: "card_declined", message: "Your card was declined." }],
    ["4000 0000 0000 9995", { ok: false, reason: "insufficient_funds", message: "Your card has insufficient funds." }],
    ["4242 4242 4242 4241", { ok: false, reason: "incorrect_number", message: "Your card number is incorrect." }],
    ["4242", { ok: false, reason: "incorrect_number", message: "Your card number is incorrect." }],
    ["5555 5555 5555 4444", { ok: false, reason: "not_a_test_card" }],
  ])("answers %s like Stripe test mode", (cardNumber, outcome) => {
    expect(chargeTestCard({ cardNumber, expiry: "12/34", cvc: "123" }, NOW)).toMatchObject(outcome);
  });

  test.each([
    [{ expiry: "13/30" }, "Your card's expiration date is invalid."],
    [{ expiry: "soon" }, "Your card's expiration date is invalid."],
    [{ expiry: "10/26" }, "Your card has expired."],
    [{ cvc: "12" }, "Your card's security code is incomplete."],
  ])("checks the other card fields: %j", (fields, message) => {
    expect(chargeTestCard({ cardNumber: "4242424242424242", ...fields }, NOW)).toEqual(expect.objectContaining({ ok: false, message }));
  });

  it("accepts a card expiring this month", () => {
    expect(chargeTestCard({ cardNumber: "4242424242424242", expiry: "11/26", cvc: "123" }, NOW)).toEqual({ ok: true });
  });
});

describe("card helpers", () => {
  it("reads two- and four-digit years", () => {
    expect(expiryEnd("1/27")).toBe(Date.UTC(2027, 1, 1));
    expect(expiryEnd("12 / 2030")).toBe(Date.UTC(2031, 0, 1));
  });

  it("checks the Luhn digit", () => {
    expect(passesLuhn("4000000000000002")).toBe(true);
    expect(passesLuhn("4000000000000003")).toBe(false);
    expect(passesLuhn("abcd")).toBe(false);
  });
});
