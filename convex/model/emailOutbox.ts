/**
 * The email outbox (SPEC §9, decision 018): a message is inserted in the
 * transaction of the event it tells of, so a rolled-back event sends nothing,
 * and a delivery action is scheduled from that same transaction. Delivery
 * claims a message (queued → sending) before any transport sees it and marks
 * it sent after, so a message that was sent is never sent again; failures
 * come back queued with an exponential delay until emailMaxAttempts, then stay
 * dead with their last error until an admin retries them.
 */
import type { Doc, Id } from "../_generated/dataModel";
import { internal } from "../_generated/api";
import type { MutationCtx } from "../_generated/server";
import { config } from "../../lib/config";
import { icsAttachment, type CalendarEvent } from "../../lib/notifications/calendar";
import { renderEmail } from "../../lib/notifications/emailTemplate";
import type { NotificationKind } from "../../lib/notifications/kinds";
import { getSettings, type PlatformSettings } from "./settings";

/** How long a "sending" claim is trusted before the sweep treats the attempt as lost (a crashed action). */
export const SEND_LEASE_MS = 5 * 60_000;
/** Messages one sweep run handles; it schedules itself again while more are due. */
export const SWEEP_BATCH = 200;
/** The longest error text kept on a message. */
const ERROR_MAX = 500;

export type OutboxInput = {
  userId: Id<"users">;
  kind: NotificationKind;
  to: string;
  recipientName: string;
  title: string;
  body: string;
  href?: string;
  calendarEvent?: CalendarEvent;
  now: number;
};

export async function enqueue(ctx: MutationCtx, input: OutboxInput): Promise<Id<"emailOutbox">> {
  const { subject, html, text } = renderEmail(input, config.appUrl);
  const attachments = input.calendarEvent === undefined ? [] : [icsAttachment(input.calendarEvent)];
  const id = await ctx.db.insert("emailOutbox", {
    userId: input.userId,
    kind: input.kind,
    to: input.to,
    subject,
    html,
    text,
    attachments,
    status: "queued",
    attempts: 0,
    nextAttemptAt: input.now,
    createdAt: input.now,
  });
  await ctx.scheduler.runAfter(0, internal.emailSend.deliver, { id });
  return id;
}

/** Whether a message may be attempted now: queued and due, or its sending claim lapsed. */
function isDue(message: Doc<"emailOutbox">, now: number): boolean {
  return (message.status === "queued" || message.status === "sending") && message.nextAttemptAt <= now;
}

/** Takes the message for one attempt, or null when it is not due (already sent, dead, claimed by another run, or waiting for its retry time). */
export async function claim(ctx: MutationCtx, id: Id<"emailOutbox">, now: number): Promise<Doc<"emailOutbox"> | null> {
  const message = await ctx.db.get(id);
  if (message === null || !isDue(message, now)) return null;
  const claimed = { status: "sending" as const, attempts: message.attempts + 1, nextAttemptAt: now + SEND_LEASE_MS };
  await ctx.db.patch(id, claimed);
  return { ...message, ...claimed };
}

export async function markSent(ctx: MutationCtx, id: Id<"emailOutbox">, transport: "local" | "smtp", now: number): Promise<void> {
  const message = await ctx.db.get(id);
  if (message === null || message.status !== "sending") return;
  await ctx.db.patch(id, { status: "sent", transport, sentAt: now, lastError: undefined });
}

/** Delay before the next try after `attempts` failed ones: base, 2 × base, 4 × base, … */
export function retryDelayMs(settings: PlatformSettings, attempts: number): number {
  return settings.emailRetryBaseSeconds * 1000 * 2 ** Math.max(0, attempts - 1);
}

export async function markFailed(ctx: MutationCtx, id: Id<"emailOutbox">, error: string, now: number): Promise<void> {
  const message = await ctx.db.get(id);
  if (message === null || message.status !== "sending") return;
  const settings = await getSettings(ctx);
  const lastError = error.slice(0, ERROR_MAX);
  if (message.attempts >= settings.emailMaxAttempts) {
    await ctx.db.patch(id, { status: "dead", lastError });
    return;
  }
  const delay = retryDelayMs(settings, message.attempts);
  await ctx.db.patch(id, { status: "queued", lastError, nextAttemptAt: now + delay });
  await ctx.scheduler.runAfter(delay, internal.emailSend.deliver, { id });
}

/** The built-in transport: the message is delivered into the local mailbox (the admin's mailbox page shows it). */
export async function deliverLocally(ctx: MutationCtx, id: Id<"emailOutbox">, now: number): Promise<boolean> {
  if ((await claim(ctx, id, now)) === null) return false;
  await markSent(ctx, id, "local", now);
  return true;
}

/**
 * One run of the retry sweep (cron): due messages, oldest due first, at most
 * SWEEP_BATCH. Locally they are delivered here; with a real transport each
 * gets a delivery action. Returns how many it handled and whether more are due.
 */
export async function sweep(ctx: MutationCtx, now: number): Promise<{ handled: number; more: boolean }> {
  const due: Doc<"emailOutbox">[] = [];
  for (const status of ["sending", "queued"] as const) {
    const left = SWEEP_BATCH + 1 - due.length;
    if (left <= 0) break;
    due.push(...(await ctx.db.query("emailOutbox").withIndex("by_status_and_nextAttemptAt", (q) => q.eq("status", status).lte("nextAttemptAt", now)).take(left)));
  }
  const batch = due.slice(0, SWEEP_BATCH);
  const local = config.mailTransportUrl === undefined;
  for (const message of batch) {
    // Read in this transaction and due: delivered here without reading it again.
    if (local) await ctx.db.patch(message._id, { status: "sent", attempts: message.attempts + 1, transport: "local", sentAt: now, lastError: undefined });
    else await ctx.scheduler.runAfter(0, internal.emailSend.deliver, { id: message._id });
  }
  return { handled: batch.length, more: due.length > SWEEP_BATCH };
}
