/**
 * Withdrawals (SPEC §6): an advisor asks to be paid part of their available
 * earnings; an admin approves and marks it paid, or rejects it with a reason.
 *
 * The money moves through the ledger from the request on, each step once by
 * its key: `withdrawal:<id>:request` moves the amount from advisor available
 * to advisor withdrawing (so it cannot be spent or asked for twice),
 * `withdrawal:<id>:paid` from withdrawing to the platform's payouts account,
 * `withdrawal:<id>:rejected` back to available. Bank details are kept masked:
 * the holder's name and the last 4 digits, nothing more.
 */
import { v, type Infer } from "convex/values";
import type { PaginationOptions } from "convex/server";
import type { Doc, Id } from "../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../_generated/server";
import { appError } from "../errors";
import { formatMoney, isCents } from "../../lib/money";
import { recordAudit, requireReason } from "./audit";
import { recordPayout } from "./earningsRollup";
import { OPEN_WITHDRAWAL_STATUSES, vBankSnapshot, vWithdrawalStatus, type WithdrawalStatus } from "./earningsSchema";
import * as Ledger from "./ledger";
import { getSettings } from "./settings";
import { notify } from "./notifications";

const DAY_MS = 24 * 60 * 60 * 1000;
export const MAX_HOLDER_NAME_LENGTH = 100;
/** How many of an advisor's own withdrawals the page lists. */
export const OWN_LIST_LIMIT = 50;

export function withdrawalKey(id: Id<"withdrawals">, step: "request" | "paid" | "rejected"): string {
  return `withdrawal:${id}:${step}`;
}

// ——— Bank details ———

export const vBankDetailsView = v.union(v.null(), vBankSnapshot);

/**
 * Keeps the holder's name and the account number's last 4 characters. The
 * number is read only to take them: an IBAN or an account number, 4 to 34
 * letters and digits once spaces and dashes are removed.
 */
export async function saveBankDetails(
  ctx: MutationCtx,
  args: { userId: Id<"users">; holderName: string; accountNumber: string; now: number },
): Promise<Infer<typeof vBankSnapshot>> {
  const holderName = args.holderName.trim();
  if (holderName === "" || holderName.length > MAX_HOLDER_NAME_LENGTH) {
    throw appError("INVALID_ARGUMENT", `Give the account holder's name (1 to ${MAX_HOLDER_NAME_LENGTH} characters).`, "holderName");
  }
  const number = args.accountNumber.length > 64 ? "" : args.accountNumber.replace(/[\s-]/g, "").toUpperCase();
  if (!/^[A-Z0-9]{4,34}$/.test(number) || !/\d{4}$/.test(number)) {
    throw appError("INVALID_ARGUMENT", "Give an account number or IBAN of 4 to 34 letters and digits, ending in 4 digits.", "accountNumber");
  }
  const snapshot = { holderName, last4: number.slice(-4) };
  const existing = await findBankDetails(ctx, args.userId);
  if (existing === null) await ctx.db.insert("bankDetails", { userId: args.userId, ...snapshot, updatedAt: args.now });
  else await ctx.db.patch(existing._id, { ...snapshot, updatedAt: args.now });
  return snapshot;
}

export async function findBankDetails(ctx: QueryCtx, userId: Id<"users">): Promise<Doc<"bankDetails"> | null> {
  return await ctx.db
    .query("bankDetails")
    .withIndex("by_userId", (q) => q.eq("userId", userId))
    .unique();
}

export async function maskedBankDetails(ctx: QueryCtx, userId: Id<"users">) {
  const found = await findBankDetails(ctx, userId);
  return found === null ? null : { holderName: found.holderName, last4: found.last4 };
}

// ——— Requests ———

export const vWithdrawalRow = v.object({
  _id: v.id("withdrawals"),
  amount: v.number(),
  currency: v.string(),
  status: vWithdrawalStatus,
  bank: vBankSnapshot,
  requestedAt: v.number(),
  decidedAt: v.optional(v.number()),
  paidAt: v.optional(v.number()),
  rejectionReason: v.optional(v.string()),
});

function toRow(w: Doc<"withdrawals">) {
  const { _id, amount, currency, status, bank, requestedAt, decidedAt, paidAt, rejectionReason } = w;
  return { _id, amount, currency, status, bank, requestedAt, decidedAt, paidAt, rejectionReason };
}

async function openWithdrawal(ctx: QueryCtx, advisorUserId: Id<"users">): Promise<Doc<"withdrawals"> | null> {
  for (const status of OPEN_WITHDRAWAL_STATUSES) {
    const found = await ctx.db
      .query("withdrawals")
      .withIndex("by_advisorUserId_and_status", (q) => q.eq("advisorUserId", advisorUserId).eq("status", status))
      .first();
    if (found !== null) return found;
  }
  return null;
}

