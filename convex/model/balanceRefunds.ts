/**
 * Refunds of unused balance (SPEC §3): a client asks for unspent cash back
 * (never promo), an admin approves, and the amount is refunded to the card
 * payments it came from, newest first, through Stripe or, without Stripe, the
 * test checkout's payments, by the same steps.
 *
 * The money moves through the ledger, each step once by its key:
 * - `balanceRefund:<id>:request` client cash → client refunding, so the amount
 *   can be neither spent nor asked for twice while it waits;
 * - `balanceRefund:<id>:paid:<checkoutId>` refunding → external payments, when
 *   the payment's refund went through;
 * - `balanceRefund:<id>:returned` (rejected or cancelled) and
 *   `balanceRefund:<id>:returned:<checkoutId>` (a payment's refund failed)
 *   refunding → client cash.
 * A checkout's `refundedAmount` is reserved on approval, so no payment is ever
 * refunded beyond what it paid.
 */
import { v } from "convex/values";
import type { PaginationOptions } from "convex/server";
import type { Doc, Id } from "../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../_generated/server";
import { appError } from "../errors";
import { formatMoney, isCents } from "../../lib/money";
import {
  OPEN_BALANCE_REFUND_STATUSES,
  allocateNewestFirst,
  type BalanceRefundStatus,
} from "../../lib/payments/balanceRefunds";
import { TEXT_LIMITS } from "../../lib/forms/textLimits";
import { recordAudit, requireReason } from "./audit";
import { ledgerTables, vBalanceRefundStatus } from "./ledgerSchema";
import * as Ledger from "./ledger";
import { getSettings } from "./settings";
import { notify } from "./notifications";

const DAY_MS = 24 * 60 * 60 * 1000;
/** The most card payments read to find what can be refunded: top-ups are made by hand, so a client has far fewer. */
export const CHECKOUTS_READ_LIMIT = 200;
/** How many of a client's own requests their wallet page lists. */
export const OWN_LIST_LIMIT = 20;

export function balanceRefundKey(id: Id<"balanceRefunds">, step: "request" | "returned"): string;
export function balanceRefundKey(id: Id<"balanceRefunds">, step: "paid" | "returned", checkoutId: Id<"topUpCheckouts">): string;
export function balanceRefundKey(id: Id<"balanceRefunds">, step: string, checkoutId?: Id<"topUpCheckouts">): string {
  return checkoutId === undefined ? `balanceRefund:${id}:${step}` : `balanceRefund:${id}:${step}:${checkoutId}`;
}

// ——— What can be refunded ———

async function paidCheckoutsNewestFirst(ctx: QueryCtx, userId: Id<"users">, currency: string) {
  const checkouts = await ctx.db
    .query("topUpCheckouts")
    .withIndex("by_userId_and_createdAt", (q) => q.eq("userId", userId))
    .order("desc")
    .take(CHECKOUTS_READ_LIMIT);
  return checkouts
    .filter((c) => c.status === "paid" && c.currency === currency)
    .map((c) => ({ id: c._id, refundable: c.amount - (c.refundedAmount ?? 0), checkout: c }));
}

export const vRefundable = v.object({
  currency: v.string(),
  /** Cash in the wallet not held by a live session: what could be asked back. */
  cash: v.number(),
  /** What the card payments can still take back. */
  toPayments: v.number(),
  /** The most one request may ask for now: the smaller of the two. */
  max: v.number(),
});

/** Cash can go back only to card payments: promo never, demo credit never, and no payment beyond what it paid. */
export async function refundable(ctx: QueryCtx, userId: Id<"users">) {
  const { currency } = await getSettings(ctx);
  const wallet = await Ledger.walletBalance(ctx, userId, currency);
  const cash = Math.max(0, Math.min(wallet.cash, wallet.available));
  const payments = await paidCheckoutsNewestFirst(ctx, userId, currency);
  const toPayments = payments.reduce((sum, p) => sum + Math.max(0, p.refundable), 0);
  return { currency, cash, toPayments, max: Math.min(cash, toPayments) };
}

// ——— Views ———

const refundFields = ledgerTables.balanceRefunds.validator.fields;

export const vOwnRequest = v.object({
  _id: v.id("balanceRefunds"),
  amount: v.number(),
  currency: v.string(),
  status: vBalanceRefundStatus,
  requestedAt: v.number(),
  decidedAt: v.optional(v.number()),
  rejectionReason: v.optional(v.string()),
  refundedAmount: v.number(),
  finishedAt: v.optional(v.number()),
  parts: v.array(v.object({ amount: v.number(), status: refundFields.parts.element.fields.status, paidAt: v.number() })),
});

