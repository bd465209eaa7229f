/** The specialty list (SPEC §1a): admins manage it; applications, profiles and discovery's filter choose from it. */
import type { Doc, Id } from "../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../_generated/server";
import { TEXT_LIMITS } from "../../lib/forms/textLimits";
import { appError } from "../errors";
import { recordAudit, requireReason } from "./audit";

/** The longest list admins may keep (the filter shows it as one menu). */
export const MAX_SPECIALTY_OPTIONS = 100;

export async function list(ctx: QueryCtx): Promise<Doc<"specialties">[]> {
  const rows = await ctx.db.query("specialties").withIndex("by_nameLower").take(MAX_SPECIALTY_OPTIONS);
  return rows;
}

export async function names(ctx: QueryCtx): Promise<string[]> {
  return (await list(ctx)).map((s) => s.name);
}

/**
 * Refuses specialties not on the list, naming the first. Those in `kept` (an
 * advisor's current ones) pass even when since taken off the list: the advisor
 * keeps them until they untick them, and cannot choose them again.
 */
export async function requireListed(ctx: QueryCtx, chosen: readonly string[], field: string, kept: readonly string[] = []): Promise<void> {
  const listed = new Set([...(await names(ctx)), ...kept]);
  const unknown = chosen.find((s) => !listed.has(s));
  if (unknown !== undefined) throw appError("INVALID_ARGUMENT", `“${unknown.slice(0, 40)}” is not one of the specialties offered.`, field);
}

export async function add(ctx: MutationCtx, args: { name: string; adminId?: Id<"users">; now: number }) {
  const name = args.name.trim().replace(/\s+/g, " ");
  if (name.length < 2 || name.length > TEXT_LIMITS.specialty) {
    throw appError("INVALID_ARGUMENT", `A specialty has 2 to ${TEXT_LIMITS.specialty} characters.`, "name");
  }
  const nameLower = name.toLowerCase();
  const existing = await ctx.db
    .query("specialties")
    .withIndex("by_nameLower", (q) => q.eq("nameLower", nameLower))
    .unique();
  if (existing !== null) throw appError("CONFLICT", `“${existing.name}” is already on the list.`, "name");
  if ((await list(ctx)).length >= MAX_SPECIALTY_OPTIONS) throw appError("CONFLICT", `The list holds at most ${MAX_SPECIALTY_OPTIONS} specialties; remove one first.`);
  const id = await ctx.db.insert("specialties", { name, nameLower, createdAt: args.now });
  if (args.adminId !== undefined) {
    await recordAudit(ctx, { actorId: args.adminId, action: "specialty.add", targetType: "specialties", targetId: id, after: { name } }, args.now);
  }
  return id;
}

/** Takes a specialty off the list; advisors who have it keep it on their profile. */
export async function remove(ctx: MutationCtx, args: { id: Id<"specialties">; adminId: Id<"users">; reason: string; now: number }) {
  const reason = requireReason(args.reason);
  const found = await ctx.db.get(args.id);
  if (found === null) throw appError("NOT_FOUND", "That specialty is not on the list.");
  await ctx.db.delete(found._id);
  await recordAudit(ctx, { actorId: args.adminId, action: "specialty.remove", targetType: "specialties", targetId: found._id, before: { name: found.name }, reason }, args.now);
}
