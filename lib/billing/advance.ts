import { chargeCents, lastAffordableSecond } from "./charge";
import {
  billedMsAt,
  isRunning,
  serverTimeAtBilledMs,
  wholeSeconds,
  type BillingState,
} from "./clock";
import {
  BALANCE_WARNINGS,
  dueAtBilledSecond,
  isDue,
  timerColour,
  warningLevel,
  type BalanceWarning,
  type TimerColour,
  type WarningLevel,
  type WarningThresholds,
} from "./warnings";

export type AdvanceInput = {
  billing: BillingState;
  /** The rate snapshotted on the session. */
  rateCentsPerMinute: number;
  /** Client's available balance at the start of the tick, NOT counting this session's own hold. */
  budgetCents: number;
  /** Warnings this session has already recorded. */
  firedWarnings: readonly BalanceWarning[];
  /** The warning thresholds snapshotted on the session. */
  thresholds: WarningThresholds;
  /** Server time of the tick (ms). */
  now: number;
};

export type FiredWarning = {
  warning: BalanceWarning;
  /** The billed second at which it became due, even when the tick that noticed it was late. */
  atBilledSecond: number;
  /** Server time (ms) at which the clock reached that second. */
  at: number;
};

export type AutoPause = { atBilledSecond: number; at: number };

export type AdvanceResult = {
  /** Same as the input unless the session auto-paused; then stopped at the last affordable second. */
  billing: BillingState;
  billedMs: number;
  billedSeconds: number;
  /** floor(rate × billedSeconds / 60): the amount to hold on the client's wallet. */
  chargeCents: number;
  /** Balance left to the client after this hold: budget − charge. */
  availableCents: number;
  lastAffordableSecond: number;
  remainingSeconds: number;
  warningLevel: WarningLevel;
  timerColour: TimerColour;
  /** Warnings due now that were not fired before, in the order they became due. */
  newWarnings: FiredWarning[];
  /** Set when this tick stops a running session at its last affordable second. */
  autoPause: AutoPause | null;
};

/**
 * One clock tick for one session. Everything derives from the totals in
 * `billing`, so ticks that are late, repeated or skipped produce the same
 * result as ticks on time: a tick only ever writes the billing state when it
 * auto-pauses, and then at the exact last affordable second.
 *
 * Billed time never goes backwards: if the budget has shrunk below what is
 * already billed (not possible while the ledger keeps holds ≤ balance), the
 * session pauses where it is.
 */
export function advance(input: AdvanceInput): AdvanceResult {
  const { billing, rateCentsPerMinute, budgetCents, firedWarnings, thresholds, now } = input;
  const last = lastAffordableSecond(rateCentsPerMinute, budgetCents);
  const limitMs = last * 1000;
  const runningMs = billedMsAt(billing, now);
  const reachedLimit = isRunning(billing) && runningMs >= limitMs;

  const billedMs = reachedLimit ? Math.max(billing.billedMs, limitMs) : runningMs;
  const billedSeconds = wholeSeconds(billedMs);
  const charge = chargeCents(rateCentsPerMinute, billedSeconds);
  const remaining = Math.max(0, last - billedSeconds);

  const alreadyFired = new Set(firedWarnings);
  const newWarnings = BALANCE_WARNINGS.filter(
    (warning) => !alreadyFired.has(warning) && isDue(warning, remaining, thresholds),
  ).map((warning): FiredWarning => {
    const atBilledSecond = Math.min(billedSeconds, dueAtBilledSecond(warning, last, thresholds));
    return { warning, atBilledSecond, at: serverTimeAtBilledMs(billing, atBilledSecond * 1000, now) };
  });

  return {
    billing: reachedLimit ? { billedMs, resumedAt: null } : billing,
    billedMs,
    billedSeconds,
    chargeCents: charge,
    availableCents: Math.max(0, budgetCents - charge),
    lastAffordableSecond: last,
    remainingSeconds: remaining,
    warningLevel: warningLevel(remaining, thresholds),
    timerColour: timerColour(remaining, thresholds),
    newWarnings,
    autoPause: reachedLimit
      ? { atBilledSecond: billedSeconds, at: serverTimeAtBilledMs(billing, billedMs, now) }
      : null,
  };
}
