/**
 * Posting: the one path by which balanced transactions, their entries and the
 * accounts' materialized balances and held totals are written. Every check
 * runs before the first write, so a refused call changes nothing even when
 * its caller catches the error.
 */
import type { Doc, Id } from "../../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../../_generated/server";
import { appError } from "../../errors";
import { isCents } from "../../../lib/money";
import * as PlatformRollup from "../platformRollup";
import { CLIENT_WALLET_KINDS, USER_ACCOUNT_KINDS, type HistoryType } from "../ledgerSchema";
import {
  MAX_LEDGER_AMOUNT,
  accountLabel,
  findAccount,
  findOrCreateAccount,
  historyTypeFor,
  isClientWallet,
  requireCurrency,
  requireKey,
  requireWithinBound,
  type AccountRef,
  type KnownAccounts,
} from "./accounts";

export type EntryInput = { account: AccountRef; amount: number; historyType?: HistoryType };

export type PostInput = {
  /** Unique and derived from the business fact, e.g. `stripe:<eventId>`, `session:<id>:settle`. */
  key: string;
  type: HistoryType;
  description: string;
  currency: string;
  entries: EntryInput[];
  refs?: Record<string, string>;
  createdBy?: Id<"users">;
  reversesId?: Id<"ledgerTransactions">;
  now: number;
};

export type PostResult = { transactionId: Id<"ledgerTransactions">; duplicate: boolean };

/** A change of an account's held total that goes with a posting (or alone, for a hold). */
export type HeldChange = { ref: AccountRef; delta: number };

const MAX_ENTRIES = 20;

export async function findTransactionByKey(ctx: QueryCtx, key: string): Promise<Doc<"ledgerTransactions"> | null> {
  return await ctx.db
    .query("ledgerTransactions")
    .withIndex("by_key", (q) => q.eq("key", key))
    .unique();
}

/** Change of one account's materialized totals within a transaction. */
export type AccountChange = { ref: AccountRef; account: Doc<"ledgerAccounts"> | null; balanceDelta: number; heldDelta: number };

export function validateShape(input: PostInput): void {
  requireKey(input.key);
  requireCurrency(input.currency);
  if (input.description.trim() === "") throw appError("INVALID_ARGUMENT", "A transaction needs a description.");
  if (input.entries.length < 2 || input.entries.length > MAX_ENTRIES) {
    throw appError("INVALID_ARGUMENT", `A transaction needs 2 to ${MAX_ENTRIES} entries.`);
  }
  let sum = 0;
  for (const { account, amount } of input.entries) {
    if (!isCents(amount) || amount === 0) {
      throw appError("INVALID_ARGUMENT", `Entry amounts must be non-zero whole cents, got ${amount} for ${accountLabel(account)}.`);
    }
    if (Math.abs(amount) > MAX_LEDGER_AMOUNT) {
      throw appError("INVALID_ARGUMENT", `The entry of ${amount} for ${accountLabel(account)} is beyond the ledger's limit of ${MAX_LEDGER_AMOUNT} minor units.`);
    }
    const ownedKind = USER_ACCOUNT_KINDS.includes(account.kind);
    if (ownedKind !== (account.ownerId !== undefined)) {
      throw appError("INVALID_ARGUMENT", `Account ${accountLabel(account)} ${ownedKind ? "needs" : "cannot have"} an owner.`);
    }
    sum += amount;
  }
  if (!Number.isSafeInteger(sum) || sum !== 0) {
    throw appError("INVALID_ARGUMENT", `Entries must sum to zero, got ${sum}.`);
  }
}

/**
 * Loads the accounts a transaction touches and checks that every balance and
 * held total stays within MAX_LEDGER_AMOUNT and that no client wallet ends
 * below zero: each wallet account stays ≥ 0 and, counting holds,
 * cash + promo − held stays ≥ 0 whenever the wallet loses money.
 */
