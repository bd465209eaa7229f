import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  canAffordStart,
  chargeCents,
  lastAffordableSecond,
  remainingSeconds,
} from "./charge";

const rate = fc.integer({ min: 1, max: 10_000 });
const seconds = fc.integer({ min: 0, max: 10_000_000 });
const cents = fc.integer({ min: 0, max: 1_000_000_000 });

describe("chargeCents", () => {
  it.each([
    { rate: 50, seconds: 30 * 60, expected: 1500 },
    { rate: 100, seconds: 300, expected: 500 },
    { rate: 100, seconds: 1, expected: 1 },
    { rate: 50, seconds: 1, expected: 0 },
    { rate: 50, seconds: 2, expected: 1 },
    { rate: 10, seconds: 5, expected: 0 },
    { rate: 10, seconds: 6, expected: 1 },
    { rate: 10_000, seconds: 3600, expected: 600_000 },
    { rate: 99, seconds: 61, expected: 100 },
    { rate: 1, seconds: 0, expected: 0 },
  ])("$rate¢/min for $seconds s is $expected¢", ({ rate, seconds, expected }) => {
    expect(chargeCents(rate, seconds)).toBe(expected);
  });

  it.each([
    { rate: 0, seconds: 10 },
    { rate: -50, seconds: 10 },
    { rate: 0.5, seconds: 10 },
    { rate: 50, seconds: -1 },
    { rate: 50, seconds: 1.5 },
    { rate: 10_000, seconds: Number.MAX_SAFE_INTEGER },
  ])("rejects rate $rate with $seconds s", ({ rate, seconds }) => {
    expect(() => chargeCents(rate, seconds)).toThrow(RangeError);
  });

  it("is monotone in billed seconds", () => {
    fc.assert(
      fc.property(rate, seconds, seconds, (r, a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(chargeCents(r, lo)).toBeLessThanOrEqual(chargeCents(r, hi));
      }),
    );
  });

  it("charges whole minutes exactly and sums over whole minutes without drift", () => {
    fc.assert(
      fc.property(rate, fc.integer({ min: 0, max: 100_000 }), fc.integer({ min: 0, max: 59 }), (r, minutes, extra) => {
        expect(chargeCents(r, minutes * 60)).toBe(r * minutes);
        expect(chargeCents(r, minutes * 60 + extra)).toBe(r * minutes + chargeCents(r, extra));
      }),
    );
  });
});

describe("lastAffordableSecond", () => {
  it.each([
    { rate: 100, available: 500, expected: 300 },
    { rate: 50, available: 1500, expected: 1801 },
    { rate: 50, available: 0, expected: 1 },
    { rate: 100, available: 0, expected: 0 },
    { rate: 60, available: 1, expected: 1 },
    { rate: 7, available: 3, expected: 34 },
    { rate: 10_000, available: 9_999, expected: 59 },
    { rate: 10_000, available: 10_000, expected: 60 },
  ])("$rate¢/min with $available¢ lasts to second $expected", ({ rate, available, expected }) => {
    expect(lastAffordableSecond(rate, available)).toBe(expected);
  });

  it.each([
    { rate: 0, available: 500 },
    { rate: 1.5, available: 500 },
    { rate: 100, available: -1 },
    { rate: 100, available: 0.5 },
    { rate: 100, available: Number.MAX_SAFE_INTEGER },
  ])("rejects rate $rate with $available¢", ({ rate, available }) => {
    expect(() => lastAffordableSecond(rate, available)).toThrow(RangeError);
  });

  it("is the largest T whose charge fits the balance", () => {
    fc.assert(
      fc.property(rate, cents, (r, available) => {
        const last = lastAffordableSecond(r, available);
        expect(chargeCents(r, last)).toBeLessThanOrEqual(available);
        expect(chargeCents(r, last + 1)).toBeGreaterThan(available);
      }),
    );
  });
});

describe("remainingSeconds", () => {
  it.each([
    { rate: 100, budget: 500, billed: 0, expected: 300 },
    { rate: 100, budget: 500, billed: 180, expected: 120 },
    { rate: 100, budget: 500, billed: 300, expected: 0 },
    { rate: 100, budget: 500, billed: 400, expected: 0 },
    { rate: 50, budget: 100, billed: 1, expected: 120 },
  ])("$rate¢/min, budget $budget¢, $billed s billed → $expected s", ({ rate, budget, billed, expected }) => {
    expect(remainingSeconds(rate, budget, billed)).toBe(expected);
  });

  it("agrees with the charge: billing the remaining seconds never exceeds the budget", () => {
    fc.assert(
      fc.property(rate, cents, seconds, (r, budget, billed) => {
        const remaining = remainingSeconds(r, budget, billed);
        if (remaining > 0) expect(chargeCents(r, billed + remaining)).toBeLessThanOrEqual(budget);
        expect(chargeCents(r, billed + remaining + 1)).toBeGreaterThan(budget);
      }),
    );
  });
});

describe("canAffordStart", () => {
  it.each([
    { rate: 100, available: 300, minutes: 3, expected: true },
    { rate: 100, available: 299, minutes: 3, expected: false },
    { rate: 50, available: 150, minutes: 3, expected: true },
    { rate: 50, available: 149, minutes: 3, expected: false },
    { rate: 10, available: 30, minutes: 3, expected: true },
    { rate: 10, available: 29, minutes: 3, expected: false },
    { rate: 100, available: 500, minutes: 5, expected: true },
    { rate: 100, available: 499, minutes: 5, expected: false },
    { rate: 100, available: 0, minutes: 0, expected: true },
    { rate: 7, available: 20, minutes: 3, expected: false },
    { rate: 7, available: 21, minutes: 3, expected: true },
  ])("$rate¢/min with $available¢ and a $minutes-minute minimum → $expected", ({ rate, available, minutes, expected }) => {
    expect(canAffordStart(rate, available, minutes)).toBe(expected);
  });

  it("refuses a minimum that is not a whole number of minutes", () => {
    expect(() => canAffordStart(100, 1000, 2.5)).toThrow(RangeError);
    expect(() => canAffordStart(100, 1000, -1)).toThrow(RangeError);
  });

  it("is exactly whether the balance pays for the minimum minutes", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), fc.nat(1_000_000), fc.nat(60), (rate, available, minutes) => {
        expect(canAffordStart(rate, available, minutes)).toBe(chargeCents(rate, minutes * 60) <= available);
      }),
    );
  });
});