/**
 * An advisor's request: at least the settings' minimum, at most what is
 * available, no other open request, bank details on file, within the rate
 * limit. Everything is checked before the first write.
 */
export async function request(ctx: MutationCtx, args: { advisorUserId: Id<"users">; amount: number; now: number }): Promise<Id<"withdrawals">> {
  const { advisorUserId, amount, now } = args;
  const settings = await getSettings(ctx);
  const { currency } = settings;
  if (!isCents(amount) || amount <= 0) throw appError("INVALID_ARGUMENT", "Give an amount in whole cents.", "amount");
  if (amount < settings.withdrawalMin) {
    throw appError("INVALID_ARGUMENT", `The smallest withdrawal is ${settings.withdrawalMin} minor units of ${currency}.`, "amount");
  }
  const bank = await findBankDetails(ctx, advisorUserId);
  if (bank === null) throw appError("CONFLICT", "Add your bank details before withdrawing.");
  if ((await openWithdrawal(ctx, advisorUserId)) !== null) {
    throw appError("CONFLICT", "You already have a withdrawal in progress; wait until it is paid or rejected.");
  }
  const recent = await ctx.db
    .query("withdrawals")
    .withIndex("by_advisorUserId_and_requestedAt", (q) => q.eq("advisorUserId", advisorUserId).gt("requestedAt", now - DAY_MS))
    .take(settings.withdrawalRequestsMaxPerDay + 1);
  if (recent.length >= settings.withdrawalRequestsMaxPerDay) {
    throw appError("RATE_LIMITED", "Too many withdrawal requests in the last 24 hours. Try again later.");
  }
  const available = (await Ledger.findAccount(ctx, Ledger.advisorAvailable(advisorUserId), currency))?.balance ?? 0;
  if (amount > available) throw appError("INSUFFICIENT_FUNDS", "That is more than your available earnings.", "amount");

  const id = await ctx.db.insert("withdrawals", {
    advisorUserId,
    amount,
    currency,
    status: "requested",
    bank: { holderName: bank.holderName, last4: bank.last4 },
    requestedAt: now,
    updatedAt: now,
  });
  await Ledger.post(ctx, {
    key: withdrawalKey(id, "request"),
    type: "payout",
    description: `Withdrawal requested to account ending ${bank.last4}`,
    currency,
    entries: [
      { account: Ledger.advisorAvailable(advisorUserId), amount: -amount },
      { account: Ledger.advisorWithdrawing(advisorUserId), amount },
    ],
    refs: { withdrawalId: id },
    createdBy: advisorUserId,
    now,
  });
  return id;
}

export async function listOwn(ctx: QueryCtx, advisorUserId: Id<"users">) {
  const rows = await ctx.db
    .query("withdrawals")
    .withIndex("by_advisorUserId_and_requestedAt", (q) => q.eq("advisorUserId", advisorUserId))
    .order("desc")
    .take(OWN_LIST_LIMIT);
  return rows.map(toRow);
}

// ——— Admin ———

export const vQueueRow = v.object({
  ...vWithdrawalRow.fields,
  viaStripe: v.optional(v.boolean()),
  transferFailure: v.optional(v.string()),
  stripeTransferId: v.optional(v.string()),
  advisorUserId: v.id("users"),
  advisorName: v.string(),
  advisorEmail: v.string(),
});

export async function queuePage(ctx: QueryCtx, status: WithdrawalStatus | undefined, paginationOpts: PaginationOptions) {
  const query =
    status === undefined
      ? ctx.db.query("withdrawals").withIndex("by_requestedAt")
      : ctx.db.query("withdrawals").withIndex("by_status_and_requestedAt", (q) => q.eq("status", status));
  const result = await query.order(status === "requested" || status === "approved" ? "asc" : "desc").paginate(paginationOpts);
  const page = [];
  for (const w of result.page) {
    const user = await ctx.db.get(w.advisorUserId);
    const { viaStripe, transferFailure, stripeTransferId } = w;
    page.push({ ...toRow(w), viaStripe, transferFailure, stripeTransferId, advisorUserId: w.advisorUserId, advisorName: user?.name ?? "Unknown", advisorEmail: user?.email ?? "" });
  }
  return { ...result, page };
}

async function loadOrThrow(ctx: QueryCtx, id: Id<"withdrawals">): Promise<Doc<"withdrawals">> {
  const found = await ctx.db.get(id);
  if (found === null) throw appError("NOT_FOUND", "That withdrawal does not exist.");
  return found;
}

function requireStatus(w: Doc<"withdrawals">, allowed: readonly WithdrawalStatus[], action: string): void {
  if (!allowed.includes(w.status)) throw appError("CONFLICT", `A ${w.status} withdrawal cannot be ${action}.`);
}

const auditView = (w: Doc<"withdrawals">) => ({ status: w.status, amount: w.amount, currency: w.currency });

