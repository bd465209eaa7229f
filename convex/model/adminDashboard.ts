/**
 * The admin dashboard's figures (SPEC §8, ADR 013): money and session figures
 * from the platform rollups, live counts from bounded index reads.
 */
import type { QueryCtx } from "../_generated/server";
import * as PlatformRollup from "./platformRollup";
import { getSettings } from "./settings";
import { dashboardWindows } from "../../lib/admin/platformFigures";

/** The most rows a live count reads; above it the dashboard shows "N+". */
export const COUNT_LIMIT = 500;

export async function figures(ctx: QueryCtx, now: number) {
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
    pendingApplications: count(
      await ctx.db
        .query("advisorApplications")
        .withIndex("by_status_and_submittedAt", (q) => q.eq("status", "pending"))
        .take(COUNT_LIMIT + 1),
    ),
    pendingWithdrawals: { requested: count(await withdrawals("requested")), approved: count(await withdrawals("approved")) },
  };
}
