/**
 * A booking's session room (SPEC §5): both sides join from a few minutes
 * before the start into an ordinary session room, prepaid (the booked time
 * bills nothing per second: the booking's hold pays for it), may agree to go
 * on past the end at the per-second rate, and the no-show check at its moment.
 */
import { joinOpensAt, noShowAt, noShowOutcome } from "../../lib/bookings/policy";
import { canAffordStart } from "../../lib/billing";
import type { Id } from "../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../_generated/server";
import { appError } from "../errors";
import * as Ledger from "./ledger";
import type { BookingParty } from "./bookings";
import { bookingNotice } from "./bookingsNotices";
import { settleBooking, type Booking } from "./bookingsOutcome";
import { BUSY_STATUSES, LIVE_STATUSES } from "./sessionsSchema";
import * as Lifecycle from "./sessionsLifecycle";
import { initialMeter } from "./sessionsBilling";
import { recordEvent, systemMessage } from "./sessionsTimeline";
import { getSettings, sessionRulesSnapshot } from "./settings";

/** Joins the booking's session room, opening it at the first join; returns the session to open. */
export async function join(ctx: MutationCtx, booking: Booking, party: BookingParty, now: number): Promise<Id<"sessions">> {
  if (booking.status !== "confirmed" && booking.status !== "in_progress") throw appError("CONFLICT", "This booking is not open to join.");
  const opens = joinOpensAt(booking.startsAt, booking.policy);
  if (now < opens) throw appError("CONFLICT", `You can join from ${booking.policy.joinEarlyMinutes} minutes before the start.`);
  if (now >= booking.endsAt) throw appError("CONFLICT", "The booked time is over.");
  const existing = booking.sessionId === undefined ? null : await ctx.db.get(booking.sessionId);
  if (existing !== null && existing.status === "ended") throw appError("CONFLICT", "This booked session has ended.");
  if (await inAnotherSession(ctx, booking, party)) throw appError("CONFLICT", "Finish your other session first.");

  const joinedField = party === "client" ? "clientJoinedAt" : "advisorJoinedAt";
  const firstJoin = booking[joinedField] === undefined;
  const sessionId = existing?._id ?? (await openRoom(ctx, booking, now));
  await ctx.db.patch(booking._id, { status: "in_progress", sessionId, ...(firstJoin && { [joinedField]: now }) });
  if (firstJoin) {
    await recordEvent(ctx, sessionId, { kind: "joined", actor: { role: party, id: party === "client" ? booking.clientId : booking.advisorUserId }, billedSeconds: 0, at: now });
    await systemMessage(ctx, sessionId, party === "client" ? "The client joined." : "The advisor joined.", now);
  }
  return sessionId;
}

/**
 * Whether the side is in a session other than this booking's room: a live one
 * for the client, a running or paused one for the advisor. Every status is
 * looked at, not only the first session found: the room, opened by the other
 * side, may sort before a paused session elsewhere.
 */
async function inAnotherSession(ctx: QueryCtx, booking: Booking, party: BookingParty): Promise<boolean> {
  for (const status of party === "client" ? LIVE_STATUSES : BUSY_STATUSES) {
    const found =
      party === "client"
        ? await ctx.db.query("sessions").withIndex("by_clientId_and_status", (q) => q.eq("clientId", booking.clientId).eq("status", status)).take(2)
        : await ctx.db.query("sessions").withIndex("by_advisorUserId_and_status", (q) => q.eq("advisorUserId", booking.advisorUserId).eq("status", status)).take(2);
    if (found.some((session) => session._id !== booking.sessionId)) return true;
  }
  return false;
}

