/**
 * Scheduled bookings (SPEC §5): booking a slot with its price held in one
 * transaction, cancelling and rescheduling by the policy snapshotted on the
 * booking, and the reminders. Joining and the booked session's room are
 * model/bookingsRoom.ts; outcomes and their money model/bookingsOutcome.ts.
 */
import { BOOKING_DURATIONS, OPEN_BOOKING_STATUSES } from "../../lib/bookings/rules";
import { bookingPrice, freeChangeUntil, nextReminder, noShowAt, policyFor } from "../../lib/bookings/policy";
import { formatMoney } from "../../lib/money";
import { internal } from "../_generated/api";
import type { Doc, Id } from "../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../_generated/server";
import { appError } from "../errors";
import type { SignedInUser } from "../functions";
import * as Availability from "./availability";
import * as Ledger from "./ledger";
import * as Lifecycle from "./sessionsLifecycle";
import { settleBooking, type Booking } from "./bookingsOutcome";
import { bookingNotice, type BookingNoticeKind } from "./bookingsNotices";
import type { SessionKind } from "./sessionsSchema";
import { getSettings, type PlatformSettings } from "./settings";

const DAY_MS = 24 * 60 * 60 * 1000;
export const MAX_NOTE_LENGTH = 500;
export const MAX_TIME_ZONE_LENGTH = 64;

export function reminderHours(settings: PlatformSettings): number[] {
  return [settings.bookingFirstReminderHours, settings.bookingSecondReminderHours];
}

function reminderFields(startsAt: number, settings: PlatformSettings, now: number) {
  const next = nextReminder(startsAt, reminderHours(settings), 0, now);
  return { nextReminderAt: next?.at, nextReminderIndex: next?.index };
}

export function requireTimeZone(timeZone: string, field: string): string {
  const zone = timeZone.trim();
  try {
    if (zone === "" || zone.length > MAX_TIME_ZONE_LENGTH) throw new RangeError(zone);
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
  } catch {
    throw appError("INVALID_ARGUMENT", "Give an IANA time zone name, such as Europe/London.", field);
  }
  return zone;
}

/** The advisor a client may book: approved, an advisor and not suspended (the availability's rule). */
async function bookableAdvisor(ctx: QueryCtx, advisorId: Id<"advisors">): Promise<Doc<"advisors">> {
  const advisor = await Availability.bookableAdvisor(ctx, advisorId);
  if (advisor === null) throw appError("NOT_FOUND", "That advisor is not taking bookings.");
  return advisor;
}

/** Refuses a start the advisor's availability does not offer (hours, notice, buffers, daily cap, other bookings). */
async function requireOpenSlot(ctx: QueryCtx, advisor: Doc<"advisors">, slot: { start: number; durationMinutes: number; exclude?: Id<"bookings"> }, now: number) {
  if (!Number.isSafeInteger(slot.start) || slot.start % 60_000 !== 0) throw appError("INVALID_ARGUMENT", "Choose one of the offered times.", "startsAt");
  const refusal = await Availability.refusalFor(ctx, advisor._id, { start: slot.start, durationMinutes: slot.durationMinutes, except: slot.exclude }, now);
  if (refusal !== null) throw appError("CONFLICT", refusal, "startsAt");
}

/** A client cannot be in two bookings at once. */
async function requireClientFree(ctx: QueryCtx, clientId: Id<"users">, slot: { start: number; end: number; exclude?: Id<"bookings"> }) {
  const nearby = await ctx.db
    .query("bookings")
    .withIndex("by_clientId_and_startsAt", (q) => q.eq("clientId", clientId).gt("startsAt", slot.start - 60 * 60 * 1000).lt("startsAt", slot.end))
    .take(20);
  const clash = nearby.find((b) => b._id !== slot.exclude && (OPEN_BOOKING_STATUSES as readonly string[]).includes(b.status) && b.startsAt < slot.end && b.endsAt > slot.start);
  if (clash !== undefined) throw appError("CONFLICT", "You already have a booking at that time.", "startsAt");
}