/**
 * Approves a request. With `viaStripe` (Stripe configured and the advisor's
 * Connect account set up) the caller schedules the transfer, whose success
 * marks it paid; otherwise an admin marks it paid once the money is sent.
 */
export async function approve(ctx: MutationCtx, args: { id: Id<"withdrawals">; adminId: Id<"users">; viaStripe: boolean; now: number }) {
  const before = await loadOrThrow(ctx, args.id);
  requireStatus(before, ["requested"], "approved");
  const changes = { status: "approved" as const, decidedAt: args.now, decidedBy: args.adminId, viaStripe: args.viaStripe, updatedAt: args.now };
  await ctx.db.patch(before._id, changes);
  await notify(ctx, { userId: before.advisorUserId, kind: "withdrawal_updated", title: `Withdrawal of ${formatMoney(before.amount, before.currency)} approved`, body: args.viaStripe ? "It is being sent to your Stripe account." : "It is paid to your bank account next.", href: "/advisor/earnings", now: args.now });
  await recordAudit(ctx, { actorId: args.adminId, action: "withdrawal.approve", targetType: "withdrawal", targetId: before._id, before: auditView(before), after: auditView({ ...before, ...changes }) }, args.now);
}

/** Rejecting returns the amount to available; a reason is required. */
export async function reject(ctx: MutationCtx, args: { id: Id<"withdrawals">; adminId: Id<"users">; reason: string; now: number }) {
  const reason = requireReason(args.reason);
  const before = await loadOrThrow(ctx, args.id);
  requireStatus(before, ["requested", "approved"], "rejected");
  if (before.viaStripe && before.transferFailure === undefined && before.status === "approved") {
    throw appError("CONFLICT", "Stripe is paying this withdrawal; it can be rejected only if the transfer fails.");
  }
  await Ledger.post(ctx, {
    key: withdrawalKey(before._id, "rejected"),
    type: "payout",
    description: "Withdrawal rejected: returned to available",
    currency: before.currency,
    entries: [
      { account: Ledger.advisorWithdrawing(before.advisorUserId), amount: -before.amount },
      { account: Ledger.advisorAvailable(before.advisorUserId), amount: before.amount },
    ],
    refs: { withdrawalId: before._id },
    createdBy: args.adminId,
    now: args.now,
  });
  const changes = { status: "rejected" as const, decidedAt: args.now, decidedBy: args.adminId, rejectionReason: reason, updatedAt: args.now };
  await ctx.db.patch(before._id, changes);
  await notify(ctx, { userId: before.advisorUserId, kind: "withdrawal_updated", title: `Withdrawal of ${formatMoney(before.amount, before.currency)} rejected`, body: `${reason} The amount is back in your available earnings.`, href: "/advisor/earnings", now: args.now });
  await recordAudit(
    ctx,
    { actorId: args.adminId, action: "withdrawal.reject", targetType: "withdrawal", targetId: before._id, before: auditView(before), after: auditView({ ...before, ...changes }), reason },
    args.now,
  );
}

/** The money has left: withdrawing → payouts, and the advisor's paid-out total grows. */
export async function markPaid(ctx: MutationCtx, args: { id: Id<"withdrawals">; adminId: Id<"users">; now: number; stripeTransferId?: string }) {
  const before = await loadOrThrow(ctx, args.id);
  requireStatus(before, ["approved"], "marked paid");
  if (before.viaStripe && args.stripeTransferId === undefined && before.transferFailure === undefined) {
    throw appError("CONFLICT", "Stripe is paying this withdrawal; it is marked paid when the transfer goes through.");
  }
  const { duplicate } = await Ledger.post(ctx, {
    key: withdrawalKey(before._id, "paid"),
    type: "payout",
    description: `Withdrawal paid to account ending ${before.bank.last4}`,
    currency: before.currency,
    entries: [
      { account: Ledger.advisorWithdrawing(before.advisorUserId), amount: -before.amount },
      { account: Ledger.PAYOUTS, amount: before.amount },
    ],
    refs: { withdrawalId: before._id },
    createdBy: args.adminId,
    now: args.now,
  });
  if (!duplicate) await recordPayout(ctx, { advisorUserId: before.advisorUserId, currency: before.currency, amount: before.amount });
  const changes = { status: "paid" as const, paidAt: args.now, updatedAt: args.now, ...(args.stripeTransferId ? { stripeTransferId: args.stripeTransferId } : {}) };
  await ctx.db.patch(before._id, changes);
  await notify(ctx, { userId: before.advisorUserId, kind: "withdrawal_updated", title: `Withdrawal of ${formatMoney(before.amount, before.currency)} paid`, body: `Sent to the account ending ${before.bank.last4}.`, href: "/advisor/earnings", now: args.now });
  await recordAudit(ctx, { actorId: args.adminId, action: "withdrawal.markPaid", targetType: "withdrawal", targetId: before._id, before: auditView(before), after: auditView({ ...before, ...changes }) }, args.now);
}
