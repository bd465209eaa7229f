/**
 * A session's billing clock (ARCHITECTURE "Billing clock"): `billedMs`
 * accumulated up to `resumedAt`, plus `now − resumedAt` while active.
 * All times are server timestamps in milliseconds.
 */
export type BillingState = {
  /** Billed milliseconds accumulated before the current run. */
  billedMs: number;
  /** Server time billing last (re)started; null while paused or not started. */
  resumedAt: number | null;
};

export const NOT_STARTED: BillingState = { billedMs: 0, resumedAt: null };

export function isRunning(state: BillingState): boolean {
  return state.resumedAt !== null;
}

/** Billed milliseconds at `now`. A `now` before `resumedAt` adds nothing. */
export function billedMsAt(state: BillingState, now: number): number {
  if (state.resumedAt === null) return state.billedMs;
  return state.billedMs + Math.max(0, now - state.resumedAt);
}

/** Whole billed seconds: floor(ms / 1000). */
export function wholeSeconds(billedMs: number): number {
  return Math.floor(billedMs / 1000);
}

export function billedSecondsAt(state: BillingState, now: number): number {
  return wholeSeconds(billedMsAt(state, now));
}

/** Start or resume at `now`. Resuming a running clock changes nothing. */
export function resumeBilling(state: BillingState, now: number): BillingState {
  if (state.resumedAt !== null) return state;
  return { billedMs: state.billedMs, resumedAt: now };
}

/**
 * Stop at `now`, keeping the partial second so a later resume loses nothing.
 * `maxBilledMs` clamps a pause that arrives after the last affordable second
 * (pass `lastAffordableSecond × 1000`); billed time never goes backwards.
 */
export function pauseBilling(
  state: BillingState,
  now: number,
  maxBilledMs = Number.POSITIVE_INFINITY,
): BillingState {
  if (state.resumedAt === null) return state;
  const billedMs = Math.max(state.billedMs, Math.min(billedMsAt(state, now), maxBilledMs));
  return { billedMs, resumedAt: null };
}

/**
 * Server time at which the clock reached `targetMs` of billed time during the
 * current run; for a target reached before this run (or a paused clock), the
 * earliest moment the fact could be observed.
 */
export function serverTimeAtBilledMs(state: BillingState, targetMs: number, now: number): number {
  if (state.resumedAt === null) return now;
  return state.resumedAt + Math.max(0, targetMs - state.billedMs);
}
