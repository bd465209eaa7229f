/**
 * The money and time rules of a booking (SPEC §5), pure: its price, when a
 * side is a no-show, what each outcome charges, when join opens and whether
 * a client's cancellation or reschedule is still free. The numbers are the
 * policy snapshotted on the booking from platformSettings.
 */
import { requireCents } from "../money";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export type BookingPolicy = {
  feeBps: number;
  freeCancelHours: number;
  joinEarlyMinutes: number;
  noShowAfterMinutes: number;
  clientNoShowChargeBps: number;
};

export type PolicySettings = {
  feeBps: number;
  bookingFreeCancelHours: number;
  bookingJoinEarlyMinutes: number;
  bookingNoShowAfterBps: number;
  bookingClientNoShowChargeBps: number;
};

/** What a booking made now snapshots: floor(share × duration) whole minutes for the no-show rule. */
export function policyFor(settings: PolicySettings, durationMinutes: number): BookingPolicy {
  return {
    feeBps: settings.feeBps,
    freeCancelHours: settings.bookingFreeCancelHours,
    joinEarlyMinutes: settings.bookingJoinEarlyMinutes,
    noShowAfterMinutes: Math.floor((settings.bookingNoShowAfterBps * durationMinutes) / 10_000),
    clientNoShowChargeBps: settings.bookingClientNoShowChargeBps,
  };
}

/** Duration × the per-minute rate, in minor units. */
export function bookingPrice(durationMinutes: number, rateCentsPerMinute: number): number {
  return requireCents(durationMinutes * rateCentsPerMinute, "price");
}

export type BookingOutcome = "completed" | "late_cancel" | "client_no_show" | "advisor_no_show" | "free_cancel" | "advisor_cancel";

/** What an outcome charges the client; a share is rounded down, so a client is never charged a cent too much. */
export function outcomeCharge(outcome: BookingOutcome, priceCents: number, policy: Pick<BookingPolicy, "clientNoShowChargeBps">): number {
  switch (outcome) {
    case "completed":
    case "late_cancel":
      return priceCents;
    case "client_no_show":
      return Number((BigInt(priceCents) * BigInt(policy.clientNoShowChargeBps)) / 10_000n);
    default:
      return 0;
  }
}

/** A client's cancellation or reschedule is free until this moment. */
export function freeChangeUntil(startsAt: number, policy: Pick<BookingPolicy, "freeCancelHours">): number {
  return startsAt - policy.freeCancelHours * HOUR;
}

/** Both sides may join from this moment until the booking's end. */
export function joinOpensAt(startsAt: number, policy: Pick<BookingPolicy, "joinEarlyMinutes">): number {
  return startsAt - policy.joinEarlyMinutes * MINUTE;
}

/** A side not joined by this moment is a no-show. */
export function noShowAt(startsAt: number, policy: Pick<BookingPolicy, "noShowAfterMinutes">): number {
  return startsAt + policy.noShowAfterMinutes * MINUTE;
}

/**
 * Who did not come, judged at the no-show moment: an advisor who did not join
 * is the no-show whatever the client did (the client pays nothing); a client
 * who did not join while the advisor did is. Null when both joined.
 */
export function noShowOutcome(joined: { client: boolean; advisor: boolean }): "client_no_show" | "advisor_no_show" | null {
  if (!joined.advisor) return "advisor_no_show";
  if (!joined.client) return "client_no_show";
  return null;
}

/**
 * The next reminder of a booking starting at `startsAt` (SPEC §5: 24 h and 1 h
 * before, from the settings): the first of `hoursBefore` (longest first) from
 * index `from` whose moment is still after `now`. A reminder whose moment
 * passed before it could be sent (a booking made 3 hours ahead has no 24-hour
 * reminder) is skipped, never sent late.
 */
export function nextReminder(startsAt: number, hoursBefore: readonly number[], from: number, now: number): { index: number; at: number } | null {
  for (let index = from; index < hoursBefore.length; index++) {
    const at = startsAt - hoursBefore[index] * HOUR;
    if (at > now) return { index, at };
  }
  return null;
}
