/** The admin's mailbox (SPEC §9): every outbox message, newest first, its rendered email, and a retry for dead letters. */
import { v } from "convex/values";
import { paginationOptsValidator, paginationResultValidator } from "convex/server";
import { adminMutation, adminQuery } from "./functions";
import * as Mailbox from "./model/mailbox";

export const list = adminQuery({
  args: { paginationOpts: paginationOptsValidator },
  returns: paginationResultValidator(Mailbox.vMailboxRow),
  handler: async (ctx, args) => await Mailbox.page(ctx, args.paginationOpts),
});

export const get = adminQuery({
  args: { id: v.id("emailOutbox") },
  returns: v.union(v.null(), Mailbox.vMailboxMessage),
  handler: async (ctx, args) => await Mailbox.get(ctx, args.id),
});

/** Sends a dead message again from its first attempt; audited. */
export const retry = adminMutation({
  args: { id: v.id("emailOutbox") },
  returns: v.null(),
  handler: async (ctx, args) => {
    await Mailbox.retry(ctx, { actorId: ctx.user._id, id: args.id, now: Date.now() });
    return null;
  },
});
