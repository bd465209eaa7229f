/**
 * What an advisor's earnings page shows (SPEC §6), from bounded reads: the
 * ledger's materialized account balances (pending, available, being
 * withdrawn) and two rollups kept in the same transaction as the ledger
 * writes they summarize: per UTC day (`advisorEarningDays`, written by the
 * settlement) and all-time (`advisorEarningTotals`, written by the settlement
 * and by a withdrawal's payment). Nothing here scans ledger entries.
 */
import { v, type Infer } from "convex/values";
import type { Id } from "../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../_generated/server";
import * as Ledger from "./ledger";
import { vSessionKind } from "./sessionsSchema";

const DAY_MS = 24 * 60 * 60 * 1000;
/** The chart's span: a year of days, so the page reads at most this many day rows. */
export const CHART_DAYS = 366;
/** The most pending sessions the page lists (their sum is the pending balance, always exact). */
export const PENDING_LIST_LIMIT = 50;

/** "YYYY-MM-DD" of a time, in UTC (the platform has no time zone setting). */
export function utcDay(at: number): string {
  return new Date(at).toISOString().slice(0, 10);
}

async function findTotals(ctx: QueryCtx, advisorUserId: Id<"users">, currency: string) {
  return await ctx.db
    .query("advisorEarningTotals")
    .withIndex("by_advisorUserId_and_currency", (q) => q.eq("advisorUserId", advisorUserId).eq("currency", currency))
    .unique();
}

async function addToTotals(
  ctx: MutationCtx,
  advisorUserId: Id<"users">,
  currency: string,
  add: { earnedCents?: number; sessions?: number; billedSeconds?: number; paidOutCents?: number },
): Promise<void> {
  const totals = await findTotals(ctx, advisorUserId, currency);
  const next = {
    earnedCents: (totals?.earnedCents ?? 0) + (add.earnedCents ?? 0),
    sessions: (totals?.sessions ?? 0) + (add.sessions ?? 0),
    billedSeconds: (totals?.billedSeconds ?? 0) + (add.billedSeconds ?? 0),
    paidOutCents: (totals?.paidOutCents ?? 0) + (add.paidOutCents ?? 0),
  };
  if (totals === null) await ctx.db.insert("advisorEarningTotals", { advisorUserId, currency, ...next });
  else await ctx.db.patch(totals._id, next);
}

/**
 * Called by the settlement in its transaction: one settled session, its
 * earning (which may be 0) and billed time, on the UTC day it ended. A later
 * change to an earning (a refund) calls it again with sessions 0 and the
 * signed change.
 */
export async function recordSettlement(
  ctx: MutationCtx,
  args: { advisorUserId: Id<"users">; currency: string; endedAt: number; earnedCents: number; sessions: number; billedSeconds: number },
): Promise<void> {
  const { advisorUserId, currency, earnedCents, sessions, billedSeconds } = args;
  if (earnedCents === 0 && sessions === 0 && billedSeconds === 0) return;
  const day = utcDay(args.endedAt);
  const row = await ctx.db
    .query("advisorEarningDays")
    .withIndex("by_advisorUserId_and_currency_and_day", (q) => q.eq("advisorUserId", advisorUserId).eq("currency", currency).eq("day", day))
    .unique();
  if (row === null) await ctx.db.insert("advisorEarningDays", { advisorUserId, currency, day, earnedCents, sessions, billedSeconds });
  else {
    await ctx.db.patch(row._id, {
      earnedCents: row.earnedCents + earnedCents,
      sessions: row.sessions + sessions,
      billedSeconds: row.billedSeconds + billedSeconds,
    });
  }
  await addToTotals(ctx, advisorUserId, currency, { earnedCents, sessions, billedSeconds });
}

/** Called with a withdrawal's payment, in its transaction. */
export async function recordPayout(ctx: MutationCtx, args: { advisorUserId: Id<"users">; currency: string; amount: number }): Promise<void> {
  await addToTotals(ctx, args.advisorUserId, args.currency, { paidOutCents: args.amount });
}

export const vEarningsDay = v.object({ day: v.string(), earnedCents: v.number(), sessions: v.number(), billedSeconds: v.number() });

export const vEarningsOverview = v.object({
  currency: v.string(),
  totalEarned: v.number(),
  pending: v.number(),
  available: v.number(),
  /** Requested withdrawals not yet paid or rejected. */
  withdrawing: v.number(),
  paidOut: v.number(),
  thisMonth: v.number(),
  sessions: v.number(),
  billedSeconds: v.number(),
  ratingTotal: v.number(),
  ratingCount: v.number(),
  /** Days with sessions in the last CHART_DAYS days, oldest first. */
  days: v.array(vEarningsDay),
});
export type EarningsOverview = Infer<typeof vEarningsOverview>;

export async function overview(ctx: QueryCtx, advisorUserId: Id<"users">, currency: string, now: number): Promise<EarningsOverview> {
  const balance = async (ref: Ledger.AccountRef) => (await Ledger.findAccount(ctx, ref, currency))?.balance ?? 0;
  const totals = await findTotals(ctx, advisorUserId, currency);
  const profile = await ctx.db
    .query("advisors")
    .withIndex("by_userId", (q) => q.eq("userId", advisorUserId))
    .unique();
  const firstDay = utcDay(now - (CHART_DAYS - 1) * DAY_MS);
  const rows = await ctx.db
    .query("advisorEarningDays")
    .withIndex("by_advisorUserId_and_currency_and_day", (q) => q.eq("advisorUserId", advisorUserId).eq("currency", currency).gte("day", firstDay))
    .take(CHART_DAYS);
  const month = utcDay(now).slice(0, 7);
  const days = rows.map(({ day, earnedCents, sessions, billedSeconds }) => ({ day, earnedCents, sessions, billedSeconds }));
  return {
    currency,
    totalEarned: totals?.earnedCents ?? 0,
    pending: await balance(Ledger.advisorPending(advisorUserId)),
    available: await balance(Ledger.advisorAvailable(advisorUserId)),
    withdrawing: await balance(Ledger.advisorWithdrawing(advisorUserId)),
    paidOut: totals?.paidOutCents ?? 0,
    thisMonth: days.filter((d) => d.day.startsWith(month)).reduce((sum, d) => sum + d.earnedCents, 0),
    sessions: totals?.sessions ?? 0,
    billedSeconds: totals?.billedSeconds ?? 0,
    ratingTotal: profile?.ratingTotal ?? 0,
    ratingCount: profile?.ratingCount ?? 0,
    days,
  };
}

export const vPendingRelease = v.object({
  sessionId: v.id("sessions"),
  kind: vSessionKind,
  endedAt: v.number(),
  earningCents: v.number(),
  currency: v.string(),
  releaseAt: v.number(),
});

/** The advisor's ended sessions whose earning is still to be released, soonest first (bounded). */
export async function pendingReleases(ctx: QueryCtx, advisorUserId: Id<"users">, now: number) {
  const sessions = await ctx.db
    .query("sessions")
    .withIndex("by_advisorUserId_and_earningReleaseAt", (q) => q.eq("advisorUserId", advisorUserId).gt("earningReleaseAt", now))
    .take(PENDING_LIST_LIMIT);
  return sessions.map((s) => ({
    sessionId: s._id,
    kind: s.kind,
    endedAt: s.endedAt ?? s.syncedAt,
    earningCents: s.earningCents ?? 0,
    currency: s.currency,
    releaseAt: s.earningReleaseAt!,
  }));
}
