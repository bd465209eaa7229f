/**
 * The admin dashboard's figures (SPEC §8): money and session figures from the
 * platform rollups (model/platformRollup.ts, ADR 013), live counts from
 * bounded index reads. Nothing here scans the ledger.
 */
import { v } from "convex/values";
import { adminQuery } from "./functions";
import * as PlatformRollup from "./model/platformRollup";
import { vHourFigures } from "./model/platformRollupSchema";
import { getSettings } from "./model/settings";
import { dashboardWindows } from "../lib/admin/platformFigures";

/** The most rows a live count reads; above it the dashboard shows "N+". */
export const COUNT_LIMIT = 500;

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
  pendingWithdrawals: v.object({ requested: vCount, approved: vCount }),
});

export const figures = adminQuery({
  args: {},
  returns: vDashboardFigures,
  handler: async (ctx) => {
    const now = Date.now();
    const settings = await getSettings(ctx);
    const rows = await PlatformRollup.recentHours(ctx, settings.currency, now);
    const { today, days, windows } = dashboardWindows(rows, settings.platformTimeZone, now);

    const count = <T>(rows: T[]) => ({ count: Math.min(rows.length, COUNT_LIMIT), more: rows.length > COUNT_LIMIT });
    const sessionsIn = (status: "active" | "paused" | "requested") =>
      ctx.db
        .query("sessions")
        .withIndex("by_status", (q) => q.eq("status", status))
        .take(COUNT_LIMIT + 1);
    const live = [...(await sessionsIn("active")), ...(await sessionsIn("paused"))];
    const withdrawals = (status: "requested" | "approved") =>
      ctx.db
        .query("withdrawals")
        .withIndex("by_status_and_requestedAt", (q) => q.eq("status", status))
        .take(COUNT_LIMIT + 1);
    return {
      currency: settings.currency,
      timeZone: settings.platformTimeZone,
      today,
      windows,
      days,
      live: {
        chat: live.filter((s) => s.kind === "chat").length,
        video: live.filter((s) => s.kind === "video").length,
        more: live.length > COUNT_LIMIT,
      },
      waiting: count(await sessionsIn("requested")),
      openDisputes: count(
        await ctx.db
          .query("disputes")
          .withIndex("by_status_and_openedAt", (q) => q.eq("status", "open"))
          .take(COUNT_LIMIT + 1),
      ),
      pendingWithdrawals: { requested: count(await withdrawals("requested")), approved: count(await withdrawals("approved")) },
    };
  },
});
