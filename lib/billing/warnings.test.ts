import { describe, expect, it } from "vitest";
import { dueAtBilledSecond, timerColour, warningLevel } from "./warnings";

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
  ])("$remaining s left → $level, $colour", ({ remaining, level, colour }) => {
    expect(warningLevel(remaining)).toBe(level);
    expect(timerColour(remaining)).toBe(colour);
  });
});

describe("dueAtBilledSecond", () => {
  it.each([
    { warning: "two_minutes", last: 300, expected: 180 },
    { warning: "one_minute", last: 300, expected: 240 },
    { warning: "exhausted", last: 300, expected: 300 },
    { warning: "two_minutes", last: 90, expected: 0 },
    { warning: "one_minute", last: 90, expected: 30 },
  ] as const)("$warning with last second $last is due at $expected", ({ warning, last, expected }) => {
    expect(dueAtBilledSecond(warning, last)).toBe(expected);
  });
});
