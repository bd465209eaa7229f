/** What the UI receives about a session: the live meter for both sides, and list rows for history. */
import { v, type Infer } from "convex/values";
import type { Id } from "../_generated/dataModel";
import type { QueryCtx } from "../_generated/server";
import type { ViewerRole } from "./sessions";
import { remainingSeconds, timerColour, warningLevel } from "../../lib/billing";
import { budgetFor, type Session } from "./sessionsBilling";
import {
  vBalanceWarning,
  vEndReason,
  vPauseReason,
  vSessionKind,
  vSessionStatus,
  vTimerColour,
  vWarningLevel,
} from "./sessionsSchema";

export const vViewerRole = v.union(v.literal("client"), v.literal("advisor"), v.literal("admin"));

const vParty = v.object({ userId: v.id("users"), name: v.string() });

export const vSessionView = v.object({
  _id: v.id("sessions"),
  kind: vSessionKind,
  status: vSessionStatus,
  viewerRole: vViewerRole,
  client: vParty,
  advisor: v.object({ advisorId: v.id("advisors"), userId: v.id("users"), name: v.string() }),
  rateCentsPerMinute: v.number(),
  currency: v.string(),
  requestedAt: v.number(),
  expiresAt: v.number(),
  acceptedAt: v.optional(v.number()),
  endedAt: v.optional(v.number()),
  /** Billing state: the meter may interpolate between ticks from these. */
  billedMs: v.number(),
  resumedAt: v.union(v.null(), v.number()),
  billedSeconds: v.number(),
  chargeCents: v.number(),
  availableCents: v.number(),
  remainingSeconds: v.number(),
  warningLevel: vWarningLevel,
  timerColour: vTimerColour,
  firedWarnings: v.array(vBalanceWarning),
  syncedAt: v.number(),
  pauseReason: v.optional(vPauseReason),
  pausedAt: v.optional(v.number()),
  endReason: v.optional(vEndReason),
  clientSeenAt: v.optional(v.number()),
  advisorSeenAt: v.optional(v.number()),
  feeCents: v.optional(v.number()),
  earningCents: v.optional(v.number()),
  rated: v.boolean(),
  /** While paused: whether the client's balance now allows resuming (e.g. after a top-up). */
  resumable: v.boolean(),
});
export type SessionView = Infer<typeof vSessionView>;

export async function userName(ctx: QueryCtx, userId: Id<"users">): Promise<string> {
  return (await ctx.db.get(userId))?.name ?? "Former user";
}

/**
 * A paused session's clock does not tick, so its stored meter would miss a
 * top-up made during the pause; read the balance live instead, so both sides
 * see it land and the Resume button comes on.
 */
async function pausedMeter(ctx: QueryCtx, s: Session) {
  const { budget } = await budgetFor(ctx, s);
  const remaining = remainingSeconds(s.rateCentsPerMinute, budget, s.billedSeconds);
  return {
    availableCents: Math.max(0, budget - s.chargeCents),
    remainingSeconds: remaining,
    warningLevel: warningLevel(remaining),
    timerColour: timerColour(remaining),
    resumable: remaining > 0,
  };
}

export async function sessionView(ctx: QueryCtx, s: Session, viewerRole: ViewerRole): Promise<SessionView> {
  const paused = s.status === "paused" ? await pausedMeter(ctx, s) : null;
  return {
    _id: s._id,
    kind: s.kind,
    status: s.status,
    viewerRole,
    client: { userId: s.clientId, name: await userName(ctx, s.clientId) },
    advisor: { advisorId: s.advisorId, userId: s.advisorUserId, name: await userName(ctx, s.advisorUserId) },
    rateCentsPerMinute: s.rateCentsPerMinute,
    currency: s.currency,
    requestedAt: s.requestedAt,
    expiresAt: s.expiresAt,
    acceptedAt: s.acceptedAt,
    endedAt: s.endedAt,
    billedMs: s.billedMs,
    resumedAt: s.resumedAt,
    billedSeconds: s.billedSeconds,
    chargeCents: s.chargeCents,
    availableCents: s.availableCents,
    remainingSeconds: s.remainingSeconds,
    warningLevel: s.warningLevel,
    timerColour: s.timerColour,
    firedWarnings: s.firedWarnings,
    syncedAt: s.syncedAt,
    pauseReason: s.pauseReason,
    pausedAt: s.pausedAt,
    endReason: s.endReason,
    clientSeenAt: s.clientSeenAt,
    advisorSeenAt: s.advisorSeenAt,
    feeCents: s.feeCents,
    earningCents: s.earningCents,
    rated: s.rated === true,
    resumable: false,
    ...paused,
  };
}

export const vSessionRow = v.object({
  _id: v.id("sessions"),
  kind: vSessionKind,
  status: vSessionStatus,
  counterpartName: v.string(),
  rateCentsPerMinute: v.number(),
  currency: v.string(),
  requestedAt: v.number(),
  endedAt: v.optional(v.number()),
  billedSeconds: v.number(),
  chargeCents: v.number(),
  earningCents: v.optional(v.number()),
});
export type SessionRow = Infer<typeof vSessionRow>;

export async function sessionRow(ctx: QueryCtx, s: Session, side: "client" | "advisor"): Promise<SessionRow> {
  return {
    _id: s._id,
    kind: s.kind,
    status: s.status,
    counterpartName: await userName(ctx, side === "client" ? s.advisorUserId : s.clientId),
    rateCentsPerMinute: s.rateCentsPerMinute,
    currency: s.currency,
    requestedAt: s.requestedAt,
    endedAt: s.endedAt,
    billedSeconds: s.billedSeconds,
    chargeCents: s.chargeCents,
    earningCents: s.earningCents,
  };
}
