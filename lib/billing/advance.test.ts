import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { advance, type AdvanceInput, type AdvanceResult, type FiredWarning } from "./advance";
import { lastAffordableSecond } from "./charge";
import type { BillingState } from "./clock";
import type { BalanceWarning, WarningThresholds } from "./warnings";

const T0 = 1_700_000_000_000;
const running: BillingState = { billedMs: 0, resumedAt: T0 };
/** The SPEC defaults: warnings at 2 minutes and 1 minute left. */
const thresholds: WarningThresholds = { first: 120, second: 60 };

type Tick = Pick<AdvanceResult, "billedSeconds" | "chargeCents" | "availableCents" | "remainingSeconds" | "warningLevel" | "timerColour"> & {
  warnings: BalanceWarning[];
  paused: boolean;
};

/** Drives a session through ticks at the given times, carrying state the way the clock does. */
function runTicks(start: Omit<AdvanceInput, "now">, times: readonly number[]) {
  let billing = start.billing;
  let fired = [...start.firedWarnings];
  const warnings: FiredWarning[] = [];
  const pauses: NonNullable<AdvanceResult["autoPause"]>[] = [];
  const ticks: Tick[] = [];
  let last: AdvanceResult | undefined;
  for (const now of times) {
    last = advance({ ...start, billing, firedWarnings: fired, now });
    billing = last.billing;
    fired = [...fired, ...last.newWarnings.map((w) => w.warning)];
    warnings.push(...last.newWarnings);
    if (last.autoPause) pauses.push(last.autoPause);
    ticks.push({
      billedSeconds: last.billedSeconds,
      chargeCents: last.chargeCents,
      availableCents: last.availableCents,
      remainingSeconds: last.remainingSeconds,
      warningLevel: last.warningLevel,
      timerColour: last.timerColour,
      warnings: last.newWarnings.map((w) => w.warning),
      paused: last.autoPause !== null,
    });
  }
  return { billing, warnings, pauses, ticks, last: last! };
}

const everySecond = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => T0 + (from + i) * 1000);

describe("advance: SPEC examples", () => {
  it("bills a 30-minute chat at 50¢/min as 1500¢", () => {
    const { last } = runTicks(
      { billing: running, rateCentsPerMinute: 50, budgetCents: 100_000, firedWarnings: [], thresholds },
      everySecond(1, 30 * 60),
    );
    expect(last.billedSeconds).toBe(1800);
    expect(last.chargeCents).toBe(1500);
    expect(last.availableCents).toBe(98_500);
    expect(last.autoPause).toBeNull();
  });

  it("$5.00 at $1.00/min warns at 3:00 and 4:00, pauses at 5:00 with charge exactly 500¢", () => {
    const { ticks, warnings, pauses, billing } = runTicks(
      { billing: running, rateCentsPerMinute: 100, budgetCents: 500, firedWarnings: [], thresholds },
      everySecond(1, 330),
    );
    const firstTickWith = (w: BalanceWarning) => ticks.findIndex((t) => t.warnings.includes(w)) + 1;
    expect(firstTickWith("two_minutes")).toBe(180);
    expect(firstTickWith("one_minute")).toBe(240);
    expect(firstTickWith("exhausted")).toBe(300);
    expect(warnings).toEqual([
      { warning: "two_minutes", atBilledSecond: 180, at: T0 + 180_000 },
      { warning: "one_minute", atBilledSecond: 240, at: T0 + 240_000 },
      { warning: "exhausted", atBilledSecond: 300, at: T0 + 300_000 },
    ]);
    expect(pauses).toEqual([{ atBilledSecond: 300, at: T0 + 300_000 }]);
    expect(ticks[299]).toMatchObject({ billedSeconds: 300, chargeCents: 500, availableCents: 0, paused: true });
    expect(ticks.at(-1)).toMatchObject({ billedSeconds: 300, chargeCents: 500, availableCents: 0, paused: false });
    expect(billing).toEqual({ billedMs: 300_000, resumedAt: null });
  });

  it.each([
    { second: 179, level: "none", colour: "green" },
    { second: 180, level: "two_minutes", colour: "amber" },
    { second: 240, level: "one_minute", colour: "amber" },
    { second: 241, level: "one_minute", colour: "red" },
    { second: 300, level: "exhausted", colour: "black" },
  ])("$5.00 at $1.00/min at second $second shows $level / $colour", ({ second, level, colour }) => {
    const result = advance({ billing: running, rateCentsPerMinute: 100, budgetCents: 500, firedWarnings: [], thresholds, now: T0 + second * 1000 });
    expect(result.warningLevel).toBe(level);
    expect(result.timerColour).toBe(colour);
    expect(result.remainingSeconds).toBe(300 - second);
  });

  it("$10.00 at $1.00/min with warnings set to 5 and 2 minutes warns at 5:00 and 8:00", () => {
    const { warnings, ticks } = runTicks(
      { billing: running, rateCentsPerMinute: 100, budgetCents: 1000, firedWarnings: [], thresholds: { first: 300, second: 120 } },
      everySecond(1, 600),
    );
    expect(warnings).toEqual([
      { warning: "two_minutes", atBilledSecond: 300, at: T0 + 300_000 },
      { warning: "one_minute", atBilledSecond: 480, at: T0 + 480_000 },
      { warning: "exhausted", atBilledSecond: 600, at: T0 + 600_000 },
    ]);
    expect(ticks[298]).toMatchObject({ warningLevel: "none", timerColour: "green" });
    expect(ticks[299]).toMatchObject({ warningLevel: "two_minutes", timerColour: "amber" });
    expect(ticks[480]).toMatchObject({ warningLevel: "one_minute", timerColour: "red" });
  });

  it("a clock delayed 10 s charges the same as an on-time one", () => {
    const start = { billing: running, rateCentsPerMinute: 100, budgetCents: 500, firedWarnings: [], thresholds };
    const onTime = runTicks(start, everySecond(1, 330));
    const delayed = runTicks(start, [...everySecond(1, 170), ...everySecond(181, 330)]);
    expect(delayed.warnings).toEqual(onTime.warnings);
    expect(delayed.pauses).toEqual(onTime.pauses);
    expect(delayed.last.chargeCents).toBe(onTime.last.chargeCents);
    expect(delayed.ticks[170]).toMatchObject({ billedSeconds: 181, warnings: ["two_minutes"] });
  });
});