async function requireBookingAllowance(ctx: QueryCtx, clientId: Id<"users">, now: number, settings: PlatformSettings) {
  const recent = await ctx.db
    .query("bookings")
    .withIndex("by_clientId_and_createdAt", (q) => q.eq("clientId", clientId).gt("createdAt", now - DAY_MS))
    .take(settings.bookingsMaxPerDay);
  if (recent.length >= settings.bookingsMaxPerDay) throw appError("RATE_LIMITED", "Too many bookings in the last 24 hours. Try again later.");
}

export type BookArgs = {
  client: SignedInUser;
  advisorId: Id<"advisors">;
  kind: SessionKind;
  durationMinutes: number;
  startsAt: number;
  clientTimeZone: string;
  note?: string;
  now: number;
};

/** What the client is shown before confirming (SPEC §5): the price and the policy that will be snapshotted. */
export async function quote(ctx: QueryCtx, args: { advisorId: Id<"advisors">; kind: SessionKind; durationMinutes: number }) {
  requireDuration(args.durationMinutes);
  const advisor = await bookableAdvisor(ctx, args.advisorId);
  const settings = await getSettings(ctx);
  const rate = args.kind === "chat" ? advisor.chatPricePerMinute : advisor.videoPricePerMinute;
  return { rateCentsPerMinute: rate, priceCents: bookingPrice(args.durationMinutes, rate), currency: advisor.currency, policy: policyFor(settings, args.durationMinutes) };
}

function requireDuration(durationMinutes: number) {
  if (!(BOOKING_DURATIONS as readonly number[]).includes(durationMinutes)) {
    throw appError("INVALID_ARGUMENT", `Choose ${BOOKING_DURATIONS.join(", ")} minutes.`, "durationMinutes");
  }
}

/**
 * Books a slot (SPEC §5): in one transaction the slot is checked against the
 * advisor's availability and every booking that takes time, the booking is
 * written and its price held in the client's wallet, so two clients racing
 * for one slot get one booking and one refusal (Convex retries the loser's
 * transaction, which then sees the winner's booking).
 */
export async function book(ctx: MutationCtx, args: BookArgs): Promise<Id<"bookings">> {
  const { client, now } = args;
  requireDuration(args.durationMinutes);
  const clientTimeZone = requireTimeZone(args.clientTimeZone, "clientTimeZone");
  const note = args.note?.trim() ?? "";
  if (note.length > MAX_NOTE_LENGTH) throw appError("INVALID_ARGUMENT", `A note may have at most ${MAX_NOTE_LENGTH} characters.`, "note");
  const settings = await getSettings(ctx);
  await requireBookingAllowance(ctx, client._id, now, settings);
  const advisor = await bookableAdvisor(ctx, args.advisorId);
  if (advisor.userId === client._id) throw appError("FORBIDDEN", "You cannot book yourself.");
  const endsAt = args.startsAt + args.durationMinutes * 60_000;
  await requireOpenSlot(ctx, advisor, { start: args.startsAt, durationMinutes: args.durationMinutes }, now);
  await requireClientFree(ctx, client._id, { start: args.startsAt, end: endsAt });

  const rate = args.kind === "chat" ? advisor.chatPricePerMinute : advisor.videoPricePerMinute;
  const priceCents = bookingPrice(args.durationMinutes, rate);
  const policy = policyFor(settings, args.durationMinutes);
  const bookingId = await ctx.db.insert("bookings", {
    clientId: client._id,
    advisorId: advisor._id,
    advisorUserId: advisor.userId,
    kind: args.kind,
    durationMinutes: args.durationMinutes,
    startsAt: args.startsAt,
    endsAt,
    status: "confirmed",
    rateCentsPerMinute: rate,
    priceCents,
    currency: advisor.currency,
    policy,
    clientTimeZone,
    ...reminderFields(args.startsAt, settings, now),
    reschedules: 0,
    note: note === "" ? undefined : note,
    createdAt: now,
  });
  const { holdId } = await Ledger.createHold(ctx, {
    key: `booking:${bookingId}:hold`,
    ownerId: client._id,
    currency: advisor.currency,
    amount: priceCents,
    description: `Booked ${args.durationMinutes}-minute ${args.kind} session`,
    refs: { bookingId },
    now,
  });
  await ctx.db.patch(bookingId, { holdId });
  await scheduleNoShowCheck(ctx, { _id: bookingId, startsAt: args.startsAt, policy });
  const booking = (await ctx.db.get(bookingId))!;
  await notifyBoth(ctx, booking, "confirmed", now);
  return bookingId;
}

