/**
 * "Notify me when online" (SPEC §5): a client waiting for a busy or offline
 * advisor is told once, in-app and by email per their preferences, when the
 * advisor is free online; the alert is then removed. Told in bounded batches.
 */
import type { Doc, Id } from "../_generated/dataModel";
import { internal } from "../_generated/api";
import type { MutationCtx, QueryCtx } from "../_generated/server";
import { appError } from "../errors";
import { notify } from "./notifications";
import { advisorPresence } from "./sessions";

/** Waiting clients told per transaction; the rest in the next one, scheduled. */
export const ALERT_BATCH = 100;

async function find(ctx: QueryCtx, clientId: Id<"users">, advisorId: Id<"advisors">) {
  return await ctx.db
    .query("onlineAlerts")
    .withIndex("by_clientId_and_advisorId", (q) => q.eq("clientId", clientId).eq("advisorId", advisorId))
    .first();
}

export async function isWaiting(ctx: QueryCtx, clientId: Id<"users">, advisorId: Id<"advisors">): Promise<boolean> {
  return (await find(ctx, clientId, advisorId)) !== null;
}

async function loadApprovedOrThrow(ctx: QueryCtx, advisorId: Id<"advisors">): Promise<Doc<"advisors">> {
  const advisor = await ctx.db.get(advisorId);
  if (advisor === null || advisor.status !== "approved") throw appError("NOT_FOUND", "That advisor does not exist.");
  return advisor;
}

/** Asks once; asking again while waiting changes nothing. */
export async function ask(ctx: MutationCtx, args: { clientId: Id<"users">; advisorId: Id<"advisors">; now: number }): Promise<void> {
  const advisor = await loadApprovedOrThrow(ctx, args.advisorId);
  if ((await advisorPresence(ctx, advisor)) === "online") throw appError("CONFLICT", "This advisor is online now: start a session instead.");
  if (await isWaiting(ctx, args.clientId, args.advisorId)) return;
  await ctx.db.insert("onlineAlerts", { advisorId: args.advisorId, clientId: args.clientId, at: args.now });
}

export async function cancel(ctx: MutationCtx, args: { clientId: Id<"users">; advisorId: Id<"advisors"> }): Promise<void> {
  const found = await find(ctx, args.clientId, args.advisorId);
  if (found !== null) await ctx.db.delete(found._id);
}

/**
 * Tells up to ALERT_BATCH waiting clients that the advisor is online, oldest
 * first, and removes their alerts; schedules the next batch while more wait.
 * Does nothing unless the advisor is online and free right now.
 */
export async function tellWaiting(ctx: MutationCtx, advisorId: Id<"advisors">, now: number): Promise<number> {
  const advisor = await ctx.db.get(advisorId);
  if (advisor === null || (await advisorPresence(ctx, advisor)) !== "online") return 0;
  const waiting = await ctx.db.query("onlineAlerts").withIndex("by_advisorId_and_at", (q) => q.eq("advisorId", advisorId)).take(ALERT_BATCH + 1);
  if (waiting.length === 0) return 0;
  const name = (await ctx.db.get(advisor.userId))?.name ?? "Your advisor";
  for (const alert of waiting.slice(0, ALERT_BATCH)) {
    await ctx.db.delete(alert._id);
    await notify(ctx, { userId: alert.clientId, kind: "advisor_online", title: `${name} is online`, body: `${name} is available now. Start a chat or video session while they are free.`, href: `/advisors/${advisorId}`, now });
  }
  if (waiting.length > ALERT_BATCH) await ctx.scheduler.runAfter(0, internal.onlineAlerts.tellWaiting, { advisorId });
  return Math.min(waiting.length, ALERT_BATCH);
}
