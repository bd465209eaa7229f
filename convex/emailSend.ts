"use node";
/** The delivery of one outbox message (model/emailOutbox.ts): SMTP when MAIL_TRANSPORT_URL is set, else the local mailbox. */
import { v } from "convex/values";
import { internal } from "./_generated/api";
import { internalAction } from "./functions";
import { config } from "../lib/config";
import { sendSmtp } from "../lib/notifications/smtp";

export const deliver = internalAction({
  args: { id: v.id("emailOutbox") },
  returns: v.null(),
  handler: async (ctx, { id }) => {
    const transportUrl = config.mailTransportUrl;
    if (transportUrl === undefined) {
      await ctx.runMutation(internal.emailDelivery.deliverLocally, { id });
      return null;
    }
    const message = await ctx.runMutation(internal.emailDelivery.claim, { id });
    if (message === null) return null;
    try {
      await sendSmtp(transportUrl, { ...message, messageId: `<${id}@expertline>` });
    } catch (error) {
      await ctx.runMutation(internal.emailDelivery.markFailed, { id, error: error instanceof Error ? error.message : String(error) });
      return null;
    }
    await ctx.runMutation(internal.emailDelivery.markSent, { id });
    return null;
  },
});
