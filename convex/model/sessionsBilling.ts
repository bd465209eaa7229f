/**
 * One session's billing (ADR 002): its derived meter, hold and warnings,
 * computed from the totals `{ billedMs, resumedAt }` at a server time, and the
 * automatic pause that became due. What happens then (pauses, resumes, ends,
 * limits) is the lifecycle's: sessionsLifecycle.ts, with its rules in
 * lib/sessions/lifecycle.ts.
 */
import { advance, lastAffordableSecond, timerColour, warningLevel, warningMessage, pauseBilling, type BillingState, type WarningThresholds } from "../../lib/billing";
import { lastSeenOfMissingSide } from "../../lib/sessions/lifecycle";
import type { Doc } from "../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../_generated/server";
import * as Ledger from "./ledger";
import { sessionRules, type PlatformSettings } from "./settings";
import type { PauseReason, Session } from "./sessionsSchema";
import { systemMessage } from "./sessionsTimeline";
import * as SessionsNotices from "./sessionsNotices";

export function billingState(session: Session): BillingState {
  return { billedMs: session.billedMs, resumedAt: session.resumedAt };
}

/** What the session may still cost: the client's available balance plus what its own hold already keeps. */
export async function budgetFor(
  ctx: QueryCtx,
  session: Session,
): Promise<{ budget: number; hold: Doc<"ledgerHolds"> | null; wallet: Ledger.Wallet }> {
  const wallet = await Ledger.loadWallet(ctx, session.clientId, session.currency);
  const hold = session.holdId === undefined ? null : await ctx.db.get(session.holdId);
  const own = hold !== null && hold.status === "active" ? hold.amount : 0;
  return { budget: Math.max(0, wallet.balance.available + own), hold, wallet };
}

/** The meter a session shows before billing starts, from a budget alone. */
export function initialMeter(rateCentsPerMinute: number, budget: number, thresholds: WarningThresholds) {
  const remaining = lastAffordableSecond(rateCentsPerMinute, budget);
  return {
    billedMs: 0,
    resumedAt: null,
    billedSeconds: 0,
    chargeCents: 0,
    availableCents: budget,
    remainingSeconds: remaining,
    warningLevel: warningLevel(remaining, thresholds),
    timerColour: timerColour(remaining, thresholds),
    firedWarnings: [],
  };
}

/**
 * When a running session must pause for chat inactivity or a missing video
 * side (`dueAt`), and the moment billing stops (`pauseAt`): a chat bills
 * until the inactivity window closes; video bills only connected time, so it
 * stops at the missing side's last heartbeat.
 */
function presenceDeadline(session: Session, current: PlatformSettings): { dueAt: number; pauseAt: number; reason: PauseReason } | null {
  if (session.resumedAt === null) return null;
  const settings = sessionRules(session, current).timings;
  if (session.kind === "chat") {
    const at = Math.max(session.lastMessageAt ?? 0, session.resumedAt) + settings.chatInactivitySeconds * 1000;
    return { dueAt: at, pauseAt: at, reason: "inactive" };
  }
  const since = lastSeenOfMissingSide(session, session.resumedAt);
  return { dueAt: since + settings.videoDisconnectSeconds * 1000, pauseAt: since, reason: "disconnected" };
}

/**
 * Keeps the session's wallet hold equal to its running charge. `hold` and
 * `wallet` were read in this transaction with no ledger write since, so the
 * ledger need not read them again.
 */
async function holdCharge(
  ctx: MutationCtx,
  session: Session,
  hold: Doc<"ledgerHolds"> | null,
  wallet: Ledger.Wallet,
  charge: number,
  now: number,
) {
  if (hold === null) {
    if (charge === 0) return session.holdId;
    const { holdId } = await Ledger.createHold(ctx, {
      key: `session:${session._id}:hold`,
      ownerId: session.clientId,
      currency: session.currency,
      amount: charge,
      description: `Live ${session.kind} session`,
      refs: { sessionId: session._id },
      now,
    });
    return holdId;
  }
  if (hold.status === "active" && hold.amount !== charge) {
    await Ledger.resizeHold(ctx, { holdId: hold._id, amount: charge, now }, { hold, wallet });
  }
  return hold._id;
}

/** An automatic pause that became due: billing stopped at `at` for `reason`. */
export type DuePause = { billing: BillingState; reason: PauseReason; at: number };

/**
 * Brings an active session's billing up to server time `now`: derived meter
 * fields, the hold and newly due warnings (once each); and says which
 * automatic pause became due, at its exact moment (last affordable second,
 * 90 s without a message, a video side's last heartbeat), whichever came
 * first. It writes no events and schedules nothing: the lifecycle applies the
 * pause (sessionsLifecycle.ts). Idempotent. Returns the session as it now
 * stands, without reading it again.
 */
export async function advanceBilling(
  ctx: MutationCtx,
  session: Session,
  now: number,
  settings: PlatformSettings,
): Promise<{ session: Session; pause: DuePause | null }> {
  const deadline = presenceDeadline(session, settings);
  const due = deadline !== null && deadline.dueAt <= now ? deadline : null;
  const at = due?.pauseAt ?? now;
  const { budget, hold, wallet } = await budgetFor(ctx, session);
  const thresholds = sessionRules(session, settings).warningSeconds;
  const result = advance({
    billing: billingState(session),
    rateCentsPerMinute: session.rateCentsPerMinute,
    budgetCents: budget,
    firedWarnings: session.firedWarnings,
    thresholds,
    now: at,
  });

  const holdId = await holdCharge(ctx, session, hold, wallet, result.chargeCents, now);
  for (const fired of result.newWarnings) {
    await ctx.db.insert("balanceWarnings", { sessionId: session._id, ...fired });
    await systemMessage(ctx, session._id, warningMessage(fired.warning, thresholds), fired.at);
    if (session.firedWarnings.length === 0 && fired === result.newWarnings[0]) await SessionsNotices.firstWarning(ctx, session, result.remainingSeconds, now);
  }
  const derived = {
    billedSeconds: result.billedSeconds,
    chargeCents: result.chargeCents,
    availableCents: result.availableCents,
    remainingSeconds: result.remainingSeconds,
    warningLevel: result.warningLevel,
    timerColour: result.timerColour,
    firedWarnings: [...session.firedWarnings, ...result.newWarnings.map((w) => w.warning)],
    holdId,
  };
  // Only the fields that changed: most seconds move the meter, not the colour, level or hold.
  const changes: Partial<typeof derived> = {};
  for (const key of Object.keys(derived) as (keyof typeof derived)[]) {
    if (JSON.stringify(derived[key]) !== JSON.stringify(session[key])) Object.assign(changes, { [key]: derived[key] });
  }
  if (Object.keys(changes).length > 0) await ctx.db.patch(session._id, { ...changes, syncedAt: now });
  const advanced: Session = { ...session, ...derived, syncedAt: Object.keys(changes).length > 0 ? now : session.syncedAt };

  if (result.autoPause !== null) {
    return { session: advanced, pause: { billing: result.billing, reason: "zero_balance", at: result.autoPause.at } };
  }
  if (due !== null) {
    return { session: advanced, pause: { billing: pauseBilling(billingState(session), due.pauseAt), reason: due.reason, at: due.pauseAt } };
  }
  return { session: advanced, pause: null };
}

/** Whether the client can afford at least one more second of the session. */
export async function affordsNextSecond(ctx: QueryCtx, session: Session): Promise<boolean> {
  const { budget } = await budgetFor(ctx, session);
  return lastAffordableSecond(session.rateCentsPerMinute, budget) > session.billedSeconds;
}
