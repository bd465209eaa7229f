import { describe, expect, it } from "vitest";
import { DISPUTE_DESCRIPTION_MAX, descriptionProblem } from "./rules";

describe("descriptionProblem", () => {
  it.each([
    ["", "Describe what went wrong."],
    ["   \n ", "Describe what went wrong."],
    ["x".repeat(DISPUTE_DESCRIPTION_MAX + 1), `Keep the description to ${DISPUTE_DESCRIPTION_MAX} characters (now ${DISPUTE_DESCRIPTION_MAX + 1}).`],
    [`  ${"x".repeat(DISPUTE_DESCRIPTION_MAX)}  `, null],
    ["The advisor left.", null],
  ])("%j → %s", (text, problem) => {
    expect(descriptionProblem(text)).toBe(problem);
  });
});
