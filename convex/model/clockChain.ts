/**
 * The billing clock's chain (ADR 002): one self-rescheduling chain of
 * internal mutations (the tick, model/clock.ts) advances every active session
 * once per second. A singleton row holds the generation of the only chain
 * allowed to run; a tick carrying another generation stops. The chain starts
 * when a session becomes active and ends when a full pass finds none left.
 * This file starts and watches the chain and knows nothing of billing, so the
 * session code can start it without importing the tick.
 */
import { internal } from "../_generated/api";
import type { Doc } from "../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../_generated/server";

export const TICK_MS = 1000;
/** A running clock silent this long is presumed broken and restarted by the watchdog. */
export const CLOCK_STALL_MS = 10_000;

export async function loadClock(ctx: QueryCtx): Promise<Doc<"billingClock"> | null> {
  return await ctx.db.query("billingClock").first();
}

export async function startChain(ctx: MutationCtx, clock: Doc<"billingClock"> | null, now: number): Promise<void> {
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