describe("advance: late, repeated and paused ticks", () => {
  it("a single very late tick fires every warning at its own second and pauses at the last affordable one", () => {
    const result = advance({ billing: running, rateCentsPerMinute: 100, budgetCents: 500, firedWarnings: [], thresholds, now: T0 + 900_000 });
    expect(result.newWarnings.map((w) => [w.warning, w.atBilledSecond])).toEqual([
      ["two_minutes", 180],
      ["one_minute", 240],
      ["exhausted", 300],
    ]);
    expect(result.autoPause).toEqual({ atBilledSecond: 300, at: T0 + 300_000 });
    expect(result.billing).toEqual({ billedMs: 300_000, resumedAt: null });
    expect(result.chargeCents).toBe(500);
  });

  it("a repeated tick fires nothing new and bills nothing more", () => {
    const input = { billing: running, rateCentsPerMinute: 100, budgetCents: 500, firedWarnings: [] as BalanceWarning[], thresholds, now: T0 + 200_000 };
    const first = advance(input);
    const again = advance({ ...input, firedWarnings: first.newWarnings.map((w) => w.warning) });
    expect(first.newWarnings.map((w) => w.warning)).toEqual(["two_minutes"]);
    expect(again.newWarnings).toEqual([]);
    expect(again.chargeCents).toBe(first.chargeCents);
  });

  it("a paused session bills nothing while time passes and never auto-pauses again", () => {
    const paused = { billedMs: 61_500, resumedAt: null };
    const result = advance({ billing: paused, rateCentsPerMinute: 100, budgetCents: 500, firedWarnings: [], thresholds, now: T0 + 999_000 });
    expect(result).toMatchObject({ billedSeconds: 61, chargeCents: 101, autoPause: null, billing: paused, newWarnings: [] });
  });

  it("after a top-up the session resumes from the pause without re-firing warnings", () => {
    const resumed = { billedMs: 300_000, resumedAt: T0 + 400_000 };
    const { warnings, pauses, last } = runTicks(
      { billing: resumed, rateCentsPerMinute: 100, budgetCents: 1000, firedWarnings: ["two_minutes", "one_minute", "exhausted"], thresholds },
      [T0 + 401_000, T0 + 700_000, T0 + 800_000],
    );
    expect(warnings).toEqual([]);
    expect(pauses).toEqual([{ atBilledSecond: 600, at: T0 + 700_000 }]);
    expect(last).toMatchObject({ billedSeconds: 600, chargeCents: 1000, availableCents: 0 });
  });

  it("keeps the sub-cent carry: 100¢ at 50¢/min buys 121 s, because the 121st second still rounds down to 100¢", () => {
    const result = advance({ billing: running, rateCentsPerMinute: 50, budgetCents: 100, firedWarnings: [], thresholds, now: T0 + 125_000 });
    expect(result.lastAffordableSecond).toBe(121);
    expect(result).toMatchObject({ billedSeconds: 121, chargeCents: 100, availableCents: 0, remainingSeconds: 0 });
    expect(result.autoPause).toEqual({ atBilledSecond: 121, at: T0 + 121_000 });
    expect(result.newWarnings.map((w) => [w.warning, w.atBilledSecond])).toEqual([
      ["two_minutes", 1],
      ["one_minute", 61],
      ["exhausted", 121],
    ]);
  });

  it("never bills backwards when the budget has shrunk below what is already billed", () => {
    const state = { billedMs: 120_000, resumedAt: T0 };
    const result = advance({ billing: state, rateCentsPerMinute: 100, budgetCents: 100, firedWarnings: [], thresholds, now: T0 + 5000 });
    expect(result.billing).toEqual({ billedMs: 120_000, resumedAt: null });
    expect(result).toMatchObject({ billedSeconds: 120, chargeCents: 200, remainingSeconds: 0, availableCents: 0 });
    expect(result.autoPause).toEqual({ atBilledSecond: 120, at: T0 });
  });
});

