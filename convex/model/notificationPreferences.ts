/** Per-kind channel choices (SPEC §9): a row only where the user changed a default (lib/notifications/kinds.ts defaultChoice). */
import type { Id } from "../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../_generated/server";
import { NOTIFICATION_KINDS, defaultChoice, type ChannelChoice, type NotificationChannel, type NotificationKind } from "../../lib/notifications/kinds";

async function row(ctx: QueryCtx, userId: Id<"users">, kind: NotificationKind) {
  return await ctx.db
    .query("notificationPreferences")
    .withIndex("by_userId_and_kind", (q) => q.eq("userId", userId).eq("kind", kind))
    .unique();
}

export async function choiceFor(ctx: QueryCtx, userId: Id<"users">, kind: NotificationKind): Promise<ChannelChoice> {
  const found = await row(ctx, userId, kind);
  return found === null ? defaultChoice(kind) : { inApp: found.inApp, email: found.email };
}

/** The kinds `kinds` with the user's choice for each, in that order. */
export async function all(ctx: QueryCtx, userId: Id<"users">, kinds: readonly NotificationKind[]): Promise<({ kind: NotificationKind } & ChannelChoice)[]> {
  const rows = await ctx.db
    .query("notificationPreferences")
    .withIndex("by_userId_and_kind", (q) => q.eq("userId", userId))
    .take(NOTIFICATION_KINDS.length);
  const chosen = new Map(rows.map((r) => [r.kind, { inApp: r.inApp, email: r.email }]));
  return kinds.map((kind) => ({ kind, ...(chosen.get(kind) ?? defaultChoice(kind)) }));
}

export async function set(ctx: MutationCtx, args: { userId: Id<"users">; kind: NotificationKind; channel: NotificationChannel; on: boolean }): Promise<void> {
  const found = await row(ctx, args.userId, args.kind);
  if (found === null) {
    await ctx.db.insert("notificationPreferences", { userId: args.userId, kind: args.kind, ...defaultChoice(args.kind), [args.channel]: args.on });
  } else {
    await ctx.db.patch(found._id, { [args.channel]: args.on });
  }
}
