/**
 * Holds: part of a client's available balance kept for a charge to come (a
 * live session's running charge, a booking's price). Available = posted −
 * held; a hold is captured into a posted transaction or released.
 */
import type { Doc, Id } from "../../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../../_generated/server";
import { appError } from "../../errors";
import { drawInOrder } from "../../../lib/money";
import type { HistoryType } from "../ledgerSchema";
import { accountLabel, clientCash, clientPromo, requireCurrency, requireKey, requirePositiveCents } from "./accounts";
import { walletAccounts, walletBalance, type Wallet } from "./balances";
import {
  applyChanges,
  findTransactionByKey,
  planChanges,
  postChecked,
  validateShape,
  type EntryInput,
  type PostInput,
  type PostResult,
} from "./posting";

export type HoldResult = { holdId: Id<"ledgerHolds">; duplicate: boolean };

function requireActiveHold(hold: Doc<"ledgerHolds"> | null): Doc<"ledgerHolds"> {
  if (hold === null) throw appError("NOT_FOUND", "That hold does not exist.");
  if (hold.status !== "active") throw appError("CONFLICT", `That hold is already ${hold.status}.`);
  return hold;
}

async function loadActiveHoldOrThrow(ctx: QueryCtx, holdId: Id<"ledgerHolds">): Promise<Doc<"ledgerHolds">> {
  return requireActiveHold(await ctx.db.get(holdId));
}

/** Reserves part of a client's available balance (e.g. a booking's price). Idempotent by key. */
export async function createHold(
  ctx: MutationCtx,
  args: {
    key: string;
    ownerId: Id<"users">;
    currency: string;
    amount: number;
    description: string;
    refs?: Record<string, string>;
    now: number;
  },
): Promise<HoldResult> {
  requireKey(args.key);
  const existing = await ctx.db
    .query("ledgerHolds")
    .withIndex("by_key", (q) => q.eq("key", args.key))
    .unique();
  if (existing !== null) return { holdId: existing._id, duplicate: true };
  requireCurrency(args.currency);
  requirePositiveCents(args.amount, "A hold amount");
  const balance = await walletBalance(ctx, args.ownerId, args.currency);
  if (balance.available < args.amount) throw appError("INSUFFICIENT_FUNDS", "The available balance is too low for this.");
  const cashRef = clientCash(args.ownerId);
  const changes = await planChanges(ctx, args.currency, [], [{ ref: cashRef, delta: args.amount }]);
  const cash = (await applyChanges(ctx, args.currency, changes, args.now)).get(accountLabel(cashRef))!;
  const holdId = await ctx.db.insert("ledgerHolds", {
    key: args.key,
    ownerId: args.ownerId,
    accountId: cash._id,
    currency: args.currency,
    amount: args.amount,
    originalAmount: args.amount,
    capturedAmount: 0,
    status: "active",
    description: args.description,
    refs: args.refs,
    createdAt: args.now,
    updatedAt: args.now,
  });
  return { holdId, duplicate: false };
}

/**
 * Sets how much an active hold keeps (a live session's running charge grows,
 * or shrinks to what a retroactive pause leaves of it, possibly 0).
 * `loaded` spares the reads when the caller already read the hold and its
 * owner's wallet in this transaction, with no ledger write since (the billing
 * clock does, every second for every session).
 */
export async function resizeHold(
  ctx: MutationCtx,
  args: { holdId: Id<"ledgerHolds">; amount: number; now: number },
  loaded?: { hold: Doc<"ledgerHolds">; wallet: Wallet },
): Promise<void> {
  const hold = loaded === undefined ? await loadActiveHoldOrThrow(ctx, args.holdId) : requireActiveHold(loaded.hold);
  if (loaded !== undefined) {
    const { wallet } = loaded;
    if (hold._id !== args.holdId || wallet.ownerId !== hold.ownerId || wallet.balance.currency !== hold.currency) {
      throw new Error(`Hold ${args.holdId} resized with another hold's or wallet's data`);
    }
  }
  // Zero is allowed: a live session's running charge can fall back to 0 when a pause takes effect from
  // the past (a video side's last heartbeat), and the hold stays active for the charge to come.
  if (args.amount !== 0) requirePositiveCents(args.amount, "A hold amount");
  const delta = args.amount - hold.amount;
  if (delta === 0) return;
  if (delta > 0) {
    const balance = loaded?.wallet.balance ?? (await walletBalance(ctx, hold.ownerId, hold.currency));
    if (balance.available < delta) throw appError("INSUFFICIENT_FUNDS", "The available balance is too low for this.");
  }
  const known = loaded === undefined ? undefined : walletAccounts(loaded.wallet);
  const changes = await planChanges(ctx, hold.currency, [], [{ ref: clientCash(hold.ownerId), delta }], known);
  await applyChanges(ctx, hold.currency, changes, args.now);
  await ctx.db.patch(hold._id, { amount: args.amount, originalAmount: Math.max(hold.originalAmount, args.amount + hold.capturedAmount), updatedAt: args.now });
}

