import { formatMoney, isCents } from "../money";

export type TopUpLimits = { currency: string; topUpMin: number; topUpMax: number };

/** Checks a top-up amount (minor units) against the platform's limits, with a message a person can act on. */
export function validateTopUpAmount(amount: number, limits: TopUpLimits): { ok: true } | { ok: false; error: string } {
  if (!isCents(amount) || amount <= 0) return { ok: false, error: "Enter an amount to add." };
  if (amount < limits.topUpMin) {
    return { ok: false, error: `The smallest top-up is ${formatMoney(limits.topUpMin, limits.currency)}.` };
  }
  if (amount > limits.topUpMax) {
    return { ok: false, error: `The largest top-up is ${formatMoney(limits.topUpMax, limits.currency)}.` };
  }
  return { ok: true };
}