async function openRoom(ctx: MutationCtx, booking: Booking, now: number): Promise<Id<"sessions">> {
  const settings = await getSettings(ctx);
  const rules = { ...sessionRulesSnapshot(settings), feeBps: booking.policy.feeBps };
  const wallet = await Ledger.walletBalance(ctx, booking.clientId, booking.currency);
  const sessionId = await ctx.db.insert("sessions", {
    clientId: booking.clientId,
    advisorId: booking.advisorId,
    advisorUserId: booking.advisorUserId,
    kind: booking.kind,
    status: "active",
    rateCentsPerMinute: booking.rateCentsPerMinute,
    currency: booking.currency,
    ...rules,
    requestedAt: now,
    expiresAt: now,
    acceptedAt: now,
    availableAtStartCents: wallet.available,
    ...initialMeter(booking.rateCentsPerMinute, wallet.available, rules.warningSeconds),
    syncedAt: now,
    bookingId: booking._id,
    bookedUntil: booking.endsAt,
  });
  await systemMessage(ctx, sessionId, `Booked ${booking.durationMinutes}-minute ${booking.kind} session: the booked time is prepaid.`, now);
  await Lifecycle.scheduleLimitCheck(ctx, sessionId, booking.endsAt);
  return sessionId;
}

/**
 * One side agrees to go on past the booked time at the per-second rate; when
 * both have, the session continues at the end instead of ending (checked then,
 * with the client's balance). Agreeing again changes nothing.
 */
export async function agreeToContinue(ctx: MutationCtx, booking: Booking, party: BookingParty, now: number): Promise<void> {
  const session = booking.sessionId === undefined ? null : await ctx.db.get(booking.sessionId);
  if (session === null || session.status !== "active" || session.bookedUntil === undefined || now >= session.bookedUntil) {
    throw appError("CONFLICT", "Only a booked session still in its booked time can be continued.");
  }
  if ((party === "client" ? booking.clientJoinedAt : booking.advisorJoinedAt) === undefined) throw appError("CONFLICT", "Join the session first.");
  if (party === "client") {
    const settings = await getSettings(ctx);
    const wallet = await Ledger.walletBalance(ctx, booking.clientId, booking.currency);
    if (!canAffordStart(session.rateCentsPerMinute, wallet.available, settings.sessionMinBalanceMinutes)) {
      throw appError("INSUFFICIENT_FUNDS", `Going on needs a balance for at least ${settings.sessionMinBalanceMinutes} minutes at this rate. Top up first.`);
    }
  }
  const agreed = { client: session.continueAgreed?.client ?? false, advisor: session.continueAgreed?.advisor ?? false, [party]: true };
  if (session.continueAgreed?.[party] === true) return;
  await ctx.db.patch(session._id, { continueAgreed: agreed });
  const both = agreed.client && agreed.advisor;
  await systemMessage(
    ctx,
    session._id,
    both ? "Both agreed: after the booked time the session goes on, billed per second." : `The ${party} would like to go on after the booked time.`,
    now,
  );
}

/**
 * At floor(share × duration) minutes after the start (scheduled, and run again
 * harmlessly): a side that has not joined is a no-show (the advisor first),
 * the room is closed and the booking settles by the policy. Nothing when both
 * joined, the booking was moved later or has already settled.
 */
export async function checkNoShow(ctx: MutationCtx, booking: Booking, now: number): Promise<void> {
  if (booking.status !== "confirmed" && booking.status !== "in_progress") return;
  if (now < noShowAt(booking.startsAt, booking.policy)) return;
  const outcome = noShowOutcome({ client: booking.clientJoinedAt !== undefined, advisor: booking.advisorJoinedAt !== undefined });
  if (outcome === null) return;
  const session = booking.sessionId === undefined ? null : await ctx.db.get(booking.sessionId);
  if (session !== null && (session.status === "active" || session.status === "paused")) {
    await Lifecycle.end(ctx, session, "booking_no_show", { role: "system" }, now);
  }
  const settled = await settleBooking(ctx, booking, outcome, now);
  for (const side of ["client", "advisor"] as const) await bookingNotice(ctx, settled, "outcome", side, now);
}