/**
 * Turns part or all of a hold into a posted transaction: the client's wallet
 * pays `amount` (promo first, then cash) to the given credits, and the hold
 * shrinks by `amount`. With `releaseRest` whatever remains is released too.
 * Idempotent by the transaction key.
 */
export async function captureHold(
  ctx: MutationCtx,
  args: {
    holdId: Id<"ledgerHolds">;
    amount: number;
    key: string;
    type: HistoryType;
    description: string;
    credits: EntryInput[];
    refs?: Record<string, string>;
    releaseRest?: boolean;
    createdBy?: Id<"users">;
    now: number;
  },
): Promise<PostResult> {
  requireKey(args.key);
  const existing = await findTransactionByKey(ctx, args.key);
  if (existing !== null) return { transactionId: existing._id, duplicate: true };
  const hold = await loadActiveHoldOrThrow(ctx, args.holdId);
  requirePositiveCents(args.amount, "A capture amount");
  if (args.amount > hold.amount) {
    throw appError("INVALID_ARGUMENT", `Cannot capture ${args.amount} from a hold of ${hold.amount}.`);
  }
  if (args.credits.some((c) => c.amount <= 0)) throw appError("INVALID_ARGUMENT", "Capture credits must be positive.");
  if (args.credits.reduce((sum, c) => sum + c.amount, 0) !== args.amount) {
    throw appError("INVALID_ARGUMENT", "Capture credits must add up to the captured amount.");
  }

  const balance = await walletBalance(ctx, hold.ownerId, hold.currency);
  const [fromPromo, fromCash] = drawInOrder(args.amount, [balance.promo, balance.cash]);
  const debits: EntryInput[] = [
    { account: clientPromo(hold.ownerId), amount: -fromPromo },
    { account: clientCash(hold.ownerId), amount: -fromCash },
  ].filter((e) => e.amount !== 0);
  const released = args.releaseRest ? hold.amount : args.amount;
  const input: PostInput = {
    key: args.key,
    type: args.type,
    description: args.description,
    currency: hold.currency,
    entries: [...debits, ...args.credits],
    refs: args.refs ?? hold.refs,
    createdBy: args.createdBy,
    now: args.now,
  };
  validateShape(input);
  const transactionId = await postChecked(ctx, input, [{ ref: clientCash(hold.ownerId), delta: -released }]);
  const remaining = hold.amount - released;
  await ctx.db.patch(hold._id, {
    amount: remaining,
    capturedAmount: hold.capturedAmount + args.amount,
    status: remaining > 0 ? "active" : "captured",
    updatedAt: args.now,
  });
  return { transactionId, duplicate: false };
}

/** Frees what an active hold still keeps. Releasing a finished hold is a no-op. */
export async function releaseHold(ctx: MutationCtx, args: { holdId: Id<"ledgerHolds">; now: number }): Promise<void> {
  const hold = await ctx.db.get(args.holdId);
  if (hold === null) throw appError("NOT_FOUND", "That hold does not exist.");
  if (hold.status !== "active") return;
  const changes = await planChanges(ctx, hold.currency, [], [{ ref: clientCash(hold.ownerId), delta: -hold.amount }]);
  await applyChanges(ctx, hold.currency, changes, args.now);
  await ctx.db.patch(hold._id, {
    amount: 0,
    status: hold.capturedAmount > 0 ? "captured" : "released",
    updatedAt: args.now,
  });
}

