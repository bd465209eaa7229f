/** Favourites (issue 15 item 6): clients save advisors; nobody else sees a client's list. */
import { v } from "convex/values";
import { paginationOptsValidator, paginationResultValidator } from "convex/server";
import { clientMutation, clientQuery } from "./functions";
import { vDiscoveryCard } from "./model/advisorListings";
import * as Favourites from "./model/favourites";

export const set = clientMutation({
  args: { advisorId: v.id("advisors"), favourite: v.boolean() },
  returns: v.null(),
  handler: async (ctx, args) => {
    await Favourites.set(ctx, { ...args, clientId: ctx.user._id, now: Date.now() });
    return null;
  },
});

/** Ids of the signed-in client's saved advisors, to mark them on cards. */
export const ids = clientQuery({
  args: {},
  returns: v.array(v.id("advisors")),
  handler: async (ctx) => await Favourites.ids(ctx, ctx.user._id),
});

/** The signed-in client's saved advisors as cards, newest saved first. */
export const list = clientQuery({
  args: { paginationOpts: paginationOptsValidator },
  returns: paginationResultValidator(vDiscoveryCard),
  handler: async (ctx, args) => await Favourites.page(ctx, ctx.user._id, args.paginationOpts),
});
