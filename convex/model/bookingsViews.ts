/**
 * What each side sees of a booking: the client's shape and the advisor's
 * shape, each with only its own fields (the client's hold and time zone never
 * reach the advisor; the advisor's earning never reaches the client).
 */
import { pick } from "convex-helpers";
import { v, type Infer } from "convex/values";
import type { PaginationOptions } from "convex/server";
import { freeChangeUntil, joinOpensAt } from "../../lib/bookings/policy";
import type { Id } from "../_generated/dataModel";
import type { QueryCtx } from "../_generated/server";
import { appError } from "../errors";
import { bookingFields } from "./bookingsSchema";
import type { Booking } from "./bookingsOutcome";

const common = {
  _id: v.id("bookings"),
  ...pick(bookingFields, ["advisorId", "kind", "durationMinutes", "startsAt", "endsAt", "status", "rateCentsPerMinute", "priceCents", "currency", "policy", "sessionId", "reschedules", "note", "cancelReason", "chargedCents"]),
  /** When both may join, and until when the client may cancel or move it free. */
  joinOpensAt: v.number(),
  freeChangeUntil: v.number(),
};

export const vClientBooking = v.object({ ...common, advisor: v.object({ name: v.string() }) });
export const vAdvisorBooking = v.object({ ...common, ...pick(bookingFields, ["earningCents"]), client: v.object({ name: v.string() }) });
export type ClientBooking = Infer<typeof vClientBooking>;
export type AdvisorBooking = Infer<typeof vAdvisorBooking>;

function commonView(b: Booking) {
  const { _id, advisorId, kind, durationMinutes, startsAt, endsAt, status, rateCentsPerMinute, priceCents, currency, policy, sessionId, reschedules, note, cancelReason, chargedCents } = b;
  return {
    _id,
    advisorId,
    kind,
    durationMinutes,
    startsAt,
    endsAt,
    status,
    rateCentsPerMinute,
    priceCents,
    currency,
    policy,
    sessionId,
    reschedules,
    note,
    cancelReason,
    chargedCents,
    joinOpensAt: joinOpensAt(startsAt, policy),
    freeChangeUntil: freeChangeUntil(startsAt, policy),
  };
}

export async function clientView(ctx: QueryCtx, b: Booking): Promise<ClientBooking> {
  const user = await ctx.db.get(b.advisorUserId);
  return { ...commonView(b), advisor: { name: user?.name ?? "Advisor" } };
}

export async function advisorView(ctx: QueryCtx, b: Booking): Promise<AdvisorBooking> {
  const user = await ctx.db.get(b.clientId);
  return { ...commonView(b), earningCents: b.earningCents, client: { name: user?.name ?? "Client" } };
}

/** How far back "upcoming" reaches: a booking that started up to this long ago may still be joined or running. */
const UPCOMING_SLACK_MS = 2 * 60 * 60 * 1000;
export const UPCOMING_LIMIT = 50;

export async function upcomingOf(ctx: QueryCtx, side: "client" | "advisor", userId: Id<"users">, now: number, limit = UPCOMING_LIMIT): Promise<Booking[]> {
  const from = now - UPCOMING_SLACK_MS;
  const rows =
    side === "client"
      ? await ctx.db.query("bookings").withIndex("by_clientId_and_startsAt", (q) => q.eq("clientId", userId).gte("startsAt", from)).take(limit * 2)
      : await ctx.db.query("bookings").withIndex("by_advisorUserId_and_startsAt", (q) => q.eq("advisorUserId", userId).gte("startsAt", from)).take(limit * 2);
  return rows.filter((b) => (b.status === "confirmed" || b.status === "in_progress") && b.endsAt > now).slice(0, limit);
}

/** Every booking of one side, newest start first. */
export async function historyOf(ctx: QueryCtx, side: "client" | "advisor", userId: Id<"users">, paginationOpts: PaginationOptions) {
  if (paginationOpts.numItems > 50) throw appError("INVALID_ARGUMENT", "Ask for at most 50 bookings at a time.", "numItems");
  return side === "client"
    ? await ctx.db.query("bookings").withIndex("by_clientId_and_startsAt", (q) => q.eq("clientId", userId)).order("desc").paginate(paginationOpts)
    : await ctx.db.query("bookings").withIndex("by_advisorUserId_and_startsAt", (q) => q.eq("advisorUserId", userId)).order("desc").paginate(paginationOpts);
}
