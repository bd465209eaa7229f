import { expect, test } from "vitest";
import { isExpectedRefusalLog } from "./convexLog";

test.each([
  ['[CONVEX M(advisors:updateProfile)] [Request ID: local-7] Server Error\nUncaught ConvexError: {"code":"INVALID_ARGUMENT"}', true],
  ["[CONVEX A(payments:createTopUp)] [Request ID: 3f2a] Server Error\nUncaught ConvexError: The amount is too high", true],
  ['[CONVEX M(signals:send)] ConvexError {\n  "code": "CONFLICT"\n}', true],
  ["[CONVEX M(messages:send)] [Request ID: local-8] Server Error\nUncaught Error: boom", false],
  ["[CONVEX M(messages:send)] [Request ID: local-9] Server Error", false],
  ["Uncaught ConvexError: not from the Convex client", false],
  ["[CONVEX FATAL ERROR] ConvexError", false],
])("%j → %s", (line, expected) => {
  expect(isExpectedRefusalLog([line])).toBe(expected);
});

test("only a text first argument is classified", () => {
  expect(isExpectedRefusalLog([new Error("[CONVEX M(a:b)] ConvexError")])).toBe(false);
  expect(isExpectedRefusalLog([])).toBe(false);
});
