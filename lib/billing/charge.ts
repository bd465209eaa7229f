/**
 * Per-second billing arithmetic (SPEC §2, §4). Integers only: rates in cents
 * per minute, amounts in cents, durations in whole billed seconds.
 *
 * Bound: every intermediate product (rate × seconds, 60 × cents + 59) must stay
 * ≤ Number.MAX_SAFE_INTEGER (2^53 − 1). At the top rate of $100.00/min that is
 * ~9 × 10^11 s (28,000 years) of billing and ~$1.5 trillion of balance, so real
 * values are far inside it; anything outside throws a RangeError (a bug, not a
 * user error).
 */

export const SECONDS_PER_MINUTE = 60;

function requireSafeInteger(name: string, value: number, min: number): void {
  if (!Number.isSafeInteger(value) || value < min) {
    throw new RangeError(`${name} must be an integer ≥ ${min}, got ${value}`);
  }
}

function safeProduct(a: number, b: number): number {
  const product = a * b;
  if (!Number.isSafeInteger(product)) {
    throw new RangeError(`${a} × ${b} exceeds the safe integer range`);
  }
  return product;
}

/** Rates are positive: a zero rate has no last affordable second. */
export function requireRate(rateCentsPerMinute: number): void {
  requireSafeInteger("rateCentsPerMinute", rateCentsPerMinute, 1);
}

/** floor(R × T / 60), always from the totals. */
export function chargeCents(rateCentsPerMinute: number, billedSeconds: number): number {
  requireRate(rateCentsPerMinute);
  requireSafeInteger("billedSeconds", billedSeconds, 0);
  return Math.floor(safeProduct(rateCentsPerMinute, billedSeconds) / SECONDS_PER_MINUTE);
}

/**
 * max T with floor(R × T / 60) ≤ available.
 * floor(R·T/60) ≤ A  ⇔  R·T < 60·(A + 1)  ⇔  R·T ≤ 60·A + 59  ⇔  T ≤ floor((60·A + 59) / R).
 */
export function lastAffordableSecond(rateCentsPerMinute: number, availableCents: number): number {
  requireRate(rateCentsPerMinute);
  requireSafeInteger("availableCents", availableCents, 0);
  const numerator = safeProduct(SECONDS_PER_MINUTE, availableCents) + (SECONDS_PER_MINUTE - 1);
  if (!Number.isSafeInteger(numerator)) {
    throw new RangeError(`availableCents ${availableCents} exceeds the safe integer range`);
  }
  return Math.floor(numerator / rateCentsPerMinute);
}

/**
 * Seconds still billable when `budgetCents` (the client's available balance
 * not counting this session's own hold) must cover the whole session and
 * `billedSeconds` are already billed. With billedSeconds = 0 it is the time a
 * balance buys. Never negative.
 */
export function remainingSeconds(
  rateCentsPerMinute: number,
  budgetCents: number,
  billedSeconds = 0,
): number {
  requireSafeInteger("billedSeconds", billedSeconds, 0);
  return Math.max(0, lastAffordableSecond(rateCentsPerMinute, budgetCents) - billedSeconds);
}

/**
 * The start rule (SPEC §4): the available balance covers at least
 * `minimumMinutes` of billing at the rate (platformSettings
 * `sessionMinBalanceMinutes`, 3 by default).
 */
export function canAffordStart(rateCentsPerMinute: number, availableCents: number, minimumMinutes: number): boolean {
  requireSafeInteger("minimumMinutes", minimumMinutes, 0);
  return lastAffordableSecond(rateCentsPerMinute, availableCents) >= safeProduct(minimumMinutes, SECONDS_PER_MINUTE);
}