const rate = fc.integer({ min: 1, max: 10_000 });
/** Half small budgets so that many runs reach warnings and the auto-pause. */
const budget = fc.oneof(fc.integer({ min: 0, max: 2_000 }), fc.integer({ min: 0, max: 200_000 }));
/** Tick times: arbitrary gaps (0 = a repeated tick, large = skipped ticks). */
const tickTimes = fc
  .array(fc.integer({ min: 0, max: 20_000 }), { minLength: 1, maxLength: 200 })
  .map((gaps) => gaps.reduce<number[]>((times, gap) => [...times, (times.at(-1) ?? T0) + gap], []));
/** Any valid warning thresholds: whole seconds, first ≥ second ≥ 1. */
const anyThresholds = fc
  .tuple(fc.integer({ min: 1, max: 900 }), fc.integer({ min: 0, max: 900 }))
  .map(([second, extra]): WarningThresholds => ({ first: second + extra, second }));
/** A running session that has billed no more than its budget allows. */
const session = fc
  .tuple(rate, budget, fc.integer({ min: 0, max: 1_000_000 }), fc.subarray(["two_minutes", "one_minute", "exhausted"] as BalanceWarning[]), anyThresholds)
  .map(([r, b, ms, fired, t]) => ({
    rateCentsPerMinute: r,
    budgetCents: b,
    billing: { billedMs: ms % (lastAffordableSecond(r, b) * 1000 + 1), resumedAt: T0 },
    firedWarnings: fired,
    thresholds: t,
  }));

describe("advance: properties", () => {
  it("any tick sequence (late, repeated, skipped) ends where one on-time computation does", () => {
    fc.assert(
      fc.property(session, tickTimes, (start, times) => {
        const sequence = runTicks(start, times);
        const once = advance({ ...start, now: times.at(-1)! });
        expect(sequence.billing).toEqual(once.billing);
        expect(sequence.last.billedSeconds).toBe(once.billedSeconds);
        expect(sequence.last.chargeCents).toBe(once.chargeCents);
        expect(sequence.warnings).toEqual(once.newWarnings);
        expect(sequence.pauses).toEqual(once.autoPause ? [once.autoPause] : []);
      }),
      { numRuns: 500 },
    );
  });

  it("the charge never exceeds the budget and the available balance is never negative", () => {
    fc.assert(
      fc.property(session, fc.integer({ min: 0, max: 10_000_000 }), (start, elapsed) => {
        const result = advance({ ...start, now: T0 + elapsed });
        expect(result.chargeCents).toBeLessThanOrEqual(start.budgetCents);
        expect(result.availableCents).toBe(start.budgetCents - result.chargeCents);
        expect(result.billedSeconds).toBeLessThanOrEqual(result.lastAffordableSecond);
      }),
    );
  });

  it("the charge only grows with time", () => {
    fc.assert(
      fc.property(session, fc.nat(5_000_000), fc.nat(5_000_000), (start, a, b) => {
        const [early, late] = a <= b ? [a, b] : [b, a];
        const first = advance({ ...start, now: T0 + early });
        const second = advance({ ...start, now: T0 + late });
        expect(first.chargeCents).toBeLessThanOrEqual(second.chargeCents);
        expect(first.billedSeconds).toBeLessThanOrEqual(second.billedSeconds);
      }),
    );
  });

  it("from a fresh start, each warning fires at exactly its due second", () => {
    fc.assert(
      fc.property(rate, budget, anyThresholds, fc.integer({ min: 0, max: 20_000_000 }), (r, b, t, elapsed) => {
        const last = lastAffordableSecond(r, b);
        const result = advance({ billing: running, rateCentsPerMinute: r, budgetCents: b, firedWarnings: [], thresholds: t, now: T0 + elapsed });
        for (const w of result.newWarnings) {
          const threshold = { two_minutes: t.first, one_minute: t.second, exhausted: 0 }[w.warning];
          expect(w.atBilledSecond).toBe(Math.max(0, last - threshold));
          expect(w.at).toBe(T0 + w.atBilledSecond * 1000);
          expect(w.atBilledSecond).toBeLessThanOrEqual(result.billedSeconds);
        }
      }),
    );
  });
});
