import { describe, expect, it, test } from "vitest";
import { MAX_SPECIALTIES, TEXT_LIMITS, normalizeSpecialties, specialtiesError, tooLongError } from "./textLimits";

describe("tooLongError", () => {
  test.each([
    ["", 5, null],
    ["abcde", 5, null],
    ["  abcde  ", 5, null],
    ["abcdef", 5, "The text has 6 characters; the limit is 5."],
    ["x".repeat(2001), 2000, "The text has 2,001 characters; the limit is 2,000."],
  ])("%j within %i → %j", (text, max, expected) => {
    expect(tooLongError("The text", text, max)).toBe(expected);
  });
});

describe("normalizeSpecialties", () => {
  it("trims, drops empty ones and duplicates, as the backend stores them", () => {
    expect(normalizeSpecialties(["Career", " money ", " ", "Career", "Code"])).toEqual(["Career", "money", "Code"]);
  });
});

describe("specialtiesError", () => {
  test.each([
    [[], "Choose at least one specialty."],
    [["a", "b", "c", "d", "e"], null],
    [["a", "b", "c", "d", "e", "f"], `Choose at most ${MAX_SPECIALTIES} specialties; there are 6.`],
    [["x".repeat(TEXT_LIMITS.specialty)], null],
  ])("%j → %j", (list, expected) => {
    expect(specialtiesError(list)).toBe(expected);
  });

  it("names a specialty one character over the limit", () => {
    expect(specialtiesError(["ok", "y".repeat(TEXT_LIMITS.specialty + 1)])).toMatch(/has 41 characters; a specialty has at most 40\.$/);
  });
});
