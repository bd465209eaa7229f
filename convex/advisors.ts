import { v } from "convex/values";
import { advisorMutation, advisorQuery, publicQuery } from "./functions";
import * as Advisors from "./model/advisors";
import { vAdvisorStatus } from "./validators";

const vPublicAdvisor = v.object({
  _id: v.id("advisors"),
  name: v.string(),
  headline: v.string(),
  bio: v.string(),
  specialties: v.array(v.string()),
  chatPricePerMinute: v.number(),
  videoPricePerMinute: v.number(),
  currency: v.string(),
  isOnline: v.boolean(),
  rating: v.union(v.null(), v.number()),
  ratingCount: v.number(),
});

const vProfileFields = {
  headline: v.string(),
  bio: v.string(),
  specialties: v.array(v.string()),
  chatPricePerMinute: v.number(),
  videoPricePerMinute: v.number(),
};

/** Approved advisors for visitors and clients: online first, then by rating. */
export const list = publicQuery({
  args: {},
  returns: v.array(vPublicAdvisor),
  handler: async (ctx) => await Advisors.listPublic(ctx),
});

export const get = publicQuery({
  args: { advisorId: v.id("advisors") },
  returns: v.union(v.null(), vPublicAdvisor),
  handler: async (ctx, args) => await Advisors.getPublic(ctx, args.advisorId),
});

/** The signed-in advisor's own profile. */
export const mine = advisorQuery({
  args: {},
  returns: v.union(
    v.null(),
    v.object({ ...vProfileFields, currency: v.string(), status: vAdvisorStatus, isOnline: v.boolean(), rating: v.union(v.null(), v.number()), ratingCount: v.number() }),
  ),
  handler: async (ctx) => {
    const profile = await Advisors.findProfile(ctx, ctx.user._id);
    if (profile === null) return null;
    const { headline, bio, specialties, chatPricePerMinute, videoPricePerMinute, currency, status, isOnline, ratingCount } = profile;
    return { headline, bio, specialties, chatPricePerMinute, videoPricePerMinute, currency, status, isOnline, ratingCount, rating: Advisors.ratingAverage(profile) };
  },
});

export const updateProfile = advisorMutation({
  args: vProfileFields,
  returns: v.null(),
  handler: async (ctx, args) => {
    await Advisors.updateProfile(ctx, ctx.user._id, args);
    return null;
  },
});

export const setOnline = advisorMutation({
  args: { isOnline: v.boolean() },
  returns: v.null(),
  handler: async (ctx, args) => {
    await Advisors.setOnline(ctx, ctx.user._id, args.isOnline);
    return null;
  },
});
