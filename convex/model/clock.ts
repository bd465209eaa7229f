/**
 * The billing clock's tick (ADR 002): one batch of at most CLOCK_BATCH_SIZE
 * active sessions per transaction, each brought up to now by `catchUp`. The
 * chain itself (start, ensure, watchdog) is model/clockChain.ts.
 */
import { internal } from "../_generated/api";
import type { MutationCtx } from "../_generated/server";
import { loadClock, TICK_MS } from "./clockChain";
import { catchUp } from "./sessionsLifecycle";
import { getSettings } from "./settings";

/**
 * Sessions per transaction: each costs 2 reads (wallet, hold) and up to 3 writes (session, cash account, hold).
 * Measured on the local backend (issue 6): 64, 128 and 256 cost the same CPU per session; 256 finished fewer
 * sessions per second of wall time, so 64 stays.
 */
export const CLOCK_BATCH_SIZE = 64;

export type TickArgs = {
  generation: number;
  /** Pagination cursor within the current pass; null starts a pass. */
  cursor: string | null;
  /** The server time this pass was due. */
  dueAt: number;
  /** Sessions advanced so far in this pass. */
  advanced: number;
};

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