async function partsView(ctx: QueryCtx, refund: Doc<"balanceRefunds">) {
  const parts = [];
  for (const part of refund.parts) {
    const checkout = await ctx.db.get(part.checkoutId);
    parts.push({ ...part, paidAt: checkout?.createdAt ?? 0 });
  }
  return parts;
}

async function ownView(ctx: QueryCtx, r: Doc<"balanceRefunds">) {
  const parts = (await partsView(ctx, r)).map(({ amount, status, paidAt }) => ({ amount, status, paidAt }));
  const { _id, amount, currency, status, requestedAt, decidedAt, rejectionReason, refundedAmount, finishedAt } = r;
  return { _id, amount, currency, status, requestedAt, decidedAt, rejectionReason, refundedAmount, finishedAt, parts };
}

export async function listOwn(ctx: QueryCtx, userId: Id<"users">) {
  const rows = await ctx.db
    .query("balanceRefunds")
    .withIndex("by_userId_and_requestedAt", (q) => q.eq("userId", userId))
    .order("desc")
    .take(OWN_LIST_LIMIT);
  const views = [];
  for (const row of rows) views.push(await ownView(ctx, row));
  return views;
}

export const vQueueRow = v.object({
  ...vOwnRequest.fields,
  userId: v.id("users"),
  clientName: v.string(),
  clientEmail: v.string(),
  note: v.optional(v.string()),
  parts: v.array(
    v.object({
      ...refundFields.parts.element.fields,
      paidAt: v.number(),
    }),
  ),
});

export async function queuePage(ctx: QueryCtx, status: BalanceRefundStatus | undefined, paginationOpts: PaginationOptions) {
  const query =
    status === undefined
      ? ctx.db.query("balanceRefunds").withIndex("by_requestedAt")
      : ctx.db.query("balanceRefunds").withIndex("by_status_and_requestedAt", (q) => q.eq("status", status));
  const open = status !== undefined && OPEN_BALANCE_REFUND_STATUSES.includes(status);
  const result = await query.order(open ? "asc" : "desc").paginate(paginationOpts);
  const page = [];
  for (const r of result.page) {
    const user = await ctx.db.get(r.userId);
    page.push({
      ...(await ownView(ctx, r)),
      parts: await partsView(ctx, r),
      userId: r.userId,
      note: r.note,
      clientName: user?.name ?? "Unknown",
      clientEmail: user?.email ?? "",
    });
  }
  return { ...result, page };
}

// ——— The client's side ———

async function openRequest(ctx: QueryCtx, userId: Id<"users">): Promise<Doc<"balanceRefunds"> | null> {
  for (const status of OPEN_BALANCE_REFUND_STATUSES) {
    const found = await ctx.db
      .query("balanceRefunds")
      .withIndex("by_userId_and_status", (q) => q.eq("userId", userId).eq("status", status))
      .first();
    if (found !== null) return found;
  }
  return null;
}

/**
 * A client's request: whole cents, at most what `refundable` allows, one open
 * request at a time, within the rate limit. Checked before the first write.
 */
export async function request(ctx: MutationCtx, args: { userId: Id<"users">; amount: number; note?: string; now: number }) {
  const { userId, amount, now } = args;
  const settings = await getSettings(ctx);
  const note = args.note?.trim() || undefined;
  if (note !== undefined && note.length > TEXT_LIMITS.reason) {
    throw appError("INVALID_ARGUMENT", `Keep the note to ${TEXT_LIMITS.reason} characters.`, "note");
  }
  if (!isCents(amount) || amount <= 0) throw appError("INVALID_ARGUMENT", "Give an amount in whole cents above zero.", "amount");
  if ((await openRequest(ctx, userId)) !== null) {
    throw appError("CONFLICT", "You already have a refund in progress; wait until it is finished or cancel it.");
  }
  const recent = await ctx.db
    .query("balanceRefunds")
    .withIndex("by_userId_and_requestedAt", (q) => q.eq("userId", userId).gt("requestedAt", now - DAY_MS))
    .take(settings.balanceRefundRequestsMaxPerDay + 1);
  if (recent.length >= settings.balanceRefundRequestsMaxPerDay) {
    throw appError("RATE_LIMITED", "Too many refund requests in the last 24 hours. Try again later.");
  }
  const can = await refundable(ctx, userId);
  if (amount > can.max) {
    const why = can.max === 0 ? "Nothing in your wallet can be refunded to a card right now." : `The most you can ask back now is ${formatMoney(can.max, can.currency)}.`;
    throw appError("INSUFFICIENT_FUNDS", why, "amount");
  }
  const id = await ctx.db.insert("balanceRefunds", {
    userId,
    amount,
    currency: can.currency,
    status: "requested",
    note,
    requestedAt: now,
    parts: [],
    refundedAmount: 0,
    updatedAt: now,
  });
  await Ledger.post(ctx, {
    key: balanceRefundKey(id, "request"),
    type: "refund",
    description: "Refund of unused balance requested",
    currency: can.currency,
    entries: [
      { account: Ledger.clientCash(userId), amount: -amount },
      { account: Ledger.clientRefunding(userId), amount },
    ],
    refs: { balanceRefundId: id },
    createdBy: userId,
    now,
  });
  return id;
}

