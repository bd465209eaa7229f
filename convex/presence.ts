import { v } from "convex/values";
import { publicQuery, roomMutation, signedInQuery } from "./functions";
import * as Sessions from "./model/sessions";
import { getSettings } from "./model/settings";
import { heartbeat as recordHeartbeat } from "./model/sessionsPresence";
import { vSessionStatus } from "./model/sessionsSchema";

const vAdvisorPresence = v.union(v.literal("online"), v.literal("busy"), v.literal("offline"));
const MAX_ADVISORS_PER_QUERY = 100;

/** Online, busy (in a session) or offline, for an advisor card or profile. Unknown advisors read as offline. */
export const advisorStatus = publicQuery({
  args: { advisorId: v.id("advisors") },
  returns: vAdvisorPresence,
  handler: async (ctx, args) => {
    const advisor = await ctx.db.get(args.advisorId);
    return advisor === null ? "offline" : await Sessions.advisorPresence(ctx, advisor);
  },
});

/** The same for a list of advisors (at most 100), in the order given. */
export const advisorStatuses = publicQuery({
  args: { advisorIds: v.array(v.id("advisors")) },
  returns: v.array(v.object({ advisorId: v.id("advisors"), status: vAdvisorPresence })),
  handler: async (ctx, args) => {
    const results = [];
    for (const advisorId of args.advisorIds.slice(0, MAX_ADVISORS_PER_QUERY)) {
      const advisor = await ctx.db.get(advisorId);
      results.push({ advisorId, status: advisor === null ? ("offline" as const) : await Sessions.advisorPresence(ctx, advisor) });
    }
    return results;
  },
});

/**
 * Each participant of a live video session calls this every 5 s and when its
 * call connects or drops, saying whether its call is connected: only time
 * when both are connected is billed. Returns the session's status so the
 * caller knows when to stop.
 */
export const heartbeat = roomMutation({
  args: { connected: v.boolean() },
  returns: vSessionStatus,
  handler: async (ctx, args) => {
    const { session, role } = await Sessions.loadSessionForParticipant(ctx, args.sessionId, ctx.user);
    return await recordHeartbeat(ctx, session, role, args.connected, Date.now());
  },
});

/** The video presence timings (platform settings) the call page follows and explains. */
export const videoSettings = signedInQuery({
  args: {},
  returns: v.object({ heartbeatSeconds: v.number(), disconnectSeconds: v.number(), reconnectGraceSeconds: v.number() }),
  handler: async (ctx) => {
    const settings = await getSettings(ctx);
    return {
      heartbeatSeconds: settings.videoHeartbeatSeconds,
      disconnectSeconds: settings.videoDisconnectSeconds,
      reconnectGraceSeconds: settings.videoReconnectGraceSeconds,
    };
  },
});
