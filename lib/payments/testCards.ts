/**
 * The built-in test checkout answers cards the way Stripe test mode does, with
 * Stripe's own decline messages, so the local flow looks like the real one.
 */

export type CardInput = { cardNumber: string; expiry?: string; cvc?: string };

export type CardOutcome = { ok: true } | { ok: false; reason: CardDeclineReason; message: string };

export type CardDeclineReason =
  | "incorrect_number"
  | "invalid_expiry"
  | "expired_card"
  | "incomplete_cvc"
  | "card_declined"
  | "insufficient_funds"
  | "not_a_test_card";

export const TEST_CARDS = {
  success: "4242424242424242",
  declined: "4000000000000002",
  insufficientFunds: "4000000000009995",
} as const;

const DECLINES: Record<string, { reason: CardDeclineReason; message: string }> = {
  [TEST_CARDS.declined]: { reason: "card_declined", message: "Your card was declined." },
  [TEST_CARDS.insufficientFunds]: { reason: "insufficient_funds", message: "Your card has insufficient funds." },
};

export function normalizeCardNumber(input: string): string {
  return input.replace(/[\s-]/g, "");
}

export function passesLuhn(digits: string): boolean {
  if (!/^\d{12,19}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/** "MM/YY" or "MM / YYYY" → the first day of the month after expiry (UTC ms), or null when malformed. */
export function expiryEnd(expiry: string): number | null {
  const match = /^\s*(\d{1,2})\s*\/\s*(\d{2}|\d{4})\s*$/.exec(expiry);
  if (match === null) return null;
  const month = Number(match[1]);
  const year = match[2].length === 2 ? 2000 + Number(match[2]) : Number(match[2]);
  if (month < 1 || month > 12) return null;
  return Date.UTC(year, month, 1);
}

function decline(reason: CardDeclineReason, message: string): CardOutcome {
  return { ok: false, reason, message };
}

export function chargeTestCard(card: CardInput, now: number): CardOutcome {
  const number = normalizeCardNumber(card.cardNumber);
  if (!passesLuhn(number)) return decline("incorrect_number", "Your card number is incorrect.");
  if (card.expiry !== undefined) {
    const end = expiryEnd(card.expiry);
    if (end === null) return decline("invalid_expiry", "Your card's expiration date is invalid.");
    if (end <= now) return decline("expired_card", "Your card has expired.");
  }
  if (card.cvc !== undefined && !/^\d{3,4}$/.test(card.cvc.trim())) {
    return decline("incomplete_cvc", "Your card's security code is incomplete.");
  }
  const declined = DECLINES[number];
  if (declined !== undefined) return decline(declined.reason, declined.message);
  if (number !== TEST_CARDS.success) {
    return decline("not_a_test_card", "Your card was declined. This checkout is in test mode: use a test card such as 4242 4242 4242 4242.");
  }
  return { ok: true };
}
