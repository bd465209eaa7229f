import fc from "fast-check";
import { describe, expect, it, test } from "vitest";
import {
  divideHalfUp,
  drawInOrder,
  feeSplit,
  formatMoney,
  parseMoney,
  refundShares,
  toDecimalString,
  type ChargeParts,
} from "./money";

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

describe("divideHalfUp", () => {
  test.each([
    [0n, 3n, 0n],
    [1n, 3n, 0n],
    [2n, 3n, 1n],
    [1n, 2n, 1n],
    [3n, 2n, 2n],
    [5n, 4n, 1n],
    [7n, 4n, 2n],
    [10n, 5n, 2n],
    [10n ** 30n + 1n, 2n, 5n * 10n ** 29n + 1n],
  ])("rounds %i / %i to %i", (numerator, denominator, expected) => {
    expect(divideHalfUp(numerator, denominator)).toBe(expected);
  });

  test.each([
    [-1n, 2n],
    [1n, 0n],
    [1n, -2n],
  ])("refuses %i / %i", (numerator, denominator) => {
    expect(() => divideHalfUp(numerator, denominator)).toThrow(RangeError);
  });
});

describe("refundShares", () => {
  test.each([
    // [charge, promo, fee], refundedBefore, amount → promo, cash, fee, earning
    [[1000, 300, 100], 0, 1000, { promo: 300, cash: 700, fee: 100, earning: 900 }],
    [[1000, 300, 100], 0, 500, { promo: 150, cash: 350, fee: 50, earning: 450 }],
    [[1000, 300, 100], 500, 500, { promo: 150, cash: 350, fee: 50, earning: 450 }],
    [[1000, 0, 0], 0, 1, { promo: 0, cash: 1, fee: 0, earning: 1 }],
    [[1000, 1000, 1000], 0, 7, { promo: 7, cash: 0, fee: 7, earning: 0 }],
    // Three one-cent refunds of a 3¢ charge paid 1¢ promo with a 1¢ fee: promo rounds down, the fee half up.
    [[3, 1, 1], 0, 1, { promo: 0, cash: 1, fee: 0, earning: 1 }],
    [[3, 1, 1], 1, 1, { promo: 0, cash: 1, fee: 1, earning: 0 }],
    [[3, 1, 1], 2, 1, { promo: 1, cash: 0, fee: 0, earning: 1 }],
    // Exactly half a cent of fee rounds up.
    [[2, 0, 1], 0, 1, { promo: 0, cash: 1, fee: 1, earning: 0 }],
    [[2, 0, 1], 1, 1, { promo: 0, cash: 1, fee: 0, earning: 1 }],
  ])("splits a charge of %j after %i refunded, refunding %i, as %j", ([charge, promo, fee], before, amount, expected) => {
    expect(refundShares({ charge, promo, fee }, before, amount)).toEqual(expected);
  });

  test.each([
    [{ charge: 100, promo: 0, fee: 10 }, 0, 0],
    [{ charge: 100, promo: 0, fee: 10 }, 0, 101],
    [{ charge: 100, promo: 0, fee: 10 }, 60, 41],
    [{ charge: 100, promo: 0, fee: 10 }, -1, 10],
    [{ charge: 100, promo: 0, fee: 10 }, 0, 1.5],
    [{ charge: 100, promo: 101, fee: 10 }, 0, 10],
    [{ charge: 100, promo: 0, fee: -1 }, 0, 10],
    [{ charge: 0, promo: 0, fee: 0 }, 0, 1],
  ])("refuses %j after %i refunded, refunding %i", (parts, before, amount) => {
    expect(() => refundShares(parts, before, amount)).toThrow(RangeError);
  });

  const parts = fc
    .oneof(fc.integer({ min: 1, max: 50 }), fc.integer({ min: 1, max: 1_000_000_000_000 }))
    .chain((charge) =>
      fc.record({ charge: fc.constant(charge), promo: fc.integer({ min: 0, max: charge }), fee: fc.integer({ min: 0, max: charge }) }),
    );
  /** Partial refunds that never exceed the charge, then the rest: a full refund in 1 to 9 steps. */
  const refundsOf = (charge: number, wishes: number[]) => {
    const amounts: number[] = [];
    let left = charge;
    for (const wish of wishes) {
      if (left === 0) break;
      const amount = Math.min(wish, left);
      amounts.push(amount);
      left -= amount;
    }
    if (left > 0) amounts.push(left);
    return amounts;
  };
  const wishes = fc.array(fc.oneof(fc.integer({ min: 1, max: 20 }), fc.integer({ min: 1, max: 1_000_000_000_000 })), { maxLength: 8 });

  /** |share × charge − part × amount| < charge: the share is within one cent of the exact proportion. */
  const withinOneCent = (share: number, part: number, amount: number, charge: number) => {
    const error = BigInt(share) * BigInt(charge) - BigInt(part) * BigInt(amount);
    return error > -BigInt(charge) && error < BigInt(charge);
  };

  it("sums exactly to each refund, keeps each share within its part and within a cent of its proportion", () => {
    fc.assert(
      fc.property(parts, wishes, (charge: ChargeParts, wished) => {
        const whole = { promo: charge.promo, cash: charge.charge - charge.promo, fee: charge.fee, earning: charge.charge - charge.fee };
        const total = { promo: 0, cash: 0, fee: 0, earning: 0 };
        let refunded = 0;
        for (const amount of refundsOf(charge.charge, wished)) {
          const shares = refundShares(charge, refunded, amount);
          expect(shares.promo + shares.cash).toBe(amount);
          expect(shares.fee + shares.earning).toBe(amount);
          for (const name of ["promo", "cash", "fee", "earning"] as const) {
            expect(shares[name]).toBeGreaterThanOrEqual(0);
            expect(shares[name]).toBeLessThanOrEqual(whole[name]);
            expect(withinOneCent(shares[name], whole[name], amount, charge.charge)).toBe(true);
            total[name] += shares[name];
            expect(total[name]).toBeLessThanOrEqual(whole[name]);
          }
          refunded += amount;
        }
        // Refunded in full, in any steps: every part comes back exactly.
        expect(total).toEqual(whole);
      }),
    );
  });

  it("refunds the same in total however a refund is divided", () => {
    fc.assert(
      fc.property(parts, fc.integer({ min: 0, max: 1_000_000_000_000 }), wishes, (charge: ChargeParts, cut, wished) => {
        const target = Math.max(1, cut % (charge.charge + 1));
        const inOne = refundShares(charge, 0, target);
        const inSteps = { promo: 0, cash: 0, fee: 0, earning: 0 };
        let refunded = 0;
        for (const amount of refundsOf(target, wished)) {
          const shares = refundShares(charge, refunded, amount);
          for (const name of ["promo", "cash", "fee", "earning"] as const) inSteps[name] += shares[name];
          refunded += amount;
        }
        expect(inSteps).toEqual(inOne);
      }),
    );
  });
});
