/**
 * Advisors' availability (SPEC §5): read and written only here. Weekly hours
 * and the advisor's own buffer, notice and cap live in one `availability` row
 * (none saved: no hours, the settings' defaults); date exceptions are rows of
 * `availabilityExceptions`, so a slot query reads only the dates it covers.
 * The rules themselves are lib/bookings/slots.ts; this file feeds them.
 */
import type { Doc, Id } from "../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../_generated/server";
import { appError } from "../errors";
import { SLOT_TAKING_STATUSES } from "../../lib/bookings/rules";
import { MAX_EXCEPTIONS, MAX_RANGES_PER_DAY, availabilityProblems, type Availability, type AvailabilityBounds } from "../../lib/bookings/availability";
import { openSlots, slotRefusal, timingRefusal, type Interval } from "../../lib/bookings/slots";
import { DAY_MS, isoFromDay, localDayOf } from "../../lib/bookings/zonedTime";
import { getSettings, type PlatformSettings } from "./settings";

export type StoredAvailability = Omit<Availability, "exceptions"> & { saved: boolean };
export type AvailabilityInput = Availability;

/** Reads around a window: a local day may start 26 h before its first instant's UTC day, a booking's buffer and length reach back 3 h. */
const READ_MARGIN_MS = 30 * 60 * 60 * 1000;
/** Bookings read around one window: the daily cap keeps slot-taking ones far fewer; cancelled ones are in the same index range. */
const MAX_BOOKINGS_READ = 2000;

export function boundsOf(settings: PlatformSettings): AvailabilityBounds {
  return { bufferMaxMinutes: settings.bookingBufferMaxMinutes, minNoticeMaxHours: settings.bookingMinNoticeMaxHours, dailyCapMax: settings.bookingDailyCapMax };
}

/** The advisor-local dates an exception may name: today to the last day bookings open for. */
export function exceptionDates(timeZone: string, now: number, horizonDays: number): { first: string; last: string } {
  const today = localDayOf(timeZone, now);
  return { first: isoFromDay(today), last: isoFromDay(today + horizonDays) };
}

/** The advisor's saved availability, held within today's bounds; the settings' defaults and no hours when none is saved. */
export async function load(ctx: QueryCtx, advisorId: Id<"advisors">, settings: PlatformSettings): Promise<StoredAvailability> {
  const row = await ctx.db
    .query("availability")
    .withIndex("by_advisorId", (q) => q.eq("advisorId", advisorId))
    .unique();
  if (row === null) {
    const { platformTimeZone: timeZone, bookingBufferMinutes: bufferMinutes, bookingMinNoticeHours: minNoticeHours, bookingDailyCap: dailyCap } = settings;
    return { saved: false, timeZone, weekly: [], bufferMinutes, minNoticeHours, dailyCap };
  }
  return {
    saved: true,
    timeZone: row.timeZone,
    weekly: row.weekly,
    bufferMinutes: Math.min(row.bufferMinutes, settings.bookingBufferMaxMinutes),
    minNoticeHours: Math.min(row.minNoticeHours, settings.bookingMinNoticeMaxHours),
    dailyCap: Math.min(row.dailyCap, settings.bookingDailyCapMax),
  };
}

/** Exceptions on dates from `first` to `last` (ISO dates sort as text). */
export async function exceptionsBetween(ctx: QueryCtx, advisorId: Id<"advisors">, first: string, last: string) {
  const rows = await ctx.db
    .query("availabilityExceptions")
    .withIndex("by_advisorId_and_date", (q) => q.eq("advisorId", advisorId).gte("date", first).lte("date", last))
    .take(MAX_EXCEPTIONS + 10);
  return rows.map(({ date, ranges }) => ({ date, ranges }));
}

export async function save(ctx: MutationCtx, advisorId: Id<"advisors">, input: AvailabilityInput, now: number): Promise<void> {
  const settings = await getSettings(ctx);
  // Sizes first, so nothing below walks a huge list.
  if (input.weekly.length > 7 * MAX_RANGES_PER_DAY) throw appError("INVALID_ARGUMENT", `At most ${MAX_RANGES_PER_DAY} ranges a day.`, "weekly");
  if (input.exceptions.length > MAX_EXCEPTIONS) throw appError("INVALID_ARGUMENT", `At most ${MAX_EXCEPTIONS} dates with other hours.`, "exceptions");
  // The zone first: the dates an exception may name are today and on in it.
  const zoneProblem = availabilityProblems({ ...input, weekly: [], exceptions: [] }, boundsOf(settings), { first: "", last: "" }).find((p) => p.field === "timeZone");
  if (zoneProblem !== undefined) throw appError("INVALID_ARGUMENT", zoneProblem.message, zoneProblem.field);
  const problem = availabilityProblems(input, boundsOf(settings), exceptionDates(input.timeZone, now, settings.bookingHorizonDays))[0];
  if (problem !== undefined) throw appError("INVALID_ARGUMENT", problem.message, problem.field);

  const { timeZone, weekly, bufferMinutes, minNoticeHours, dailyCap } = input;
  const row = await ctx.db
    .query("availability")
    .withIndex("by_advisorId", (q) => q.eq("advisorId", advisorId))
    .unique();
  const fields = { timeZone, weekly: weekly.map(({ weekday, start, end }) => ({ weekday, start, end })), bufferMinutes, minNoticeHours, dailyCap, updatedAt: now };
  if (row === null) await ctx.db.insert("availability", { advisorId, ...fields });
  else await ctx.db.replace(row._id, { advisorId, ...fields });

  // Every earlier save wrote its exceptions from its own today on, so from yesterday on there are at most one save's worth.
  const yesterday = isoFromDay(localDayOf(timeZone, now) - 1);
  const previous = await ctx.db
    .query("availabilityExceptions")
    .withIndex("by_advisorId_and_date", (q) => q.eq("advisorId", advisorId).gte("date", yesterday))
    .take(MAX_EXCEPTIONS + 10);
  for (const old of previous) await ctx.db.delete(old._id);
  for (const { date, ranges } of input.exceptions) {
    await ctx.db.insert("availabilityExceptions", { advisorId, date, ranges: ranges.map(({ start, end }) => ({ start, end })) });
  }
}

