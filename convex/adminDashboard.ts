/**
 * The admin dashboard's figures (SPEC §8): money and session figures from the
 * platform rollups (model/platformRollup.ts, ADR 013), live counts from
 * bounded index reads. Nothing here scans the ledger.
 */
import { v } from "convex/values";
import { adminQuery } from "./functions";
import * as AdminDashboard from "./model/adminDashboard";
import { vHourFigures } from "./model/platformRollupSchema";

export { COUNT_LIMIT } from "./model/adminDashboard";

const vFigures = v.object(vHourFigures);
const vCount = v.object({ count: v.number(), more: v.boolean() });

export const vDashboardFigures = v.object({
  currency: v.string(),
  timeZone: v.string(),
  today: v.string(),
  windows: v.object({ today: vFigures, "7d": vFigures, "30d": vFigures }),
  /** The zone's last 30 days, oldest first, every day present. */
  days: v.array(v.object({ day: v.string(), ...vHourFigures })),
  live: v.object({ chat: v.number(), video: v.number(), more: v.boolean() }),
  waiting: vCount,
  openDisputes: vCount,
  pendingApplications: vCount,
  pendingWithdrawals: v.object({ requested: vCount, approved: vCount }),
});

export const figures = adminQuery({
  args: {},
  returns: vDashboardFigures,
  handler: async (ctx) => await AdminDashboard.figures(ctx, Date.now()),
});
