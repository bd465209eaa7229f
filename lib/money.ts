/**
 * Money as integer minor units (cents for USD) beside an ISO 4217 currency.
 * No floating point anywhere: parsing works on the digits of the input,
 * formatting hands Intl.NumberFormat an exact decimal string.
 */

export const DEFAULT_CURRENCY = "USD";

export type Money = { amount: number; currency: string };

export function isCents(value: unknown): value is number {
  return typeof value === "number" && Number.isSafeInteger(value);
}

export function requireCents(value: number, what = "amount"): number {
  if (!isCents(value)) throw new RangeError(`${what} must be a whole number of minor units, got ${value}`);
  return value;
}

/** Digits after the decimal point for a currency: 2 for USD, 0 for JPY. */
export function minorUnitDigits(currency: string): number {
  return new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

/** Exact decimal text for an amount in minor units, e.g. (-1234, 2) → "-12.34". */
export function toDecimalString(amount: number, digits: number): string {
  requireCents(amount);
  const sign = amount < 0 ? "-" : "";
  const text = Math.abs(amount).toString().padStart(digits + 1, "0");
  if (digits === 0) return sign + text;
  return `${sign}${text.slice(0, -digits)}.${text.slice(-digits)}`;
}

export function formatMoney(amount: number, currency: string = DEFAULT_CURRENCY, locale?: string): string {
  const digits = minorUnitDigits(currency);
  const format = new Intl.NumberFormat(locale ?? "en-US", {
    style: "currency",
    currency,
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
  return format.format(toDecimalString(amount, digits) as Intl.StringNumericLiteral);
}

export type ParseResult = { ok: true; amount: number } | { ok: false; error: string };

const GROUPED = /^\d{1,3}(,\d{3})+$/;
const PLAIN = /^\d+$/;

/**
 * Parses what a person types ("25", "25.5", "$1,000.00") into minor units.
 * Thousands separators must be in the right places; the fraction may have at
 * most the currency's number of decimals. Negative amounts are refused.
 */
export function parseMoney(input: string, currency: string = DEFAULT_CURRENCY): ParseResult {
  const digits = minorUnitDigits(currency);
  let text = input.trim();
  if (text === "") return { ok: false, error: "Enter an amount." };
  if (text.startsWith("-") || text.startsWith("−")) return { ok: false, error: "The amount can't be negative." };
  text = text.replace(/^\$\s*/, "").replace(new RegExp(`\\s*${currency}$`, "i"), "").trim();

  const [whole, fraction, ...rest] = text.split(".");
  const example = digits > 0 ? `25 or 25.${"5".padEnd(digits, "0")}` : "25";
  const invalid: ParseResult = { ok: false, error: `Enter an amount like ${example}.` };
  if (rest.length > 0) return invalid;
  const wholeText = whole === "" && fraction !== undefined ? "0" : whole;
  if (!PLAIN.test(wholeText) && !GROUPED.test(wholeText)) return invalid;
  if (fraction !== undefined && !(fraction === "" && whole !== "")) {
    if (!PLAIN.test(fraction)) return invalid;
    if (fraction.length > digits) {
      return {
        ok: false,
        error: digits === 0 ? `${currency} amounts have no decimals.` : `Use at most ${digits} decimal places.`,
      };
    }
  }

  const minor = BigInt(wholeText.replaceAll(",", "")) * 10n ** BigInt(digits) + BigInt((fraction ?? "").padEnd(digits, "0") || "0");
  if (minor > BigInt(Number.MAX_SAFE_INTEGER)) return { ok: false, error: "That amount is too large." };
  return { ok: true, amount: Number(minor) };
}

export type FeeSplit = { charge: number; fee: number; earning: number };

/**
 * Splits a charge into the platform fee (basis points, rounded half up) and the
 * advisor's earning, so that charge = fee + earning exactly.
 */
export function feeSplit(charge: number, feeBps: number): FeeSplit {
  requireCents(charge, "charge");
  if (charge < 0) throw new RangeError(`charge must not be negative, got ${charge}`);
  if (!Number.isInteger(feeBps) || feeBps < 0 || feeBps > 10_000) {
    throw new RangeError(`feeBps must be an integer between 0 and 10000, got ${feeBps}`);
  }
  const fee = Number((BigInt(charge) * BigInt(feeBps) + 5_000n) / 10_000n);
  return { charge, fee, earning: charge - fee };
}

/** Splits `amount` across ordered sources, taking from each as much as it has (promo before cash). */
export function drawInOrder(amount: number, available: readonly number[]): number[] {
  requireCents(amount);
  let left = amount;
  return available.map((have) => {
    const take = Math.max(0, Math.min(have, left));
    left -= take;
    return take;
  });
}

/** round(numerator / denominator), halves up; exact for a non-negative numerator and a positive denominator. */
export function divideHalfUp(numerator: bigint, denominator: bigint): bigint {
  if (numerator < 0n || denominator <= 0n) {
    throw new RangeError(`divideHalfUp needs numerator ≥ 0 and denominator > 0, got ${numerator} / ${denominator}`);
  }
  return (2n * numerator + denominator) / (2n * denominator);
}

/** How a charge was paid and split: `promo` of it came from promo credit, `fee` went to the platform. */
export type ChargeParts = { charge: number; promo: number; fee: number };

/** Where a refund goes back to: promo + cash = fee + earning = the refund. */
export type RefundShares = { promo: number; cash: number; fee: number; earning: number };

/**
 * Splits a refund of `amount` of a charge, after `refundedBefore` was already
 * refunded, in proportion to how the charge was paid (promo, the rest cash)
 * and split (fee, the rest the advisor's earning). Each share is the
 * difference of the cumulative share before and after this refund — promo
 * rounded down, fee half up, like the charge's own split — so any sequence of
 * partial refunds stays within each part and a full refund returns each part
 * exactly.
 */
export function refundShares(parts: ChargeParts, refundedBefore: number, amount: number): RefundShares {
  const { charge, promo, fee } = parts;
  requireCents(charge, "charge");
  requireCents(refundedBefore, "refundedBefore");
  requireCents(amount, "amount");
  requireCents(promo, "promo");
  requireCents(fee, "fee");
  if (charge <= 0 || promo < 0 || promo > charge || fee < 0 || fee > charge) {
    throw new RangeError(`Parts ${JSON.stringify(parts)} do not fit in their charge`);
  }
  if (refundedBefore < 0 || amount <= 0 || refundedBefore + amount > charge) {
    throw new RangeError(`A refund of ${amount} after ${refundedBefore} does not fit in a charge of ${charge}`);
  }
  const whole = BigInt(charge);
  const promoUpTo = (refunded: number) => (BigInt(promo) * BigInt(refunded)) / whole;
  const feeUpTo = (refunded: number) => divideHalfUp(BigInt(fee) * BigInt(refunded), whole);
  const after = refundedBefore + amount;
  const promoBack = Number(promoUpTo(after) - promoUpTo(refundedBefore));
  const feeBack = Number(feeUpTo(after) - feeUpTo(refundedBefore));
  return { promo: promoBack, cash: amount - promoBack, fee: feeBack, earning: amount - feeBack };
}