async function scheduleNoShowCheck(ctx: MutationCtx, booking: Pick<Booking, "_id" | "startsAt" | "policy">) {
  await ctx.scheduler.runAt(noShowAt(booking.startsAt, booking.policy), internal.bookings.checkNoShow, { bookingId: booking._id });
}

async function notifyBoth(ctx: MutationCtx, booking: Booking, kind: BookingNoticeKind, now: number, only?: "client" | "advisor") {
  for (const side of ["client", "advisor"] as const) {
    if (only === undefined || only === side) await bookingNotice(ctx, booking, kind, side, now);
  }
}

export type BookingParty = "client" | "advisor";

/** The side `user` is on, or NOT_FOUND (a booking someone else's is not shown to exist). */
export async function loadBookingForParty(ctx: QueryCtx, bookingId: Id<"bookings">, user: SignedInUser): Promise<{ booking: Booking; party: BookingParty }> {
  const booking = await ctx.db.get(bookingId);
  if (booking !== null && booking.clientId === user._id) return { booking, party: "client" };
  if (booking !== null && booking.advisorUserId === user._id) return { booking, party: "advisor" };
  throw appError("NOT_FOUND", "That booking does not exist.");
}

/**
 * Cancels an upcoming booking (SPEC §5): by the client more than the free
 * window before the start, the hold is released; within it the price is
 * charged in full. By the advisor, always released.
 */
export async function cancel(ctx: MutationCtx, booking: Booking, party: BookingParty, reason: string | undefined, now: number): Promise<void> {
  if (booking.status !== "confirmed") throw appError("CONFLICT", "Only an upcoming booking can be cancelled.");
  if (now >= booking.startsAt) throw appError("CONFLICT", "The booking has started; it can no longer be cancelled.");
  const text = reason?.trim() ?? "";
  if (text.length > MAX_NOTE_LENGTH) throw appError("INVALID_ARGUMENT", `A reason may have at most ${MAX_NOTE_LENGTH} characters.`, "reason");
  if (party === "advisor" && text === "") throw appError("INVALID_ARGUMENT", "Tell the client why you cancel.", "reason");
  const outcome = party === "advisor" ? "advisor_cancel" : now < freeChangeUntil(booking.startsAt, booking.policy) ? "free_cancel" : "late_cancel";
  await ctx.db.patch(booking._id, { cancelledAt: now, cancelReason: text === "" ? undefined : text });
  const settled = await settleBooking(ctx, { ...booking, cancelledAt: now, cancelReason: text === "" ? undefined : text }, outcome, now);
  await notifyBoth(ctx, settled, "cancelled", now);
}

/**
 * Moves an upcoming booking to another open slot without paying again (SPEC
 * §5): the client until the free window, the advisor any time before the start.
 */
export async function reschedule(ctx: MutationCtx, booking: Booking, party: BookingParty, startsAt: number, now: number): Promise<void> {
  if (booking.status !== "confirmed") throw appError("CONFLICT", "Only an upcoming booking can be moved.");
  if (now >= booking.startsAt) throw appError("CONFLICT", "The booking has started; it can no longer be moved.");
  if (party === "client" && now >= freeChangeUntil(booking.startsAt, booking.policy)) {
    throw appError("CONFLICT", `Within ${booking.policy.freeCancelHours} hours of the start a booking can no longer be moved.`);
  }
  if (startsAt === booking.startsAt) throw appError("INVALID_ARGUMENT", "Choose another time.", "startsAt");
  const advisor = await bookableAdvisor(ctx, booking.advisorId);
  const endsAt = startsAt + booking.durationMinutes * 60_000;
  await requireOpenSlot(ctx, advisor, { start: startsAt, durationMinutes: booking.durationMinutes, exclude: booking._id }, now);
  await requireClientFree(ctx, booking.clientId, { start: startsAt, end: endsAt, exclude: booking._id });
  const settings = await getSettings(ctx);
  const changes = { startsAt, endsAt, reschedules: booking.reschedules + 1, ...reminderFields(startsAt, settings, now) };
  await ctx.db.patch(booking._id, changes);
  await scheduleNoShowCheck(ctx, { ...booking, ...changes });
  await notifyBoth(ctx, { ...booking, ...changes }, "changed", now);
}

