/**
 * Checking and repairing the platform rollups (ADR 013). `repair` is for an
 * operator (`npx convex run platformRollups:repair '{"fix":true}'`); the
 * ledger audit starts the same check, without fixing, beside each run.
 */
import { v } from "convex/values";
import { internal } from "./_generated/api";
import { internalMutation } from "./functions";
import * as Check from "./model/platformRollupCheck";

/** Recomputes every rollup hour before now from the ledger and the ended sessions; with `fix`, rewrites those that differ. Watch the row it returns. */
export const repair = internalMutation({
  args: { fix: v.boolean() },
  returns: v.id("platformRollupChecks"),
  handler: async (ctx, { fix }) => {
    const checkId = await Check.startCheck(ctx, { now: Date.now(), fix });
    await ctx.scheduler.runAfter(0, internal.platformRollups.checkStep, { checkId });
    return checkId;
  },
});

export const checkStep = internalMutation({
  args: { checkId: v.id("platformRollupChecks") },
  returns: v.null(),
  handler: async (ctx, { checkId }) => {
    if (await Check.checkStep(ctx, checkId, Date.now())) await ctx.scheduler.runAfter(0, internal.platformRollups.checkStep, { checkId });
    return null;
  },
});
