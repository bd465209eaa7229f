/**
 * Balance warnings and timer colour from the remaining billable seconds
 * (SPEC §4). Thresholds are inclusive for warnings ("at ≤ 2 minutes").
 *
 * The colour follows the SPEC words literally: green > 2 min, amber 1–2 min
 * (both ends included), red < 1 min, black at 0. So at exactly 60 s the
 * 1-minute warning fires while the timer is still amber for that one second.
 */
export const BALANCE_WARNINGS = ["two_minutes", "one_minute", "exhausted"] as const;
export type BalanceWarning = (typeof BALANCE_WARNINGS)[number];
export type WarningLevel = "none" | BalanceWarning;
export type TimerColour = "green" | "amber" | "red" | "black";

/** A warning is due once remaining seconds ≤ its threshold. */
export const WARNING_THRESHOLD_SECONDS: Record<BalanceWarning, number> = {
  two_minutes: 120,
  one_minute: 60,
  exhausted: 0,
};

export function isDue(warning: BalanceWarning, remainingSeconds: number): boolean {
  return remainingSeconds <= WARNING_THRESHOLD_SECONDS[warning];
}

/** The most urgent warning due at this remaining time. */
export function warningLevel(remainingSeconds: number): WarningLevel {
  if (isDue("exhausted", remainingSeconds)) return "exhausted";
  if (isDue("one_minute", remainingSeconds)) return "one_minute";
  if (isDue("two_minutes", remainingSeconds)) return "two_minutes";
  return "none";
}

export function timerColour(remainingSeconds: number): TimerColour {
  if (remainingSeconds <= 0) return "black";
  if (remainingSeconds < 60) return "red";
  if (remainingSeconds <= 120) return "amber";
  return "green";
}

/**
 * First billed second at which `warning` is due when the session can bill up
 * to `lastAffordableSecond`: remaining = last − T ≤ threshold ⇔ T ≥ last − threshold.
 */
export function dueAtBilledSecond(warning: BalanceWarning, lastAffordableSecond: number): number {
  return Math.max(0, lastAffordableSecond - WARNING_THRESHOLD_SECONDS[warning]);
}