/** How many due reminders one run sends: each writes two notifications and two emails with calendar files, and a run must stay well inside a mutation's time limit; a backlog drains over runs scheduled back to back. */
export const REMINDER_BATCH = 50;

/**
 * Sends the reminders that are due, exactly once each: the next reminder's
 * time moves on in the same transaction as the notification (and its email),
 * so a sweep that runs again, late or after a restart, finds nothing to send
 * twice. Returns how many were sent and whether more are due.
 */
export async function sendDueReminders(ctx: MutationCtx, now: number): Promise<{ sent: number; more: boolean }> {
  const due = await ctx.db
    .query("bookings")
    .withIndex("by_nextReminderAt", (q) => q.gte("nextReminderAt", 0).lte("nextReminderAt", now))
    .take(REMINDER_BATCH + 1);
  const settings = await getSettings(ctx);
  let sent = 0;
  for (const booking of due.slice(0, REMINDER_BATCH)) {
    const next = booking.status === "confirmed" ? nextReminder(booking.startsAt, reminderHours(settings), (booking.nextReminderIndex ?? 0) + 1, now) : null;
    await ctx.db.patch(booking._id, { nextReminderAt: next?.at, nextReminderIndex: next?.index });
    if (booking.status === "confirmed" && now < booking.startsAt) {
      await notifyBoth(ctx, booking, "reminder", now);
      sent++;
    }
  }
  return { sent, more: due.length > REMINDER_BATCH };
}

export function describePrice(booking: Pick<Booking, "priceCents" | "currency" | "durationMinutes" | "kind">): string {
  return `${formatMoney(booking.priceCents, booking.currency)} for ${booking.durationMinutes} minutes of ${booking.kind}`;
}

/** How many upcoming bookings a suspension cancels in its own transaction (SPEC §5 caps bookings per day, so far fewer are open). */
export const SUSPENSION_CANCEL_LIMIT = 200;

/**
 * A suspended user cannot join (their calls are refused), so their bookings
 * that are still to come, or started without them, are cancelled at once
 * with the hold released, whichever side they are on; a room the other side
 * is waiting in is closed (its booked time bills nothing) and the other side
 * is told: nobody pays for a suspension. A booking they already joined runs
 * on to its end, like a live session.
 */
export async function cancelForSuspension(ctx: MutationCtx, userId: Id<"users">, now: number): Promise<number> {
  const from = now - Math.max(...BOOKING_DURATIONS) * 60_000;
  let cancelled = 0;
  for (const side of ["client", "advisor"] as const) {
    const rows =
      side === "client"
        ? await ctx.db.query("bookings").withIndex("by_clientId_and_startsAt", (q) => q.eq("clientId", userId).gte("startsAt", from)).take(SUSPENSION_CANCEL_LIMIT)
        : await ctx.db.query("bookings").withIndex("by_advisorUserId_and_startsAt", (q) => q.eq("advisorUserId", userId).gte("startsAt", from)).take(SUSPENSION_CANCEL_LIMIT);
    for (const booking of rows) {
      const joined = side === "client" ? booking.clientJoinedAt : booking.advisorJoinedAt;
      if (!(booking.status === "confirmed" || (booking.status === "in_progress" && joined === undefined))) continue;
      const room = booking.sessionId === undefined ? null : await ctx.db.get(booking.sessionId);
      if (room !== null && (room.status === "active" || room.status === "paused")) await Lifecycle.end(ctx, room, "admin_ended", { role: "system" }, now);
      const withReason = { ...booking, cancelledAt: now, cancelReason: "The account was suspended." };
      await ctx.db.patch(booking._id, { cancelledAt: now, cancelReason: withReason.cancelReason });
      const settled = await settleBooking(ctx, withReason, side === "advisor" ? "advisor_cancel" : "free_cancel", now);
      await notifyBoth(ctx, settled, "cancelled", now, side === "advisor" ? "client" : "advisor");
      cancelled++;
    }
  }
  return cancelled;
}