async function loadOrThrow(ctx: QueryCtx, id: Id<"balanceRefunds">): Promise<Doc<"balanceRefunds">> {
  const found = await ctx.db.get(id);
  if (found === null) throw appError("NOT_FOUND", "That refund request does not exist.");
  return found;
}

function requireStatus(r: Doc<"balanceRefunds">, allowed: readonly BalanceRefundStatus[], action: string): void {
  if (!allowed.includes(r.status)) throw appError("CONFLICT", `A ${r.status} refund request cannot be ${action}.`);
}

/** Puts what is still waiting back into the client's cash. */
async function returnToWallet(ctx: MutationCtx, r: Doc<"balanceRefunds">, amount: number, key: string, description: string, by: Id<"users">, now: number) {
  await Ledger.post(ctx, {
    key,
    type: "refund",
    description,
    currency: r.currency,
    entries: [
      { account: Ledger.clientRefunding(r.userId), amount: -amount },
      { account: Ledger.clientCash(r.userId), amount },
    ],
    refs: { balanceRefundId: r._id },
    createdBy: by,
    now,
  });
}

/** The client withdraws a request no admin has decided yet; the amount goes back to the wallet. */
export async function cancel(ctx: MutationCtx, args: { id: Id<"balanceRefunds">; userId: Id<"users">; now: number }) {
  const r = await ctx.db.get(args.id);
  if (r === null || r.userId !== args.userId) throw appError("NOT_FOUND", "That refund request does not exist.");
  requireStatus(r, ["requested"], "cancelled");
  await returnToWallet(ctx, r, r.amount, balanceRefundKey(r._id, "returned"), "Refund request cancelled: back in your wallet", args.userId, args.now);
  await ctx.db.patch(r._id, { status: "cancelled", finishedAt: args.now, updatedAt: args.now });
}

// ——— The admin's side ———

const auditView = (r: Pick<Doc<"balanceRefunds">, "status" | "amount" | "currency" | "refundedAmount">) => ({
  status: r.status,
  amount: r.amount,
  currency: r.currency,
  refundedAmount: r.refundedAmount,
});

export async function reject(ctx: MutationCtx, args: { id: Id<"balanceRefunds">; adminId: Id<"users">; reason: string; now: number }) {
  const reason = requireReason(args.reason);
  const before = await loadOrThrow(ctx, args.id);
  requireStatus(before, ["requested"], "rejected");
  await returnToWallet(ctx, before, before.amount, balanceRefundKey(before._id, "returned"), "Refund request rejected: back in your wallet", args.adminId, args.now);
  const changes = { status: "rejected" as const, decidedAt: args.now, decidedBy: args.adminId, rejectionReason: reason, finishedAt: args.now, updatedAt: args.now };
  await ctx.db.patch(before._id, changes);
  await notify(ctx, { userId: before.userId, kind: "balance_refund_updated", title: `Refund of ${formatMoney(before.amount, before.currency)} not approved`, body: `${reason} The amount is back in your wallet.`, href: "/wallet", now: args.now });
  await recordAudit(
    ctx,
    { actorId: args.adminId, action: "balanceRefund.reject", targetType: "balanceRefund", targetId: before._id, before: auditView(before), after: auditView({ ...before, ...changes }), reason },
    args.now,
  );
}

/**
 * Splits the amount over the client's card payments, newest first, reserves
 * it on each, and leaves the refunds themselves to `process` (an action: it
 * may call Stripe). The caller schedules it.
 */
export async function approve(ctx: MutationCtx, args: { id: Id<"balanceRefunds">; adminId: Id<"users">; now: number }) {
  const before = await loadOrThrow(ctx, args.id);
  requireStatus(before, ["requested"], "approved");
  const payments = await paidCheckoutsNewestFirst(ctx, before.userId, before.currency);
  const allocation = allocateNewestFirst(before.amount, payments);
  if (allocation === null) {
    throw appError("CONFLICT", "The client's card payments can no longer take this amount back; reject it with a reason instead.");
  }
  const parts = [];
  for (const { id, amount } of allocation) {
    const checkout = payments.find((p) => p.id === id)!.checkout;
    await ctx.db.patch(id, { refundedAmount: (checkout.refundedAmount ?? 0) + amount, updatedAt: args.now });
    parts.push({ checkoutId: id, provider: checkout.provider, amount, status: "pending" as const });
  }
  const changes = { status: "processing" as const, parts, decidedAt: args.now, decidedBy: args.adminId, updatedAt: args.now };
  await ctx.db.patch(before._id, changes);
  await recordAudit(
    ctx,
    {
      actorId: args.adminId,
      action: "balanceRefund.approve",
      targetType: "balanceRefund",
      targetId: before._id,
      before: auditView(before),
      after: { ...auditView({ ...before, ...changes }), parts: parts.map((p) => ({ checkoutId: p.checkoutId, amount: p.amount })) },
    },
    args.now,
  );
}

