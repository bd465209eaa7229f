/** What the UI receives about a session: each viewer role's own shape of the live meter, and list rows for history. */
import { pick } from "convex-helpers";
import { v, type Infer } from "convex/values";
import type { Id } from "../_generated/dataModel";
import type { QueryCtx } from "../_generated/server";
import type { ViewerRole } from "./sessions";
import { remainingSeconds, timerColour, warningLevel } from "../../lib/billing";
import { endLimit, mayPause } from "../../lib/sessions/lifecycle";
import { budgetFor } from "./sessionsBilling";
import { limitTimings, resumeRefusalFor } from "./sessionsLifecycle";
import type { Session } from "./sessionsSchema";
import { getSettings, sessionRules, type PlatformSettings } from "./settings";
import { sessionFields } from "./sessionsSchema";

export const vViewerRole = v.union(v.literal("client"), v.literal("advisor"), v.literal("admin"));

const vParty = v.object({ userId: v.id("users"), name: v.string() });

/**
 * What every viewer of a session may see. It holds no client money: the
 * client's balance is in the client's and the admin's shapes only (SPEC §4,
 * §10), so a field added here reaches the advisor; a test pins its keys.
 */
const sharedViewFields = {
  _id: v.id("sessions"),
  ...pick(sessionFields, [
    "kind",
    "status",
    "rateCentsPerMinute",
    "currency",
    "requestedAt",
    "expiresAt",
    "acceptedAt",
    "endedAt",
    // Billing state: the meter may interpolate between ticks from these.
    "billedMs",
    "resumedAt",
    "billedSeconds",
    // The running cost, which both participants see.
    "chargeCents",
    // Time the client's balance still pays for: the advisor sees this, never the money behind it.
    "remainingSeconds",
    "warningLevel",
    "timerColour",
    "firedWarnings",
    "syncedAt",
    "pauseReason",
    "pausedAt",
    "endReason",
    "feeCents",
    "earningCents",
  ]),
  client: vParty,
  advisor: v.object({ advisorId: v.id("advisors"), userId: v.id("users"), name: v.string() }),
  /** A live session's time limit: when it ends unless its cause is gone (top-up, reconnection). */
  endsAt: v.optional(v.number()),
  /** A video session whose billing waits for both sides to connect. */
  awaitingConnection: v.boolean(),
  /**
   * A booked session (SPEC §5): the end of its prepaid time, whether it is
   * still in it, and who agreed to go on past it at the per-second rate.
   */
  booked: v.optional(
    v.object({ bookingId: v.id("bookings"), until: v.number(), prepaid: v.boolean(), continueAgreed: v.object({ client: v.boolean(), advisor: v.boolean() }) }),
  ),
  rated: v.boolean(),
  /** What this viewer may do now, by the rules of lib/sessions/lifecycle.ts. */
  canPause: v.boolean(),
  canResume: v.boolean(),
  canEnd: v.boolean(),
  /** While paused and this viewer may not resume: why, in words. */
  resumeHint: v.optional(v.string()),
};

/** The client's and the admin's extra: the client's available balance after the running charge. */
const walletViewFields = pick(sessionFields, ["availableCents"]);

export const vClientSessionView = v.object({ viewerRole: v.literal("client"), ...sharedViewFields, ...walletViewFields });
export const vAdvisorSessionView = v.object({ viewerRole: v.literal("advisor"), ...sharedViewFields });
export const vAdminSessionView = v.object({ viewerRole: v.literal("admin"), ...sharedViewFields, ...walletViewFields });
export const vSessionView = v.union(vClientSessionView, vAdvisorSessionView, vAdminSessionView);
export type SessionView = Infer<typeof vSessionView>;
export type AdvisorSessionView = Infer<typeof vAdvisorSessionView>;
/** The fields every viewer gets; their names are pinned by a test so none is added unnoticed. */
export const SHARED_VIEW_FIELDS = Object.keys(sharedViewFields);

export async function userName(ctx: QueryCtx, userId: Id<"users">): Promise<string> {
  return (await ctx.db.get(userId))?.name ?? "Former user";
}

/**
 * A paused session's clock does not tick, so its stored meter would miss a
 * top-up made during the pause; read the balance live instead, so both sides
 * see it land and the Resume button comes on.
 */
async function pausedMeter(ctx: QueryCtx, s: Session, settings: PlatformSettings) {
  const { budget } = await budgetFor(ctx, s);
  const thresholds = sessionRules(s, settings).warningSeconds;
  const remaining = remainingSeconds(s.rateCentsPerMinute, budget, s.billedSeconds);
  return {
    availableCents: Math.max(0, budget - s.chargeCents),
    remainingSeconds: remaining,
    warningLevel: warningLevel(remaining, thresholds),
    timerColour: timerColour(remaining, thresholds),
  };
}

async function controls(ctx: QueryCtx, s: Session, viewerRole: ViewerRole, settings: PlatformSettings) {
  const live = s.status === "active" || s.status === "paused";
  if (viewerRole === "admin" || !live) return { canPause: false, canResume: false, canEnd: false };
  const refusal = s.status === "paused" ? await resumeRefusalFor(ctx, s, { via: "click", by: viewerRole }, Date.now(), settings) : null;
  return {
    canPause: mayPause(s),
    canResume: s.status === "paused" && refusal === null,
    canEnd: true,
    resumeHint: refusal?.message,
  };
}

export async function sessionView(ctx: QueryCtx, s: Session, viewerRole: ViewerRole): Promise<SessionView> {
  const settings = await getSettings(ctx);
  const meter = s.status === "paused" ? await pausedMeter(ctx, s, settings) : null;
  // Still in its prepaid booked time: nothing has billed per second yet.
  const prepaid = s.bookedUntil !== undefined && s.status === "active" && s.resumedAt === null && s.billedMs === 0;
  const shared = {
    _id: s._id,
    kind: s.kind,
    status: s.status,
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
    remainingSeconds: meter?.remainingSeconds ?? s.remainingSeconds,
    warningLevel: meter?.warningLevel ?? s.warningLevel,
    timerColour: meter?.timerColour ?? s.timerColour,
    firedWarnings: s.firedWarnings,
    syncedAt: s.syncedAt,
    pauseReason: s.pauseReason,
    pausedAt: s.pausedAt,
    endReason: s.endReason,
    endsAt: endLimit(s, limitTimings(s, settings))?.at,
    awaitingConnection: s.kind === "video" && s.status === "active" && s.resumedAt === null && !prepaid,
    booked:
      s.bookingId === undefined || s.bookedUntil === undefined
        ? undefined
        : { bookingId: s.bookingId, until: s.bookedUntil, prepaid, continueAgreed: { client: s.continueAgreed?.client ?? false, advisor: s.continueAgreed?.advisor ?? false } },
    feeCents: s.feeCents,
    earningCents: s.earningCents,
    rated: s.rated === true,
    ...(await controls(ctx, s, viewerRole, settings)),
  };
  const availableCents = meter?.availableCents ?? s.availableCents;
  switch (viewerRole) {
    case "client":
      return { viewerRole, ...shared, availableCents };
    case "admin":
      return { viewerRole, ...shared, availableCents };
    case "advisor":
      return { viewerRole, ...shared };
  }
}

export const vSessionRow = v.object({
  _id: v.id("sessions"),
  ...pick(sessionFields, ["kind", "status", "rateCentsPerMinute", "currency", "requestedAt", "endedAt", "billedSeconds", "chargeCents", "earningCents"]),
  counterpartName: v.string(),
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
