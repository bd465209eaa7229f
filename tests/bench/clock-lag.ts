/**
 * Tick lag from what clients could see. Every bench session starts billing at
 * the instant the clock starts (`startedAt`), so second k of every session ends
 * at G_k = startedAt + k·1000, when the clock's k-th pass is due. The lag of
 * second k is the time from G_k until a probe first saw every probed session
 * show at least k billed seconds. A second is missed when that took more than
 * a whole tick: the meter stood still for a second the client was billed for.
 */
export const TICK_MS = 1000;

/** One probe answer: when it arrived and the smallest billed seconds among the probed sessions. */
export type Observation = { at: number; minBilledSeconds: number };

/**
 * Lag (ms) of each second k = 1, 2, … whose following second ended by
 * `until`. A second still not shown at `until` gets `until − G_k` (a lower bound, already a miss).
 */
export function secondLags(startedAt: number, observations: readonly Observation[], until: number): number[] {
  const lags: number[] = [];
  let next = 0;
  for (let k = 1; startedAt + (k + 1) * TICK_MS <= until; k++) {
    while (next < observations.length && observations[next].minBilledSeconds < k) next++;
    const shownAt = next < observations.length ? observations[next].at : until;
    lags.push(shownAt - (startedAt + k * TICK_MS));
  }
  return lags;
}

export function countMissed(lags: readonly number[]): number {
  return lags.filter((lag) => lag > TICK_MS).length;
}
