/**
 * The admin dashboard's figures (SPEC §8): money and session figures from the
 * platform rollups (model/platformRollup.ts, ADR 013), live counts from
 * bounded index reads. Nothing here scans the ledger.
 */
import { v } from "convex/values";
import { appError } from "./errors";
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

/**
 * The figures now. `hour` (the caller's current UTC hour number) is not used
 * as a time, only to make the subscription run again when the hour changes,
 * which is when a whole-hour zone's day can roll over.
 */
export const figures = adminQuery({
  args: { hour: v.optional(v.number()) },
  returns: vDashboardFigures,
  handler: async (ctx, { hour }) => {
    if (hour !== undefined && (!Number.isSafeInteger(hour) || hour < 0 || hour > 1e9)) throw appError("INVALID_ARGUMENT", "Give the hour as a whole number.", "hour");
    return await AdminDashboard.figures(ctx, Date.now());
  },
});
