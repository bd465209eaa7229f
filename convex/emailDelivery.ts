/** The outbox's delivery steps (model/emailOutbox.ts), called by the delivery action and the retry sweep. */
import { v } from "convex/values";
import { internal } from "./_generated/api";
import { internalMutation } from "./functions";
import { config } from "../lib/config";
import * as Outbox from "./model/emailOutbox";
import { vEmailAttachment } from "./model/notificationsSchema";

const vClaimed = v.union(v.null(), v.object({ to: v.string(), subject: v.string(), html: v.string(), text: v.string(), attachments: v.array(vEmailAttachment) }));

export const claim = internalMutation({
  args: { id: v.id("emailOutbox") },
  returns: vClaimed,
  handler: async (ctx, { id }) => {
    const message = await Outbox.claim(ctx, id, Date.now());
    if (message === null) return null;
    const { to, subject, html, text, attachments } = message;
    return { to, subject, html, text, attachments };
  },
});

export const markSent = internalMutation({
  args: { id: v.id("emailOutbox") },
  returns: v.null(),
  handler: async (ctx, { id }) => {
    await Outbox.markSent(ctx, id, "smtp", Date.now());
    return null;
  },
});

export const markFailed = internalMutation({
  args: { id: v.id("emailOutbox"), error: v.string() },
  returns: v.null(),
  handler: async (ctx, { id, error }) => {
    await Outbox.markFailed(ctx, id, error, Date.now());
    return null;
  },
});

export const deliverLocally = internalMutation({
  args: { id: v.id("emailOutbox") },
  returns: v.boolean(),
  handler: async (ctx, { id }) => await Outbox.deliverLocally(ctx, id, Date.now()),
});

/** Cron: due retries and lapsed claims. Locally it delivers and goes on while more are due; with SMTP the next cron run takes the rest. */
export const sweep = internalMutation({
  args: {},
  returns: v.object({ handled: v.number(), more: v.boolean() }),
  handler: async (ctx) => {
    const result = await Outbox.sweep(ctx, Date.now());
    if (result.more && config.mailTransportUrl === undefined) await ctx.scheduler.runAfter(0, internal.emailDelivery.sweep, {});
    return result;
  },
});
