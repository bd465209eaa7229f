import { v } from "convex/values";
import { adminQuery, internalMutation } from "./functions";
import * as Clock from "./model/clock";
import * as ClockChain from "./model/clockChain";

export const tick = internalMutation({
  args: { generation: v.number(), cursor: v.union(v.null(), v.string()), dueAt: v.number(), advanced: v.number() },
  returns: v.null(),
  handler: async (ctx, args) => {
    await Clock.tick(ctx, args, Date.now());
    return null;
  },
});

/** Run by a cron every minute: restarts a stalled clock. */
export const watchdog = internalMutation({
  args: {},
  returns: v.union(v.literal("ok"), v.literal("restarted"), v.literal("idle")),
  handler: async (ctx) => await ClockChain.watchdog(ctx, Date.now()),
});

/** The clock's health for the admin dashboard and the bench. */
export const status = adminQuery({
  args: {},
  returns: v.union(
    v.null(),
    v.object({ running: v.boolean(), generation: v.number(), lastTickAt: v.number(), lastPassSessions: v.number(), lastPassLagMs: v.number() }),
  ),
  handler: async (ctx) => {
    const clock = await ClockChain.loadClock(ctx);
    if (clock === null) return null;
    const { running, generation, lastTickAt, lastPassSessions, lastPassLagMs } = clock;
    return { running, generation, lastTickAt, lastPassSessions, lastPassLagMs };
  },
});