/** An approved advisor whose account is in good standing takes bookings; anyone else has no slots. */
export async function bookableAdvisor(ctx: QueryCtx, advisorId: Id<"advisors">): Promise<Doc<"advisors"> | null> {
  const advisor = await ctx.db.get(advisorId);
  if (advisor === null || advisor.status !== "approved") return null;
  const user = await ctx.db.get(advisor.userId);
  return user !== null && user.role === "advisor" && user.status !== "suspended" ? advisor : null;
}

/** The intervals the advisor's slot-taking bookings hold around [from, to), leaving out `except` (a booking being moved). */
export async function takenAround(ctx: QueryCtx, advisorId: Id<"advisors">, from: number, to: number, except?: Id<"bookings">): Promise<Interval[]> {
  const bookings = await ctx.db
    .query("bookings")
    .withIndex("by_advisorId_and_startsAt", (q) => q.eq("advisorId", advisorId).gte("startsAt", from - READ_MARGIN_MS).lt("startsAt", to + READ_MARGIN_MS))
    .take(MAX_BOOKINGS_READ);
  return bookings
    .filter((b) => b._id !== except && (SLOT_TAKING_STATUSES as readonly string[]).includes(b.status))
    .map((b) => ({ start: b.startsAt, end: b.endsAt }));
}

/** What the slot rules need for [from, to): the availability with that span's exceptions, and the taken intervals. */
async function inputsFor(ctx: QueryCtx, advisorId: Id<"advisors">, stored: StoredAvailability, from: number, to: number, except?: Id<"bookings">) {
  const first = isoFromDay(localDayOf(stored.timeZone, from) - 1);
  const last = isoFromDay(localDayOf(stored.timeZone, to) + 1);
  const availability: Availability = { ...stored, exceptions: await exceptionsBetween(ctx, advisorId, first, last) };
  return { availability, taken: await takenAround(ctx, advisorId, from, to, except) };
}

/** Open slot starts in [from, to) for a duration; none for an advisor who takes no bookings or has no hours. */
export async function slotsFor(ctx: QueryCtx, advisorId: Id<"advisors">, window: { durationMinutes: number; from: number; to: number }, now: number): Promise<number[]> {
  if ((await bookableAdvisor(ctx, advisorId)) === null) return [];
  const settings = await getSettings(ctx);
  const stored = await load(ctx, advisorId, settings);
  if (!stored.saved) return [];
  const clock = { now, horizonDays: settings.bookingHorizonDays };
  const from = Math.max(window.from, now);
  const to = Math.min(window.to, now + settings.bookingHorizonDays * DAY_MS);
  if (from >= to) return [];
  const { availability, taken } = await inputsFor(ctx, advisorId, stored, from, to);
  return openSlots(availability, taken, { ...window, from, to }, clock);
}

/**
 * Why `advisorId` cannot be booked from `start` for `durationMinutes` (words
 * for the client), or null: the booking mutation's check, by the same rules
 * as the slots clients see. `except`: the booking being rescheduled.
 */
export async function refusalFor(
  ctx: QueryCtx,
  advisorId: Id<"advisors">,
  request: { start: number; durationMinutes: number; except?: Id<"bookings"> },
  now: number,
): Promise<string | null> {
  if ((await bookableAdvisor(ctx, advisorId)) === null) return "This advisor is not taking bookings.";
  const settings = await getSettings(ctx);
  const stored = await load(ctx, advisorId, settings);
  if (!stored.saved) return "This advisor has not set any hours yet.";
  const clock = { now, horizonDays: settings.bookingHorizonDays };
  const timing = timingRefusal({ ...stored, exceptions: [] }, request.start, request.durationMinutes, clock);
  if (timing !== null) return timing;
  const { availability, taken } = await inputsFor(ctx, advisorId, stored, request.start, request.start + DAY_MS, request.except);
  return slotRefusal(availability, taken, request, clock);
}
