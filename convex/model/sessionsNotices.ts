/** Notifications of a live session's events (SPEC §9), each written in the transaction of its event. */
import type { Id } from "../_generated/dataModel";
import type { MutationCtx } from "../_generated/server";
import { formatMoney } from "../../lib/money";
import { notify } from "./notifications";
import { tellWaiting } from "./onlineAlerts";
import type { Session } from "./sessionsSchema";

async function nameOf(ctx: MutationCtx, userId: Id<"users">, fallback: string): Promise<string> {
  return (await ctx.db.get(userId))?.name ?? fallback;
}

export async function accepted(ctx: MutationCtx, session: Session, now: number): Promise<void> {
  const advisor = await nameOf(ctx, session.advisorUserId, "Your advisor");
  await notify(ctx, {
    userId: session.clientId,
    kind: "session_accepted",
    title: `${advisor} accepted your ${session.kind} session`,
    body: "The session has started. Join it now.",
    href: `/session/${session._id}`,
    now,
  });
}

/** The client's first low-balance warning of a session (later ones show only in the session room). */
export async function firstWarning(ctx: MutationCtx, session: Session, remainingSeconds: number, now: number): Promise<void> {
  const minutes = Math.max(1, Math.ceil(remainingSeconds / 60));
  await notify(ctx, {
    userId: session.clientId,
    kind: "balance_warning",
    title: `About ${minutes} minute${minutes === 1 ? "" : "s"} of balance left`,
    body: "Top up to keep your session going without a pause.",
    href: `/session/${session._id}`,
    now,
  });
}

/** The receipt to the client, and the advisor's waiting clients told once the advisor is free again. */
export async function ended(ctx: MutationCtx, session: Session, chargeCents: number, now: number): Promise<void> {
  const advisor = await nameOf(ctx, session.advisorUserId, "your advisor");
  await notify(ctx, {
    userId: session.clientId,
    kind: "receipt_ready",
    title: `Your receipt for the ${session.kind} session with ${advisor}`,
    body: `Charged ${formatMoney(chargeCents, session.currency)}.`,
    href: `/session/${session._id}/receipt`,
    now,
  });
  await tellWaiting(ctx, session.advisorId, now);
}

export async function rated(ctx: MutationCtx, session: Session, stars: number, now: number): Promise<void> {
  await notify(ctx, {
    userId: session.advisorUserId,
    kind: "rating_received",
    title: `A client rated your ${session.kind} session ${stars} star${stars === 1 ? "" : "s"}`,
    body: "Read the review and reply to it from your reviews page.",
    href: "/advisor/profile",
    now,
  });
}

export async function disputeOpened(ctx: MutationCtx, session: Session, now: number): Promise<void> {
  await notify(ctx, {
    userId: session.advisorUserId,
    kind: "dispute_opened",
    title: `A client disputes a ${session.kind} session`,
    body: "An admin reviews it. The session's earning stays pending until the dispute is resolved.",
    href: "/advisor/earnings",
    now,
  });
}
