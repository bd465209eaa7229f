/**
 * Advisor earnings (SPEC §6): a session's earning is pending for the
 * settings' hold after it ends, then moves to available exactly once
 * (decision 009: one durable scheduled job per session, made idempotent by the
 * ledger key `session:<id>:release`, so a repeated or restarted job cannot
 * release twice).
 */
import { internal } from "../_generated/api";
import type { Id } from "../_generated/dataModel";
import type { MutationCtx } from "../_generated/server";
import * as Ledger from "./ledger";
import type { Session } from "./sessionsSchema";
import type { PlatformSettings } from "./settings";

export function releaseKey(sessionId: Id<"sessions">): string {
  return `session:${sessionId}:release`;
}

/** When a settled session's earning becomes available; set at settlement from the hold in force then. */
export function releaseAt(endedAt: number, settings: PlatformSettings): number {
  return endedAt + settings.earningsPendingHours * 60 * 60 * 1000;
}

/** Called at settlement: the release job runs at the session's release time. */
export async function scheduleRelease(ctx: MutationCtx, sessionId: Id<"sessions">, at: number): Promise<void> {
  await ctx.scheduler.runAt(at, internal.earnings.release, { sessionId });
}

/**
 * Moves an ended session's earning from the advisor's pending to available
 * earnings, once. A job that runs early does nothing but reschedule itself.
 * A session under an open dispute stays pending: resolving the dispute
 * releases it (model/disputes.ts). What refunds already took back from the
 * pending earning is not released (decision 010).
 */
export async function release(ctx: MutationCtx, session: Session, now: number): Promise<"released" | "not_due" | "disputed" | "nothing"> {
  if (session.status !== "ended" || (session.earningCents ?? 0) <= 0 || session.earningReleaseAt === undefined) return "nothing";
  if (now < session.earningReleaseAt) {
    await scheduleRelease(ctx, session._id, session.earningReleaseAt);
    return "not_due";
  }
  const openDispute = await ctx.db
    .query("disputes")
    .withIndex("by_sessionId_and_status", (q) => q.eq("sessionId", session._id).eq("status", "open"))
    .first();
  if (openDispute !== null) return "disputed";
  const refunded = session.settlementTransactionId === undefined ? 0 : (await Ledger.refundedOf(ctx, session.settlementTransactionId)).earningFromPending;
  const earning = (session.earningCents ?? 0) - refunded;
  if (earning <= 0) return "nothing";
  const { duplicate } = await postRelease(ctx, {
    key: releaseKey(session._id),
    advisorUserId: session.advisorUserId,
    currency: session.currency,
    earning,
    description: `Earning released: ${session.kind} session`,
    refs: { sessionId: session._id },
    now,
  });
  return duplicate ? "nothing" : "released";
}

/** Moves an earning from the advisor's pending to available earnings, once by `key` (a session's or a booking's release). */
export async function postRelease(
  ctx: MutationCtx,
  args: { key: string; advisorUserId: Id<"users">; currency: string; earning: number; description: string; refs: Record<string, string>; now: number },
): Promise<{ duplicate: boolean }> {
  return await Ledger.post(ctx, {
    key: args.key,
    type: "earning",
    description: args.description,
    currency: args.currency,
    entries: [
      { account: Ledger.advisorPending(args.advisorUserId), amount: -args.earning },
      { account: Ledger.advisorAvailable(args.advisorUserId), amount: args.earning },
    ],
    refs: args.refs,
    now: args.now,
  });
}
