/** "Notify me when online" (SPEC §5): a signed-in client asks once per busy or offline advisor, and may cancel. */
import { v } from "convex/values";
import { clientMutation, clientQuery, internalMutation } from "./functions";
import * as OnlineAlerts from "./model/onlineAlerts";

/** Whether the signed-in client is waiting to hear that this advisor is online. */
export const waiting = clientQuery({
  args: { advisorId: v.id("advisors") },
  returns: v.boolean(),
  handler: async (ctx, args) => await OnlineAlerts.isWaiting(ctx, ctx.user._id, args.advisorId),
});

export const ask = clientMutation({
  args: { advisorId: v.id("advisors") },
  returns: v.null(),
  handler: async (ctx, args) => {
    await OnlineAlerts.ask(ctx, { clientId: ctx.user._id, advisorId: args.advisorId, now: Date.now() });
    return null;
  },
});

export const cancel = clientMutation({
  args: { advisorId: v.id("advisors") },
  returns: v.null(),
  handler: async (ctx, args) => {
    await OnlineAlerts.cancel(ctx, { clientId: ctx.user._id, advisorId: args.advisorId });
    return null;
  },
});

/** The next batch of waiting clients, scheduled by model/onlineAlerts.ts tellWaiting. */
export const tellWaiting = internalMutation({
  args: { advisorId: v.id("advisors") },
  returns: v.number(),
  handler: async (ctx, args) => await OnlineAlerts.tellWaiting(ctx, args.advisorId, Date.now()),
});
