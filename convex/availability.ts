/**
 * Advisors' weekly availability and the open slots clients book from (SPEC
 * §5). The advisor reads and saves their own; anyone, signed in or not, reads
 * an advisor's open slots and weekly summary.
 */
import { v } from "convex/values";
import { appError } from "./errors";
import { advisorMutation, advisorQuery, publicQuery } from "./functions";
import * as Advisors from "./model/advisors";
import * as Availability from "./model/availability";
import { vTimeRange, vWeeklyRange } from "./model/bookingsSchema";
import { getSettings } from "./model/settings";
import { BOOKING_DURATIONS } from "../lib/bookings/rules";
import { MAX_EXCEPTIONS, MAX_RANGES_PER_DAY, SLOT_WINDOW_DAYS } from "../lib/bookings/availability";
import { DAY_MS } from "../lib/bookings/zonedTime";

const vException = v.object({ date: v.string(), ranges: v.array(vTimeRange) });
const vRules = { timeZone: v.string(), bufferMinutes: v.number(), minNoticeHours: v.number(), dailyCap: v.number() };

/** The advisor's own availability and the bounds the form shows. */
export const mine = advisorQuery({
  args: {},
  returns: v.union(
    v.null(),
    v.object({
      advisorId: v.id("advisors"),
      saved: v.boolean(),
      ...vRules,
      weekly: v.array(vWeeklyRange),
      exceptions: v.array(vException),
      limits: v.object({
        bufferMaxMinutes: v.number(),
        minNoticeMaxHours: v.number(),
        dailyCapMax: v.number(),
        horizonDays: v.number(),
        maxRangesPerDay: v.number(),
        maxExceptions: v.number(),
      }),
      exceptionDates: v.object({ first: v.string(), last: v.string() }),
    }),
  ),
  handler: async (ctx) => {
    const profile = await Advisors.findProfile(ctx, ctx.user._id);
    if (profile === null) return null;
    const settings = await getSettings(ctx);
    const stored = await Availability.load(ctx, profile._id, settings);
    const dates = Availability.exceptionDates(stored.timeZone, Date.now(), settings.bookingHorizonDays);
    return {
      advisorId: profile._id,
      ...stored,
      exceptions: await Availability.exceptionsBetween(ctx, profile._id, dates.first, dates.last),
      limits: { ...Availability.boundsOf(settings), horizonDays: settings.bookingHorizonDays, maxRangesPerDay: MAX_RANGES_PER_DAY, maxExceptions: MAX_EXCEPTIONS },
      exceptionDates: dates,
    };
  },
});

/**
 * Replaces the advisor's weekly hours, exceptions (dates from today to the
 * horizon, in their zone) and rules. A bad value is refused naming its field
 * (timeZone, weekly, exceptions, bufferMinutes, minNoticeHours, dailyCap)
 * and changes nothing. Existing bookings stay as they are.
 */
export const save = advisorMutation({
  args: { ...vRules, weekly: v.array(vWeeklyRange), exceptions: v.array(vException) },
  returns: v.null(),
  handler: async (ctx, args) => {
    const profile = await Advisors.loadProfileOrThrow(ctx, ctx.user._id);
    await Availability.save(ctx, profile._id, args, Date.now());
    return null;
  },
});

/**
 * Open slot starts (UTC ms, earliest first) for a booking of
 * `durationMinutes` starting in [from, to), a window of at most 14 days; none
 * for an advisor who is not approved, is suspended or has no hours.
 */
export const slots = publicQuery({
  args: { advisorId: v.id("advisors"), durationMinutes: v.number(), from: v.number(), to: v.number() },
  returns: v.array(v.number()),
  handler: async (ctx, args) => {
    if (!(BOOKING_DURATIONS as readonly number[]).includes(args.durationMinutes)) {
      throw appError("INVALID_ARGUMENT", `Bookings last ${BOOKING_DURATIONS.join(", ")} minutes.`, "durationMinutes");
    }
    if (!Number.isSafeInteger(args.from) || !Number.isSafeInteger(args.to) || args.to <= args.from) {
      throw appError("INVALID_ARGUMENT", "The window must run from one instant to a later one.", "to");
    }
    if (args.to - args.from > SLOT_WINDOW_DAYS * DAY_MS) throw appError("INVALID_ARGUMENT", `Ask for at most ${SLOT_WINDOW_DAYS} days at a time.`, "to");
    return await Availability.slotsFor(ctx, args.advisorId, args, Date.now());
  },
});

/** An advisor's weekly hours (in their zone, for the viewer's page to render in theirs) and next open time; null when they take no bookings. */
export const summary = publicQuery({
  args: { advisorId: v.id("advisors") },
  returns: v.union(v.null(), v.object({ timeZone: v.string(), weekly: v.array(vWeeklyRange), nextOpen: v.union(v.null(), v.number()) })),
  handler: async (ctx, args) => {
    if ((await Availability.bookableAdvisor(ctx, args.advisorId)) === null) return null;
    const stored = await Availability.load(ctx, args.advisorId, await getSettings(ctx));
    if (stored.weekly.length === 0) return null;
    const now = Date.now();
    const window = { durationMinutes: Math.min(...BOOKING_DURATIONS), from: now, to: now + SLOT_WINDOW_DAYS * DAY_MS };
    const [nextOpen] = await Availability.slotsFor(ctx, args.advisorId, window, now);
    return { timeZone: stored.timeZone, weekly: stored.weekly, nextOpen: nextOpen ?? null };
  },
});
