/** Favourites (issue 15 item 6): a client saves advisors and sees them first and on their own page. */
import type { PaginationOptions } from "convex/server";
import type { Id } from "../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../_generated/server";
import { MAX_FAVOURITES } from "../../lib/advisors/discovery";
import { appError } from "../errors";
import { discoveryCard } from "./advisorListings";

async function find(ctx: QueryCtx, clientId: Id<"users">, advisorId: Id<"advisors">) {
  return await ctx.db
    .query("favourites")
    .withIndex("by_clientId_and_advisorId", (q) => q.eq("clientId", clientId).eq("advisorId", advisorId))
    .unique();
}

/** Saves or forgets an advisor; saving twice or forgetting one not saved changes nothing. */
export async function set(ctx: MutationCtx, args: { clientId: Id<"users">; advisorId: Id<"advisors">; favourite: boolean; now: number }) {
  const existing = await find(ctx, args.clientId, args.advisorId);
  if (!args.favourite) {
    if (existing !== null) await ctx.db.delete(existing._id);
    return;
  }
  if (existing !== null) return;
  const advisor = await ctx.db.get(args.advisorId);
  if (advisor === null || advisor.status !== "approved") throw appError("NOT_FOUND", "That advisor does not exist.");
  const count = (
    await ctx.db
      .query("favourites")
      .withIndex("by_clientId_and_at", (q) => q.eq("clientId", args.clientId))
      .take(MAX_FAVOURITES)
  ).length;
  if (count >= MAX_FAVOURITES) throw appError("CONFLICT", `You can save up to ${MAX_FAVOURITES} advisors; remove one first.`);
  await ctx.db.insert("favourites", { clientId: args.clientId, advisorId: args.advisorId, at: args.now });
}

/** The ids of the client's saved advisors (at most MAX_FAVOURITES), to mark them on cards. */
export async function ids(ctx: QueryCtx, clientId: Id<"users">): Promise<Id<"advisors">[]> {
  const rows = await ctx.db
    .query("favourites")
    .withIndex("by_clientId_and_at", (q) => q.eq("clientId", clientId))
    .take(MAX_FAVOURITES);
  return rows.map((r) => r.advisorId);
}

/** The client's saved advisors as cards, newest saved first; ones no longer listed are left out. */
export async function page(ctx: QueryCtx, clientId: Id<"users">, paginationOpts: PaginationOptions) {
  if (paginationOpts.numItems > 48) throw appError("INVALID_ARGUMENT", "Ask for at most 48 advisors at a time.", "numItems");
  const found = await ctx.db
    .query("favourites")
    .withIndex("by_clientId_and_at", (q) => q.eq("clientId", clientId))
    .order("desc")
    .paginate(paginationOpts);
  const cards = [];
  for (const row of found.page) {
    const advisor = await ctx.db.get(row.advisorId);
    const card = advisor === null || advisor.status !== "approved" ? null : await discoveryCard(ctx, advisor);
    if (card !== null) cards.push(card);
  }
  return { ...found, page: cards };
}
