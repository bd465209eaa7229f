import { expect, test } from "vitest";
import { validateTopUpAmount } from "./topUp";

const limits = { currency: "USD", topUpMin: 500, topUpMax: 100000 };

test.each([
  [500, { ok: true }],
  [2500, { ok: true }],
  [100000, { ok: true }],
  [499, { ok: false, error: "The smallest top-up is $5.00." }],
  [100001, { ok: false, error: "The largest top-up is $1,000.00." }],
  [0, { ok: false, error: "Enter an amount to add." }],
  [-2500, { ok: false, error: "Enter an amount to add." }],
  [25.5, { ok: false, error: "Enter an amount to add." }],
])("validates a top-up of %d cents", (amount, expected) => {
  expect(validateTopUpAmount(amount, limits)).toEqual(expected);
});
