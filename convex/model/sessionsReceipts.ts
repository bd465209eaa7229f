/** A session's receipt (SPEC §4): durations, rate, money and a timeline of pauses and warnings; the wallet lines are added for the client's copy (convex/receipts.ts). */
import type { QueryCtx } from "../_generated/server";
import { list as listDocuments } from "./sessionsDocuments";
import { findRating } from "./sessionsRatings";
import type { Session } from "./sessionsSchema";
import { userName } from "./sessionsViews";

/** Whole seconds as HH:MM:SS (hours may exceed 99). */
export function formatDuration(totalSeconds: number): string {
  const seconds = Math.max(0, Math.floor(totalSeconds));
  const pad = (n: number) => n.toString().padStart(2, "0");
  return `${pad(Math.floor(seconds / 3600))}:${pad(Math.floor((seconds % 3600) / 60))}:${pad(seconds % 60)}`;
}

/** At the same moment a resume comes before the warnings it triggers, and a warning before the pause or end it causes. */
function sameTimeRank(kind: string): number {
  if (kind === "warning") return 1;
  if (kind === "paused" || kind === "ended") return 2;
  return 0;
}

export async function receipt(ctx: QueryCtx, session: Session) {
  const events = await ctx.db
    .query("sessionEvents")
    .withIndex("by_sessionId_and_at", (q) => q.eq("sessionId", session._id))
    .take(1000);
  const warnings = await ctx.db
    .query("balanceWarnings")
    .withIndex("by_sessionId_and_at", (q) => q.eq("sessionId", session._id))
    .take(10);
  const timeline = [
    ...events.map((e) => ({ kind: e.kind, reason: e.reason, actorRole: e.actorRole, billedSeconds: e.billedSeconds, at: e.at })),
    ...warnings.map((w) => ({ kind: "warning" as const, reason: w.warning, actorRole: "system" as const, billedSeconds: w.atBilledSecond, at: w.at })),
  ].sort((a, b) => a.at - b.at || sameTimeRank(a.kind) - sameTimeRank(b.kind));
  const wallClockSeconds =
    session.acceptedAt !== undefined && session.endedAt !== undefined ? Math.floor((session.endedAt - session.acceptedAt) / 1000) : 0;
  const rating = await findRating(ctx, session._id);
  const booking = session.bookingId === undefined ? null : await ctx.db.get(session.bookingId);
  return {
    sessionId: session._id,
    kind: session.kind,
    status: session.status,
    endReason: session.endReason,
    clientName: await userName(ctx, session.clientId),
    advisorName: await userName(ctx, session.advisorUserId),
    requestedAt: session.requestedAt,
    acceptedAt: session.acceptedAt,
    endedAt: session.endedAt,
    billedSeconds: session.billedSeconds,
    billedDuration: formatDuration(session.billedSeconds),
    wallClockSeconds,
    wallClockDuration: formatDuration(wallClockSeconds),
    rateCentsPerMinute: session.rateCentsPerMinute,
    currency: session.currency,
    chargeCents: session.chargeCents,
    feeCents: session.feeCents ?? 0,
    earningCents: session.earningCents ?? 0,
    settlementTransactionId: session.settlementTransactionId,
    timeline,
    documents: await listDocuments(ctx, session._id),
    rating: rating === null ? null : { stars: rating.stars, text: rating.text },
    booking:
      booking === null
        ? undefined
        : {
            durationMinutes: booking.durationMinutes,
            status: booking.status,
            priceCents: booking.priceCents,
            chargedCents: booking.chargedCents,
            feeCents: booking.feeCents,
            earningCents: booking.earningCents,
          },
  };
}
