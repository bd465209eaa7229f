import { expect, test } from "vitest";
import { csvCell, toCsv } from "./csv";

test.each([
  ["plain", "plain"],
  [25, "25"],
  ["-12.50", "-12.50"],
  ["a,b", '"a,b"'],
  ['say "hi"', '"say ""hi"""'],
  ["two\nlines", '"two\nlines"'],
  ["=SUM(A1:A2)", "'=SUM(A1:A2)"],
  ["@cmd", "'@cmd"],
  ["-1+2", "'-1+2"],
])("writes %j as %j", (value, expected) => {
  expect(csvCell(value)).toBe(expected);
});

test("joins a header and rows with CRLF", () => {
  expect(toCsv(["Date", "Amount"], [["2026-11-21", "25.00"], ["2026-11-20", "-3.00"]])).toBe(
    "Date,Amount\r\n2026-11-21,25.00\r\n2026-11-20,-3.00\r\n",
  );
});