export async function planChanges(
  ctx: QueryCtx,
  currency: string,
  entries: readonly EntryInput[],
  heldChanges: readonly HeldChange[],
  known: KnownAccounts = new Map(),
): Promise<AccountChange[]> {
  const lookup = async (ref: AccountRef) => {
    const label = accountLabel(ref);
    return known.has(label) ? known.get(label)! : await findAccount(ctx, ref, currency);
  };
  const changes = new Map<string, AccountChange>();
  const changeFor = async (ref: AccountRef) => {
    const label = accountLabel(ref);
    let change = changes.get(label);
    if (change === undefined) {
      change = { ref, account: await lookup(ref), balanceDelta: 0, heldDelta: 0 };
      changes.set(label, change);
    }
    return change;
  };
  for (const entry of entries) (await changeFor(entry.account)).balanceDelta += entry.amount;
  for (const held of heldChanges) (await changeFor(held.ref)).heldDelta += held.delta;
  for (const change of changes.values()) {
    const balance = change.account?.balance ?? 0;
    const held = change.account?.held ?? 0;
    requireWithinBound(change.ref, "balance", balance, balance + change.balanceDelta);
    requireWithinBound(change.ref, "held amount", held, held + change.heldDelta);
  }

  const owners = new Set([...changes.values()].filter((c) => isClientWallet(c.ref.kind)).map((c) => c.ref.ownerId!));
  for (const ownerId of owners) {
    let total = 0;
    let held = 0;
    let walletDelta = 0;
    for (const kind of CLIENT_WALLET_KINDS) {
      const change = changes.get(accountLabel({ kind, ownerId }));
      const account = change?.account ?? (await lookup({ kind, ownerId }));
      const balance = (account?.balance ?? 0) + (change?.balanceDelta ?? 0);
      if (balance < 0) throw appError("INSUFFICIENT_FUNDS", "The wallet balance is too low for this.");
      total += balance;
      held += (account?.held ?? 0) + (change?.heldDelta ?? 0);
      walletDelta += (change?.balanceDelta ?? 0) - (change?.heldDelta ?? 0);
    }
    if (held < 0) throw new Error(`Held amount of ${ownerId} would become negative`);
    if (walletDelta < 0 && total - held < 0) {
      throw appError("INSUFFICIENT_FUNDS", "The wallet balance is too low for this.");
    }
  }
  return [...changes.values()];
}

export async function applyChanges(
  ctx: MutationCtx,
  currency: string,
  changes: readonly AccountChange[],
  now: number,
): Promise<Map<string, Doc<"ledgerAccounts">>> {
  const accounts = new Map<string, Doc<"ledgerAccounts">>();
  for (const change of changes) {
    const account = change.account ?? (await findOrCreateAccount(ctx, change.ref, currency, now));
    const updated = { balance: account.balance + change.balanceDelta, held: account.held + change.heldDelta, updatedAt: now };
    await ctx.db.patch(account._id, updated);
    accounts.set(accountLabel(change.ref), { ...account, ...updated });
  }
  return accounts;
}

export async function postChecked(
  ctx: MutationCtx,
  input: PostInput,
  heldChanges: readonly HeldChange[],
): Promise<Id<"ledgerTransactions">> {
  const changes = await planChanges(ctx, input.currency, input.entries, heldChanges);
  const accounts = await applyChanges(ctx, input.currency, changes, input.now);
  const transactionId = await ctx.db.insert("ledgerTransactions", {
    key: input.key,
    type: input.type,
    description: input.description,
    currency: input.currency,
    amount: input.entries.reduce((sum, e) => sum + Math.max(0, e.amount), 0),
    refs: input.refs,
    reversesId: input.reversesId,
    createdBy: input.createdBy,
    at: input.now,
  });
  for (const entry of input.entries) {
    const account = accounts.get(accountLabel(entry.account))!;
    await ctx.db.insert("ledgerEntries", {
      transactionId,
      accountId: account._id,
      accountKind: account.kind,
      ownerId: account.ownerId,
      currency: input.currency,
      amount: entry.amount,
      historyType: entry.historyType ?? historyTypeFor(input.type, account.kind),
      description: input.description,
      at: input.now,
    });
  }
  // The admin dashboard's figures move in the same transaction as the money (ADR 013).
  await PlatformRollup.recordTransaction(ctx, {
    key: input.key,
    type: input.type,
    currency: input.currency,
    at: input.now,
    entries: input.entries.map((e) => ({ accountKind: e.account.kind, amount: e.amount })),
  });
  return transactionId;
}

/**
 * Posts a balanced transaction once. A second post with the same key returns
 * the first transaction and changes nothing.
 */
export async function post(ctx: MutationCtx, input: PostInput): Promise<PostResult> {
  requireKey(input.key);
  const existing = await findTransactionByKey(ctx, input.key);
  if (existing !== null) return { transactionId: existing._id, duplicate: true };
  validateShape(input);
  return { transactionId: await postChecked(ctx, input, []), duplicate: false };
}

