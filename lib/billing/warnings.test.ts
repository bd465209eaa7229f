import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  describeSeconds,
  dueAtBilledSecond,
  requireWarningThresholds,
  timerColour,
  warningLevel,
  warningMessage,
  type WarningThresholds,
} from "./warnings";

/** The SPEC defaults: 2 minutes and 1 minute. */
const DEFAULT: WarningThresholds = { first: 120, second: 60 };

describe("warningLevel and timerColour", () => {
  it.each([
    { remaining: 3600, level: "none", colour: "green" },
    { remaining: 121, level: "none", colour: "green" },
    { remaining: 120, level: "two_minutes", colour: "amber" },
    { remaining: 61, level: "two_minutes", colour: "amber" },
    { remaining: 60, level: "one_minute", colour: "amber" },
    { remaining: 59, level: "one_minute", colour: "red" },
    { remaining: 1, level: "one_minute", colour: "red" },
    { remaining: 0, level: "exhausted", colour: "black" },
  ])("with the default thresholds, $remaining s left → $level, $colour", ({ remaining, level, colour }) => {
    expect(warningLevel(remaining, DEFAULT)).toBe(level);
    expect(timerColour(remaining, DEFAULT)).toBe(colour);
  });

  it.each([
    { remaining: 301, level: "none", colour: "green" },
    { remaining: 300, level: "two_minutes", colour: "amber" },
    { remaining: 121, level: "two_minutes", colour: "amber" },
    { remaining: 120, level: "one_minute", colour: "amber" },
    { remaining: 119, level: "one_minute", colour: "red" },
    { remaining: 0, level: "exhausted", colour: "black" },
  ])("with thresholds of 5 and 2 minutes, $remaining s left → $level, $colour", ({ remaining, level, colour }) => {
    expect(warningLevel(remaining, { first: 300, second: 120 })).toBe(level);
    expect(timerColour(remaining, { first: 300, second: 120 })).toBe(colour);
  });

  it("orders levels and colours by urgency for any thresholds", () => {
    const thresholds = fc
      .tuple(fc.integer({ min: 1, max: 10_000 }), fc.integer({ min: 0, max: 10_000 }))
      .map(([second, extra]) => ({ first: second + extra, second }));
    const rank = { none: 0, two_minutes: 1, one_minute: 2, exhausted: 3, green: 0, amber: 1, red: 2, black: 3 };
    fc.assert(
      fc.property(thresholds, fc.nat(20_000), fc.nat(20_000), (t, a, b) => {
        const [less, more] = a <= b ? [a, b] : [b, a];
        expect(rank[warningLevel(less, t)]).toBeGreaterThanOrEqual(rank[warningLevel(more, t)]);
        expect(rank[timerColour(less, t)]).toBeGreaterThanOrEqual(rank[timerColour(more, t)]);
        expect(warningLevel(more, t) === "none").toBe(more > t.first);
      }),
    );
  });
});

describe("requireWarningThresholds", () => {
  it.each([
    { first: 60, second: 120 },
    { first: 120, second: 0 },
    { first: 120.5, second: 60 },
    { first: 120, second: -1 },
  ])("refuses $first and $second", (thresholds) => {
    expect(() => requireWarningThresholds(thresholds)).toThrow(RangeError);
    expect(() => warningLevel(30, thresholds)).toThrow(RangeError);
  });

  it("accepts equal thresholds", () => {
    expect(requireWarningThresholds({ first: 60, second: 60 })).toEqual({ first: 60, second: 60 });
  });
});

describe("dueAtBilledSecond", () => {
  it.each([
    { warning: "two_minutes", last: 300, thresholds: DEFAULT, expected: 180 },
    { warning: "one_minute", last: 300, thresholds: DEFAULT, expected: 240 },
    { warning: "exhausted", last: 300, thresholds: DEFAULT, expected: 300 },
    { warning: "two_minutes", last: 90, thresholds: DEFAULT, expected: 0 },
    { warning: "one_minute", last: 90, thresholds: DEFAULT, expected: 30 },
    { warning: "two_minutes", last: 600, thresholds: { first: 300, second: 90 }, expected: 300 },
    { warning: "one_minute", last: 600, thresholds: { first: 300, second: 90 }, expected: 510 },
  ] as const)("$warning with last second $last and $thresholds is due at $expected", ({ warning, last, thresholds, expected }) => {
    expect(dueAtBilledSecond(warning, last, thresholds)).toBe(expected);
  });
});

describe("warningMessage", () => {
  it.each([
    { warning: "two_minutes", thresholds: DEFAULT, expected: "2 minutes of balance left." },
    { warning: "one_minute", thresholds: DEFAULT, expected: "1 minute of balance left." },
    { warning: "exhausted", thresholds: DEFAULT, expected: "Balance exhausted." },
    { warning: "two_minutes", thresholds: { first: 300, second: 90 }, expected: "5 minutes of balance left." },
    { warning: "one_minute", thresholds: { first: 300, second: 90 }, expected: "1 minute 30 seconds of balance left." },
    { warning: "one_minute", thresholds: { first: 60, second: 45 }, expected: "45 seconds of balance left." },
  ] as const)("announces $warning at $thresholds as $expected", ({ warning, thresholds, expected }) => {
    expect(warningMessage(warning, thresholds)).toBe(expected);
  });

  it.each([
    [1, "1 second"],
    [59, "59 seconds"],
    [60, "1 minute"],
    [61, "1 minute 1 second"],
    [150, "2 minutes 30 seconds"],
    [3600, "60 minutes"],
  ])("describes %i s as %s", (seconds, words) => {
    expect(describeSeconds(seconds)).toBe(words);
  });
});