/** What `process` needs to refund each pending part. */
export async function pendingParts(ctx: QueryCtx, id: Id<"balanceRefunds">) {
  const r = await ctx.db.get(id);
  if (r === null || r.status !== "processing") return [];
  const parts = [];
  for (const part of r.parts) {
    if (part.status !== "pending") continue;
    const checkout = await ctx.db.get(part.checkoutId);
    parts.push({
      checkoutId: part.checkoutId,
      provider: part.provider,
      amount: part.amount,
      currency: r.currency,
      paymentIntentId: checkout?.paymentIntentId,
      stripeSessionId: checkout?.stripeSessionId,
      checkoutAmount: checkout?.amount ?? 0,
    });
  }
  return parts;
}

export type PartOutcome = { ok: true; providerRefundId: string } | { ok: false; message: string };

/**
 * Records how one payment's refund went, once: money refunded leaves the
 * ledger for good; money whose refund failed goes back to the wallet and the
 * payment's reservation is undone. The request finishes with its last part.
 */
export async function recordPartOutcome(
  ctx: MutationCtx,
  args: { id: Id<"balanceRefunds">; checkoutId: Id<"topUpCheckouts">; outcome: PartOutcome; now: number },
) {
  const r = await ctx.db.get(args.id);
  if (r === null || r.status !== "processing") return;
  const index = r.parts.findIndex((p) => p.checkoutId === args.checkoutId);
  const part = r.parts[index];
  if (part === undefined || part.status !== "pending") return;
  const by = r.decidedBy ?? r.userId;
  let refundedAmount = r.refundedAmount;
  if (args.outcome.ok) {
    await Ledger.post(ctx, {
      key: balanceRefundKey(r._id, "paid", part.checkoutId),
      type: "refund",
      description: "Refunded to your card",
      currency: r.currency,
      entries: [
        { account: Ledger.clientRefunding(r.userId), amount: -part.amount },
        { account: Ledger.EXTERNAL_PAYMENTS, amount: part.amount },
      ],
      refs: { balanceRefundId: r._id, checkoutId: part.checkoutId, providerRefundId: args.outcome.providerRefundId },
      createdBy: by,
      now: args.now,
    });
    refundedAmount += part.amount;
  } else {
    const checkout = await ctx.db.get(part.checkoutId);
    if (checkout !== null) {
      await ctx.db.patch(checkout._id, { refundedAmount: Math.max(0, (checkout.refundedAmount ?? 0) - part.amount), updatedAt: args.now });
    }
    await returnToWallet(ctx, r, part.amount, balanceRefundKey(r._id, "returned", part.checkoutId), "Card refund failed: back in your wallet", by, args.now);
  }
  const parts = r.parts.map((p, i) =>
    i !== index
      ? p
      : args.outcome.ok
        ? { ...p, status: "refunded" as const, providerRefundId: args.outcome.providerRefundId }
        : { ...p, status: "failed" as const, failureMessage: args.outcome.message.slice(0, TEXT_LIMITS.reason) },
  );
  const done = parts.every((p) => p.status !== "pending");
  const status: BalanceRefundStatus = !done ? "processing" : refundedAmount > 0 ? "refunded" : "failed";
  const changes = { parts, refundedAmount, status, updatedAt: args.now, ...(done ? { finishedAt: args.now } : {}) };
  await ctx.db.patch(r._id, changes);
  if (done) {
    await notify(ctx, {
      userId: r.userId,
      kind: "balance_refund_updated",
      title: refundedAmount > 0 ? `${formatMoney(refundedAmount, r.currency)} refunded to your card` : "Your refund could not be sent to your card",
      body: refundedAmount === r.amount ? "Banks take a few days to show it." : `${formatMoney(r.amount - refundedAmount, r.currency)} is back in your wallet.`,
      href: "/wallet",
      now: args.now,
    });
    await recordAudit(
      ctx,
      { actorId: by, action: "balanceRefund.finish", targetType: "balanceRefund", targetId: r._id, before: auditView(r), after: auditView({ ...r, ...changes }) },
      args.now,
    );
  }
}

/** An admin may run the refunds of a request again if they were interrupted; each payment's refund is idempotent. */
export async function requireRetryable(ctx: QueryCtx, id: Id<"balanceRefunds">) {
  const r = await loadOrThrow(ctx, id);
  requireStatus(r, ["processing"], "retried");
}
