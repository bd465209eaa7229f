/** Scheduled bookings (SPEC §5): book, change, join, and each side's lists. Rules in model/bookings*.ts and lib/bookings/policy.ts. */
import { v } from "convex/values";
import { paginationOptsValidator, paginationResultValidator } from "convex/server";
import { clientMutation, clientQuery, advisorQuery, internalMutation, userMutation, userQuery } from "./functions";
import * as Bookings from "./model/bookings";
import * as Room from "./model/bookingsRoom";
import { releaseEarning as releaseBookingEarning } from "./model/bookingsOutcome";
import { advisorView, clientView, historyOf, upcomingOf, vAdvisorBooking, vClientBooking } from "./model/bookingsViews";
import { vBookingPolicy } from "./model/bookingsSchema";
import { vSessionKind } from "./model/sessionsSchema";
import { internal } from "./_generated/api";

const vDuration = v.number();
const vReason = v.optional(v.string());

/** The price and the policy a booking made now would snapshot, shown before confirming. */
export const quote = clientQuery({
  args: { advisorId: v.id("advisors"), kind: vSessionKind, durationMinutes: vDuration },
  returns: v.object({ rateCentsPerMinute: v.number(), priceCents: v.number(), currency: v.string(), policy: vBookingPolicy }),
  handler: async (ctx, args) => await Bookings.quote(ctx, args),
});

export const book = clientMutation({
  args: { advisorId: v.id("advisors"), kind: vSessionKind, durationMinutes: vDuration, startsAt: v.number(), clientTimeZone: v.string(), note: v.optional(v.string()) },
  returns: v.id("bookings"),
  handler: async (ctx, args) => await Bookings.book(ctx, { ...args, client: ctx.user, now: Date.now() }),
});

export const cancel = userMutation({
  args: { bookingId: v.id("bookings"), reason: vReason },
  returns: v.null(),
  handler: async (ctx, args) => {
    const { booking, party } = await Bookings.loadBookingForParty(ctx, args.bookingId, ctx.user);
    await Bookings.cancel(ctx, booking, party, args.reason, Date.now());
    return null;
  },
});

export const reschedule = userMutation({
  args: { bookingId: v.id("bookings"), startsAt: v.number() },
  returns: v.null(),
  handler: async (ctx, args) => {
    const { booking, party } = await Bookings.loadBookingForParty(ctx, args.bookingId, ctx.user);
    await Bookings.reschedule(ctx, booking, party, args.startsAt, Date.now());
    return null;
  },
});

/** Opens (or re-enters) the booking's session room; returns the session to go to. */
export const join = userMutation({
  args: { bookingId: v.id("bookings") },
  returns: v.id("sessions"),
  handler: async (ctx, args) => {
    const { booking, party } = await Bookings.loadBookingForParty(ctx, args.bookingId, ctx.user);
    return await Room.join(ctx, booking, party, Date.now());
  },
});

export const agreeToContinue = userMutation({
  args: { bookingId: v.id("bookings") },
  returns: v.null(),
  handler: async (ctx, args) => {
    const { booking, party } = await Bookings.loadBookingForParty(ctx, args.bookingId, ctx.user);
    await Room.agreeToContinue(ctx, booking, party, Date.now());
    return null;
  },
});

/** One booking, in the shape of the viewer's side. */
export const get = userQuery({
  args: { bookingId: v.id("bookings") },
  returns: v.union(v.object({ party: v.literal("client"), booking: vClientBooking }), v.object({ party: v.literal("advisor"), booking: vAdvisorBooking })),
  handler: async (ctx, args) => {
    const { booking, party } = await Bookings.loadBookingForParty(ctx, args.bookingId, ctx.user);
    return party === "client" ? { party, booking: await clientView(ctx, booking) } : { party, booking: await advisorView(ctx, booking) };
  },
});

export const upcoming = clientQuery({
  args: {},
  returns: v.array(vClientBooking),
  handler: async (ctx) => await Promise.all((await upcomingOf(ctx, "client", ctx.user._id, Date.now())).map((b) => clientView(ctx, b))),
});

export const history = clientQuery({
  args: { paginationOpts: paginationOptsValidator },
  returns: paginationResultValidator(vClientBooking),
  handler: async (ctx, args) => {
    const result = await historyOf(ctx, "client", ctx.user._id, args.paginationOpts);
    return { ...result, page: await Promise.all(result.page.map((b) => clientView(ctx, b))) };
  },
});

export const advisorUpcoming = advisorQuery({
  args: {},
  returns: v.array(vAdvisorBooking),
  handler: async (ctx) => await Promise.all((await upcomingOf(ctx, "advisor", ctx.user._id, Date.now())).map((b) => advisorView(ctx, b))),
});

export const advisorHistory = advisorQuery({
  args: { paginationOpts: paginationOptsValidator },
  returns: paginationResultValidator(vAdvisorBooking),
  handler: async (ctx, args) => {
    const result = await historyOf(ctx, "advisor", ctx.user._id, args.paginationOpts);
    return { ...result, page: await Promise.all(result.page.map((b) => advisorView(ctx, b))) };
  },
});

export const checkNoShow = internalMutation({
  args: { bookingId: v.id("bookings") },
  returns: v.null(),
  handler: async (ctx, args) => {
    const booking = await ctx.db.get(args.bookingId);
    if (booking !== null) await Room.checkNoShow(ctx, booking, Date.now());
    return null;
  },
});

export const releaseEarning = internalMutation({
  args: { bookingId: v.id("bookings") },
  returns: v.null(),
  handler: async (ctx, args) => {
    const booking = await ctx.db.get(args.bookingId);
    if (booking !== null) await releaseBookingEarning(ctx, booking, Date.now());
    return null;
  },
});

/** The cron's reminder sweep: one batch per run, and another at once while more are due. */
export const sendReminders = internalMutation({
  args: {},
  returns: v.object({ sent: v.number(), more: v.boolean() }),
  handler: async (ctx) => {
    const result = await Bookings.sendDueReminders(ctx, Date.now());
    if (result.more) await ctx.scheduler.runAfter(0, internal.bookings.sendReminders, {});
    return result;
  },
});
