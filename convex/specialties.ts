/** The specialty list (SPEC §1a): everyone reads it; admins add and remove entries (audited). */
import { v } from "convex/values";
import { adminMutation, publicQuery } from "./functions";
import * as Specialties from "./model/specialties";

export const list = publicQuery({
  args: {},
  returns: v.array(v.object({ _id: v.id("specialties"), name: v.string() })),
  handler: async (ctx) => (await Specialties.list(ctx)).map(({ _id, name }) => ({ _id, name })),
});

export const add = adminMutation({
  args: { name: v.string() },
  returns: v.id("specialties"),
  handler: async (ctx, args) => await Specialties.add(ctx, { name: args.name, adminId: ctx.user._id, now: Date.now() }),
});

export const remove = adminMutation({
  args: { id: v.id("specialties"), reason: v.string() },
  returns: v.null(),
  handler: async (ctx, args) => {
    await Specialties.remove(ctx, { ...args, adminId: ctx.user._id, now: Date.now() });
    return null;
  },
});
