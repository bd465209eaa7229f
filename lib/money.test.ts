import fc from "fast-check";
import { describe, expect, it, test } from "vitest";
import { drawInOrder, feeSplit, formatMoney, parseMoney, toDecimalString } from "./money";

describe("formatMoney", () => {
  test.each([
    [0, "USD", "$0.00"],
    [5, "USD", "$0.05"],
    [2500, "USD", "$25.00"],
    [100000, "USD", "$1,000.00"],
    [-1234, "USD", "-$12.34"],
    [900719925474099, "USD", "$9,007,199,254,740.99"],
    [1500, "JPY", "¥1,500"],
  ])("formats %i %s as %s", (amount, currency, expected) => {
    expect(formatMoney(amount, currency)).toBe(expected);
  });

  it("refuses fractional minor units", () => {
    expect(() => formatMoney(10.5)).toThrow(RangeError);
  });
});

describe("parseMoney", () => {
  test.each([
    ["25", 2500],
    ["25.5", 2550],
    ["25.50", 2550],
    ["25.", 2500],
    [".5", 50],
    ["0.01", 1],
    ["$1,000.00", 100000],
    ["$ 10", 1000],
    ["  100  ", 10000],
    ["1,234,567.89", 123456789],
    ["10 usd", 1000],
    ["0", 0],
  ])("reads %j as %i cents", (input, cents) => {
    expect(parseMoney(input)).toEqual({ ok: true, amount: cents });
  });

  test.each([
    ["", "Enter an amount."],
    ["   ", "Enter an amount."],
    ["-5", "The amount can't be negative."],
    ["25.555", "Use at most 2 decimal places."],
    ["abc", "Enter an amount like 25 or 25.50."],
    ["1,00", "Enter an amount like 25 or 25.50."],
    ["1.2.3", "Enter an amount like 25 or 25.50."],
    ["1e3", "Enter an amount like 25 or 25.50."],
    [".", "Enter an amount like 25 or 25.50."],
    ["12,34.00", "Enter an amount like 25 or 25.50."],
    ["99999999999999999", "That amount is too large."],
  ])("refuses %j with %j", (input, error) => {
    expect(parseMoney(input)).toEqual({ ok: false, error });
  });

  it("knows currencies without decimals", () => {
    expect(parseMoney("1500", "JPY")).toEqual({ ok: true, amount: 1500 });
    expect(parseMoney("15.5", "JPY")).toEqual({ ok: false, error: "JPY amounts have no decimals." });
  });

  it("round-trips every amount through its decimal text", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), (cents) => {
        expect(parseMoney(toDecimalString(cents, 2))).toEqual({ ok: true, amount: cents });
      }),
    );
  });

  it("round-trips every amount through its formatted text", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000_000 }), (cents) => {
        expect(parseMoney(formatMoney(cents))).toEqual({ ok: true, amount: cents });
      }),
    );
  });
});

describe("feeSplit", () => {
  test.each([
    [0, 1000, 0, 0],
    [100, 1000, 10, 90],
    [5, 1000, 1, 4], // 0.5 rounds up
    [4, 1000, 0, 4], // 0.4 rounds down
    [15, 1000, 2, 13], // 1.5 rounds up
    [14, 1000, 1, 13],
    [2500, 0, 0, 2500],
    [2500, 10000, 2500, 0],
    [333, 1250, 42, 291], // 41.625
    [Number.MAX_SAFE_INTEGER, 1000, 900719925474099, 8106479329266892],
  ])("splits %i at %i bps into fee %i and earning %i", (charge, bps, fee, earning) => {
    expect(feeSplit(charge, bps)).toEqual({ charge, fee, earning });
  });

  test.each([
    [-1, 1000],
    [1.5, 1000],
    [100, -1],
    [100, 10001],
    [100, 12.5],
  ])("refuses charge %d with %d bps", (charge, bps) => {
    expect(() => feeSplit(charge, bps)).toThrow(RangeError);
  });

  it("always adds up and rounds half up", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000_000_000 }), fc.integer({ min: 0, max: 10_000 }), (charge, bps) => {
        const { fee, earning } = feeSplit(charge, bps);
        expect(fee + earning).toBe(charge);
        expect(fee).toBeGreaterThanOrEqual(0);
        expect(earning).toBeGreaterThanOrEqual(0);
        // |fee − exact| ≤ ½, and exactly ½ rounds up: 2·fee·10000 − 2·charge·bps ∈ (−10000, 10000]
        const twiceError = 2n * BigInt(fee) * 10_000n - 2n * BigInt(charge) * BigInt(bps);
        expect(twiceError > -10_000n && twiceError <= 10_000n).toBe(true);
      }),
    );
  });
});

describe("drawInOrder", () => {
  test.each([
    [500, [200, 1000], [200, 300]],
    [100, [200, 1000], [100, 0]],
    [0, [200, 1000], [0, 0]],
    [1500, [200, 1000], [200, 1000]],
  ])("draws %i from %j as %j", (amount, available, expected) => {
    expect(drawInOrder(amount, available)).toEqual(expected);
  });
});
