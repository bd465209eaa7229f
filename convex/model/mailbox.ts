/** What the admin's mailbox page reads of the outbox, and the dead-letter retry. */
import { v } from "convex/values";
import type { PaginationOptions } from "convex/server";
import type { Doc, Id } from "../_generated/dataModel";
import { internal } from "../_generated/api";
import type { MutationCtx, QueryCtx } from "../_generated/server";
import { appError } from "../errors";
import { recordAudit } from "./audit";
import { notificationsTables, vEmailAttachment } from "./notificationsSchema";

const PAGE_MAX = 50;
const fields = notificationsTables.emailOutbox.validator.fields;

const rowFields = {
  _id: v.id("emailOutbox"),
  kind: fields.kind,
  to: v.string(),
  subject: v.string(),
  status: fields.status,
  attempts: v.number(),
  nextAttemptAt: v.number(),
  lastError: v.optional(v.string()),
  transport: fields.transport,
  createdAt: v.number(),
  sentAt: v.optional(v.number()),
  attachmentCount: v.number(),
};
export const vMailboxRow = v.object(rowFields);
export const vMailboxMessage = v.object({ ...rowFields, html: v.string(), text: v.string(), attachments: v.array(vEmailAttachment) });

function row(m: Doc<"emailOutbox">) {
  const { _id, kind, to, subject, status, attempts, nextAttemptAt, lastError, transport, createdAt, sentAt } = m;
  return { _id, kind, to, subject, status, attempts, nextAttemptAt, lastError, transport, createdAt, sentAt, attachmentCount: m.attachments.length };
}

export async function page(ctx: QueryCtx, paginationOpts: PaginationOptions) {
  if (paginationOpts.numItems > PAGE_MAX) throw appError("INVALID_ARGUMENT", `Ask for at most ${PAGE_MAX} messages at a time.`, "numItems");
  const result = await ctx.db.query("emailOutbox").withIndex("by_createdAt").order("desc").paginate(paginationOpts);
  return { ...result, page: result.page.map(row) };
}

export async function get(ctx: QueryCtx, id: Id<"emailOutbox">) {
  const message = await ctx.db.get(id);
  if (message === null) return null;
  return { ...row(message), html: message.html, text: message.text, attachments: message.attachments };
}

export async function retry(ctx: MutationCtx, args: { actorId: Id<"users">; id: Id<"emailOutbox">; now: number }): Promise<void> {
  const message = await ctx.db.get(args.id);
  if (message === null) throw appError("NOT_FOUND", "That message does not exist.");
  if (message.status !== "dead") throw appError("CONFLICT", "Only a message that gave up (dead) can be retried.");
  await ctx.db.patch(message._id, { status: "queued", attempts: 0, nextAttemptAt: args.now });
  await ctx.scheduler.runAfter(0, internal.emailSend.deliver, { id: message._id });
  await recordAudit(
    ctx,
    { actorId: args.actorId, action: "email.retry", targetType: "emailOutbox", targetId: message._id, before: { status: "dead", attempts: message.attempts, lastError: message.lastError }, after: { status: "queued", attempts: 0 } },
    args.now,
  );
}
