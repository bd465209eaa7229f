import { describe, expect, it } from "vitest";
import {
  NOT_STARTED,
  billedMsAt,
  billedSecondsAt,
  pauseBilling,
  resumeBilling,
  serverTimeAtBilledMs,
  wholeSeconds,
  type BillingState,
} from "./clock";

const T0 = 1_700_000_000_000;

describe("billedMsAt", () => {
  it.each<{ state: BillingState; now: number; ms: number; seconds: number }>([
    { state: NOT_STARTED, now: T0, ms: 0, seconds: 0 },
    { state: { billedMs: 0, resumedAt: T0 }, now: T0 + 999, ms: 999, seconds: 0 },
    { state: { billedMs: 0, resumedAt: T0 }, now: T0 + 1000, ms: 1000, seconds: 1 },
    { state: { billedMs: 1500, resumedAt: T0 }, now: T0 + 500, ms: 2000, seconds: 2 },
    { state: { billedMs: 1500, resumedAt: null }, now: T0 + 60_000, ms: 1500, seconds: 1 },
    { state: { billedMs: 4000, resumedAt: T0 }, now: T0 - 5000, ms: 4000, seconds: 4 },
  ])("$state at +$now → $ms ms", ({ state, now, ms, seconds }) => {
    expect(billedMsAt(state, now)).toBe(ms);
    expect(billedSecondsAt(state, now)).toBe(seconds);
  });

  it.each([
    [0, 0],
    [999, 0],
    [1000, 1],
    [59_999, 59],
    [1_800_000, 1800],
  ])("%i ms is %i whole seconds", (ms, seconds) => {
    expect(wholeSeconds(ms)).toBe(seconds);
  });
});

describe("pause and resume", () => {
  it("keeps partial seconds across pauses so no time is lost", () => {
    let state = resumeBilling(NOT_STARTED, T0);
    state = pauseBilling(state, T0 + 1500);
    expect(state).toEqual({ billedMs: 1500, resumedAt: null });
    state = resumeBilling(state, T0 + 10_000);
    state = pauseBilling(state, T0 + 10_500);
    expect(state).toEqual({ billedMs: 2000, resumedAt: null });
    expect(billedSecondsAt(state, T0 + 99_000)).toBe(2);
  });

  it("resuming a running clock or pausing a paused one changes nothing", () => {
    const running = { billedMs: 3000, resumedAt: T0 };
    expect(resumeBilling(running, T0 + 5000)).toBe(running);
    const paused = { billedMs: 3000, resumedAt: null };
    expect(pauseBilling(paused, T0 + 5000)).toBe(paused);
  });

  it.each([
    { maxBilledMs: 300_000, now: T0 + 310_000, billedMs: 300_000 },
    { maxBilledMs: 300_000, now: T0 + 200_000, billedMs: 200_000 },
    { maxBilledMs: 0, now: T0 + 5000, billedMs: 0 },
  ])("a pause clamped at $maxBilledMs ms at +$now keeps $billedMs ms", ({ maxBilledMs, now, billedMs }) => {
    expect(pauseBilling({ billedMs: 0, resumedAt: T0 }, now, maxBilledMs)).toEqual({ billedMs, resumedAt: null });
  });

  it("never moves billed time backwards when clamped below what is already billed", () => {
    expect(pauseBilling({ billedMs: 9000, resumedAt: T0 }, T0 + 1000, 5000)).toEqual({
      billedMs: 9000,
      resumedAt: null,
    });
  });
});

describe("serverTimeAtBilledMs", () => {
  it.each<{ state: BillingState; target: number; expected: number }>([
    { state: { billedMs: 0, resumedAt: T0 }, target: 180_000, expected: T0 + 180_000 },
    { state: { billedMs: 60_000, resumedAt: T0 }, target: 180_000, expected: T0 + 120_000 },
    { state: { billedMs: 60_000, resumedAt: T0 }, target: 30_000, expected: T0 },
    { state: { billedMs: 60_000, resumedAt: null }, target: 30_000, expected: T0 + 7 },
  ])("$target ms on $state", ({ state, target, expected }) => {
    expect(serverTimeAtBilledMs(state, target, T0 + 7)).toBe(expected);
  });
});
