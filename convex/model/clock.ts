/**
 * The billing clock (ADR 002): one self-rescheduling chain of internal
 * mutations that advances every active session once per second, at most
 * CLOCK_BATCH_SIZE sessions per transaction. A singleton row holds the
 * generation of the only chain allowed to run; a tick carrying another
 * generation stops. The chain starts when a session becomes active and ends
 * when a full pass finds none left.
 */
import { internal } from "../_generated/api";
import type { Doc } from "../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../_generated/server";
import { catchUp } from "./sessionsBilling";
import { getSettings } from "./settings";

export const TICK_MS = 1000;
/**
 * Sessions per transaction: each costs 2 reads (wallet, hold) and up to 3 writes (session, cash account, hold).
 * Measured on the local backend (issue 6): 64, 128 and 256 cost the same CPU per session; 256 finished fewer
 * sessions per second of wall time, so 64 stays.
 */
export const CLOCK_BATCH_SIZE = 64;
/** A running clock silent this long is presumed broken and restarted by the watchdog. */
export const CLOCK_STALL_MS = 10_000;

export type TickArgs = {
  generation: number;
  /** Pagination cursor within the current pass; null starts a pass. */
  cursor: string | null;
  /** The server time this pass was due. */
  dueAt: number;
  /** Sessions advanced so far in this pass. */
  advanced: number;
};

export async function loadClock(ctx: QueryCtx): Promise<Doc<"billingClock"> | null> {
  return await ctx.db.query("billingClock").first();
}

async function startChain(ctx: MutationCtx, clock: Doc<"billingClock"> | null, now: number): Promise<void> {
  const generation = (clock?.generation ?? 0) + 1;
  if (clock === null) {
    await ctx.db.insert("billingClock", { generation, running: true, lastTickAt: now, lastPassSessions: 0, lastPassLagMs: 0 });
  } else {
    await ctx.db.patch(clock._id, { generation, running: true, lastTickAt: now });
  }
  const dueAt = now + TICK_MS;
  await ctx.scheduler.runAt(dueAt, internal.clock.tick, { generation, cursor: null, dueAt, advanced: 0 });
}

/** Called whenever a session becomes active. A no-op while the clock runs. */
export async function ensureClockRunning(ctx: MutationCtx, now: number): Promise<void> {
  const clock = await loadClock(ctx);
  if (clock?.running === true) return;
  await startChain(ctx, clock, now);
}

/** Restarts a clock whose chain died (a failed run, a deploy), or starts one if active sessions have none. */
export async function watchdog(ctx: MutationCtx, now: number): Promise<"ok" | "restarted" | "idle"> {
  const clock = await loadClock(ctx);
  if (clock?.running === true) {
    if (now - clock.lastTickAt <= CLOCK_STALL_MS) return "ok";
    await startChain(ctx, clock, now);
    return "restarted";
  }
  const active = await ctx.db.query("sessions").withIndex("by_status", (q) => q.eq("status", "active")).first();
  if (active === null) return "idle";
  await startChain(ctx, clock, now);
  return "restarted";
}

/** One batch of one pass. Schedules the next batch, or the next pass, or stops. */
export async function tick(ctx: MutationCtx, args: TickArgs, now: number): Promise<void> {
  const clock = await loadClock(ctx);
  if (clock === null || !clock.running || clock.generation !== args.generation) return;

  const page = await ctx.db
    .query("sessions")
    .withIndex("by_status", (q) => q.eq("status", "active"))
    .paginate({ cursor: args.cursor, numItems: CLOCK_BATCH_SIZE });
  const settings = await getSettings(ctx);
  for (const session of page.page) {
    try {
      await catchUp(ctx, session, now, settings);
    } catch (error) {
      // One broken session must not stop billing for all the others. The ledger checks before it writes,
      // so a refused hold change leaves nothing half-done; the session is retried on the next pass.
      console.error(`billing clock: session ${session._id} not advanced`, error);
    }
  }
  const advanced = args.advanced + page.page.length;

  if (!page.isDone) {
    await ctx.db.patch(clock._id, { lastTickAt: now });
    await ctx.scheduler.runAfter(0, internal.clock.tick, { ...args, cursor: page.continueCursor, advanced });
    return;
  }
  const lag = { lastPassSessions: advanced, lastPassLagMs: Math.max(0, now - args.dueAt), lastTickAt: now };
  const stillActive = await ctx.db.query("sessions").withIndex("by_status", (q) => q.eq("status", "active")).first();
  if (stillActive === null) {
    await ctx.db.patch(clock._id, { ...lag, running: false });
    return;
  }
  await ctx.db.patch(clock._id, lag);
  // A clock that fell behind runs the next pass at once; totals make the catch-up exact.
  const dueAt = Math.max(args.dueAt + TICK_MS, now);
  await ctx.scheduler.runAt(dueAt, internal.clock.tick, { generation: args.generation, cursor: null, dueAt, advanced: 0 });
}
