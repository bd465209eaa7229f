/**
 * Balance warnings and timer colour from the remaining billable seconds
 * (SPEC §4). The two thresholds are settings (platformSettings
 * `sessionFirstWarningSeconds`, `sessionSecondWarningSeconds`: 120 and 60 by
 * default) that a session snapshots when it is requested; they are passed in
 * here, never assumed. Thresholds are inclusive for warnings ("at ≤ 2
 * minutes").
 *
 * The colour follows the SPEC words literally: green above the first
 * threshold, amber from the second to the first (both ends included), red
 * below the second, black at 0. So at exactly the second threshold its warning
 * fires while the timer is still amber for that one second.
 *
 * The warnings keep their SPEC names (`two_minutes`, `one_minute`) whatever
 * the thresholds: they name the first and second warning.
 */
export const BALANCE_WARNINGS = ["two_minutes", "one_minute", "exhausted"] as const;
export type BalanceWarning = (typeof BALANCE_WARNINGS)[number];
export type WarningLevel = "none" | BalanceWarning;
export type TimerColour = "green" | "amber" | "red" | "black";

/** Remaining seconds at which the first (`two_minutes`) and second (`one_minute`) warnings are due. */
export type WarningThresholds = { first: number; second: number };

/** A threshold pair is whole seconds with first ≥ second > 0, so the warnings come in their order. */
export function requireWarningThresholds(thresholds: WarningThresholds): WarningThresholds {
  const { first, second } = thresholds;
  if (!Number.isSafeInteger(first) || !Number.isSafeInteger(second) || second < 1 || first < second) {
    throw new RangeError(`Warning thresholds need whole seconds with first ≥ second ≥ 1, got ${first} and ${second}`);
  }
  return thresholds;
}

/** The remaining seconds at or below which `warning` is due. */
export function thresholdSeconds(warning: BalanceWarning, thresholds: WarningThresholds): number {
  requireWarningThresholds(thresholds);
  if (warning === "two_minutes") return thresholds.first;
  if (warning === "one_minute") return thresholds.second;
  return 0;
}

/** A warning is due once remaining seconds ≤ its threshold. */
export function isDue(warning: BalanceWarning, remainingSeconds: number, thresholds: WarningThresholds): boolean {
  return remainingSeconds <= thresholdSeconds(warning, thresholds);
}

/** The most urgent warning due at this remaining time. */
export function warningLevel(remainingSeconds: number, thresholds: WarningThresholds): WarningLevel {
  if (isDue("exhausted", remainingSeconds, thresholds)) return "exhausted";
  if (isDue("one_minute", remainingSeconds, thresholds)) return "one_minute";
  if (isDue("two_minutes", remainingSeconds, thresholds)) return "two_minutes";
  return "none";
}

export function timerColour(remainingSeconds: number, thresholds: WarningThresholds): TimerColour {
  requireWarningThresholds(thresholds);
  if (remainingSeconds <= 0) return "black";
  if (remainingSeconds < thresholds.second) return "red";
  if (remainingSeconds <= thresholds.first) return "amber";
  return "green";
}

/**
 * First billed second at which `warning` is due when the session can bill up
 * to `lastAffordableSecond`: remaining = last − T ≤ threshold ⇔ T ≥ last − threshold.
 */
export function dueAtBilledSecond(warning: BalanceWarning, lastAffordableSecond: number, thresholds: WarningThresholds): number {
  return Math.max(0, lastAffordableSecond - thresholdSeconds(warning, thresholds));
}

/** Whole seconds in words: "2 minutes", "1 minute", "45 seconds", "1 minute 30 seconds". */
export function describeSeconds(seconds: number): string {
  const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? "" : "s"}`;
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  if (minutes === 0) return plural(rest, "second");
  if (rest === 0) return plural(minutes, "minute");
  return `${plural(minutes, "minute")} ${plural(rest, "second")}`;
}

/** The words a warning is announced with, from the thresholds it fired at. */
export function warningMessage(warning: BalanceWarning, thresholds: WarningThresholds): string {
  if (warning === "exhausted") return "Balance exhausted.";
  return `${describeSeconds(thresholdSeconds(warning, thresholds))} of balance left.`;
}
