/**
 * The double-entry ledger: the only code that writes ledgerAccounts,
 * ledgerTransactions, ledgerEntries and ledgerHolds.
 *
 * Sign convention: an entry's amount is added to its account's balance, so a
 * client's cash is positive, money that came in from outside makes
 * `external_payments` negative, and every transaction's entries sum to zero.
 *
 * Every function checks everything before its first write, so a refused call
 * changes nothing even when its caller catches the error.
 */
import type { Doc, Id } from "../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../_generated/server";
import { appError } from "../errors";
import { drawInOrder, isCents } from "../../lib/money";
import {
  CLIENT_WALLET_KINDS,
  USER_ACCOUNT_KINDS,
  type AccountKind,
  type HistoryType,
} from "./ledgerSchema";

export type AccountRef = { kind: AccountKind; ownerId?: Id<"users"> };

export const clientCash = (ownerId: Id<"users">): AccountRef => ({ kind: "client_cash", ownerId });
export const clientPromo = (ownerId: Id<"users">): AccountRef => ({ kind: "client_promo", ownerId });
export const advisorPending = (ownerId: Id<"users">): AccountRef => ({ kind: "advisor_pending", ownerId });
export const advisorAvailable = (ownerId: Id<"users">): AccountRef => ({ kind: "advisor_available", ownerId });
export const PLATFORM_REVENUE: AccountRef = { kind: "platform_revenue" };
export const EXTERNAL_PAYMENTS: AccountRef = { kind: "external_payments" };
export const PAYOUTS: AccountRef = { kind: "payouts" };

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

const MAX_KEY_LENGTH = 200;
const MAX_ENTRIES = 20;

/**
 * The largest amount, balance or held total the ledger accepts, in minor units
 * (10^13: $100 billion in cents). Far below 2^53 ≈ 9.007 × 10^15, the limit of
 * exact integers in a JavaScript number: a transaction's MAX_ENTRIES amounts,
 * a balance plus a change, and billing's rate × seconds products on a wallet
 * all stay exact with a margin of about 900×. Nothing legitimate comes near it,
 * so reaching it means bad input, and it is refused before anything is written.
 */
export const MAX_LEDGER_AMOUNT = 10_000_000_000_000;

function isClientWallet(kind: AccountKind): boolean {
  return (CLIENT_WALLET_KINDS as readonly AccountKind[]).includes(kind);
}

/** The history type a party sees for its entry: a client's "deduct" is the advisor's "earning". */
export function historyTypeFor(type: HistoryType, kind: AccountKind): HistoryType {
  if (type === "deduct" && (kind === "advisor_pending" || kind === "advisor_available")) return "earning";
  return type;
}

function accountLabel(ref: AccountRef): string {
  return ref.ownerId === undefined ? ref.kind : `${ref.kind}:${ref.ownerId}`;
}

function requireCurrency(currency: string): void {
  if (!/^[A-Z]{3}$/.test(currency)) throw appError("INVALID_ARGUMENT", `"${currency}" is not a currency code.`);
}

function requirePositiveCents(amount: number, what: string): void {
  if (!isCents(amount) || amount <= 0) {
    throw appError("INVALID_ARGUMENT", `${what} must be a positive whole number of cents.`);
  }
  if (amount > MAX_LEDGER_AMOUNT) {
    throw appError("INVALID_ARGUMENT", `${what} of ${amount} is beyond the ledger's limit of ${MAX_LEDGER_AMOUNT} minor units.`);
  }
}

/**
 * Refuses a new balance or held total beyond MAX_LEDGER_AMOUNT. A change that
 * brings an out-of-bound value back towards zero is allowed, so a bad value
 * written before the bound existed can still be corrected.
 */
function requireWithinBound(ref: AccountRef, what: "balance" | "held amount", before: number, after: number): void {
  if (after === before || Math.abs(after) <= MAX_LEDGER_AMOUNT || Math.abs(after) < Math.abs(before)) return;
  throw appError(
    "INVALID_ARGUMENT",
    `This would take the ${what} of ${accountLabel(ref)} to ${after}, beyond the ledger's limit of ${MAX_LEDGER_AMOUNT} minor units.`,
  );
}

function requireKey(key: string): void {
  if (key.trim() === "" || key.length > MAX_KEY_LENGTH) {
    throw appError("INVALID_ARGUMENT", `An idempotency key of 1 to ${MAX_KEY_LENGTH} characters is required.`);
  }
}

export async function findAccount(
  ctx: QueryCtx,
  ref: AccountRef,
  currency: string,
): Promise<Doc<"ledgerAccounts"> | null> {
  return await ctx.db
    .query("ledgerAccounts")
    .withIndex("by_ownerId_and_kind_and_currency", (q) =>
      q.eq("ownerId", ref.ownerId).eq("kind", ref.kind).eq("currency", currency),
    )
    .unique();
}

async function findOrCreateAccount(
  ctx: MutationCtx,
  ref: AccountRef,
  currency: string,
  now: number,
): Promise<Doc<"ledgerAccounts">> {
  const found = await findAccount(ctx, ref, currency);
  if (found !== null) return found;
  const id = await ctx.db.insert("ledgerAccounts", {
    ownerId: ref.ownerId,
    kind: ref.kind,
    currency,
    balance: 0,
    held: 0,
    updatedAt: now,
  });
  return (await ctx.db.get(id))!;
}

export type WalletBalance = {
  currency: string;
  cash: number;
  promo: number;
  /** cash + promo */
  posted: number;
  held: number;
  /** posted − held: what can be spent or held now. */
  available: number;
};

/** A client wallet's two accounts as read, with their balance: lets a hot path read them once and hand them to `resizeHold`. */
export type Wallet = {
  ownerId: Id<"users">;
  cash: Doc<"ledgerAccounts"> | null;
  promo: Doc<"ledgerAccounts"> | null;
  balance: WalletBalance;
};

/**
 * Reads both wallet accounts with one index range: "client_cash" and
 * "client_promo" are adjacent kinds in the index's string order, so the range
 * holds exactly the owner's wallet accounts, one pair per currency.
 */
export async function loadWallet(ctx: QueryCtx, ownerId: Id<"users">, currency: string): Promise<Wallet> {
  const accounts = await ctx.db
    .query("ledgerAccounts")
    .withIndex("by_ownerId_and_kind_and_currency", (q) =>
      q.eq("ownerId", ownerId).gte("kind", "client_cash").lte("kind", "client_promo"),
    )
    .collect();
  const only = (kind: AccountKind) => {
    const found = accounts.filter((a) => a.kind === kind && a.currency === currency);
    if (found.length > 1) throw new Error(`Several ${kind} accounts of ${ownerId} in ${currency}`);
    return found[0] ?? null;
  };
  const cash = only("client_cash");
  const promo = only("client_promo");
  const posted = (cash?.balance ?? 0) + (promo?.balance ?? 0);
  const held = cash?.held ?? 0;
  const balance = { currency, cash: cash?.balance ?? 0, promo: promo?.balance ?? 0, posted, held, available: posted - held };
  return { ownerId, cash, promo, balance };
}

export async function walletBalance(ctx: QueryCtx, ownerId: Id<"users">, currency: string): Promise<WalletBalance> {
  return (await loadWallet(ctx, ownerId, currency)).balance;
}

/** Accounts already read in this transaction, by label, so planning does not read them again. */
type KnownAccounts = ReadonlyMap<string, Doc<"ledgerAccounts"> | null>;

function walletAccounts(wallet: Wallet): KnownAccounts {
  return new Map([
    [accountLabel(clientCash(wallet.ownerId)), wallet.cash],
    [accountLabel(clientPromo(wallet.ownerId)), wallet.promo],
  ]);
}

export async function findTransactionByKey(ctx: QueryCtx, key: string): Promise<Doc<"ledgerTransactions"> | null> {
  return await ctx.db
    .query("ledgerTransactions")
    .withIndex("by_key", (q) => q.eq("key", key))
    .unique();
}

/** Change of one account's materialized totals within a transaction. */
type AccountChange = { ref: AccountRef; account: Doc<"ledgerAccounts"> | null; balanceDelta: number; heldDelta: number };

function validateShape(input: PostInput): void {
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
async function planChanges(
  ctx: QueryCtx,
  currency: string,
  entries: readonly EntryInput[],
  heldChanges: readonly { ref: AccountRef; delta: number }[],
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

async function applyChanges(
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

async function postChecked(
  ctx: MutationCtx,
  input: PostInput,
  heldChanges: readonly { ref: AccountRef; delta: number }[],
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

/** Corrects a transaction by posting its exact opposite (entries are never edited). */
export async function reverse(
  ctx: MutationCtx,
  args: { transactionId: Id<"ledgerTransactions">; key: string; description: string; createdBy?: Id<"users">; now: number },
): Promise<PostResult> {
  requireKey(args.key);
  const existing = await findTransactionByKey(ctx, args.key);
  if (existing !== null) return { transactionId: existing._id, duplicate: true };
  const original = await ctx.db.get(args.transactionId);
  if (original === null) throw appError("NOT_FOUND", "That transaction does not exist.");
  const already = await ctx.db
    .query("ledgerTransactions")
    .withIndex("by_reversesId", (q) => q.eq("reversesId", original._id))
    .first();
  if (already !== null) throw appError("CONFLICT", "That transaction has already been reversed or refunded.");
  const entries = await ctx.db
    .query("ledgerEntries")
    .withIndex("by_transactionId", (q) => q.eq("transactionId", original._id))
    .collect();
  return await post(ctx, {
    key: args.key,
    type: "adjustment",
    description: args.description,
    currency: original.currency,
    entries: entries.map((e) => ({ account: { kind: e.accountKind, ownerId: e.ownerId }, amount: -e.amount })),
    refs: original.refs,
    reversesId: original._id,
    createdBy: args.createdBy,
    now: args.now,
  });
}

/** round(numerator / denominator) half up, exact for non-negative integers. */
function divideHalfUp(numerator: bigint, denominator: bigint): number {
  return Number((2n * numerator + denominator) / (2n * denominator));
}

/**
 * Refunds part or all of a charge (a "deduct" transaction such as a session
 * settlement): the client gets `amount` back into the accounts it paid from
 * (promo stays promo), and the advisor's earning and the platform fee are
 * taken back in proportion. The advisor's pending earnings are used first;
 * what they lack comes from available earnings, which may go negative and is
 * recovered from future earnings. Several partial refunds never return more
 * than the charge, and together they return exactly the original split.
 */
export async function refundCharge(
  ctx: MutationCtx,
  args: {
    transactionId: Id<"ledgerTransactions">;
    amount: number;
    key: string;
    description: string;
    createdBy?: Id<"users">;
    now: number;
  },
): Promise<PostResult> {
  requireKey(args.key);
  const existing = await findTransactionByKey(ctx, args.key);
  if (existing !== null) return { transactionId: existing._id, duplicate: true };
  requirePositiveCents(args.amount, "A refund");
  const original = await ctx.db.get(args.transactionId);
  if (original === null) throw appError("NOT_FOUND", "That transaction does not exist.");
  if (original.type !== "deduct") throw appError("INVALID_ARGUMENT", "Only a charge can be refunded.");
  const earlier = await ctx.db
    .query("ledgerTransactions")
    .withIndex("by_reversesId", (q) => q.eq("reversesId", original._id))
    .collect();
  if (earlier.some((t) => t.type !== "refund")) throw appError("CONFLICT", "That charge has already been reversed.");
  const refundedBefore = earlier.reduce((sum, t) => sum + t.amount, 0);
  const charge = original.amount;
  if (refundedBefore + args.amount > charge) {
    throw appError("INVALID_ARGUMENT", `At most ${charge - refundedBefore} of this charge can still be refunded.`);
  }

  const entries = await ctx.db
    .query("ledgerEntries")
    .withIndex("by_transactionId", (q) => q.eq("transactionId", original._id))
    .collect();
  const paidFrom = (kind: AccountKind) => -entries.filter((e) => e.accountKind === kind).reduce((sum, e) => sum + e.amount, 0);
  const clientId = entries.find((e) => isClientWallet(e.accountKind))?.ownerId;
  const advisorEntry = entries.find((e) => e.accountKind === "advisor_pending" || e.accountKind === "advisor_available");
  const fee = entries.filter((e) => e.accountKind === "platform_revenue").reduce((sum, e) => sum + e.amount, 0);
  if (clientId === undefined) throw appError("INVALID_ARGUMENT", "That charge was not paid from a client wallet.");

  // Proportional shares of the cumulative refund, minus what earlier refunds already returned.
  const share = (part: number, round: "down" | "halfUp") => {
    const upTo = (refunded: number) =>
      round === "down"
        ? Number((BigInt(part) * BigInt(refunded)) / BigInt(charge))
        : divideHalfUp(BigInt(part) * BigInt(refunded), BigInt(charge));
    return upTo(refundedBefore + args.amount) - upTo(refundedBefore);
  };
  const toPromo = share(paidFrom("client_promo"), "down");
  const toCash = args.amount - toPromo;
  const feeBack = share(fee, "halfUp");
  const earningBack = args.amount - feeBack;

  const advisorDebits: EntryInput[] = [];
  if (earningBack > 0) {
    if (advisorEntry?.ownerId === undefined) throw new Error(`Charge ${original._id} has no advisor entry to refund from`);
    const pending = (await findAccount(ctx, advisorPending(advisorEntry.ownerId), original.currency))?.balance ?? 0;
    const [fromPending, fromAvailable] = drawInOrder(earningBack, [Math.max(0, pending), Number.MAX_SAFE_INTEGER]);
    advisorDebits.push(
      { account: advisorPending(advisorEntry.ownerId), amount: -fromPending },
      { account: advisorAvailable(advisorEntry.ownerId), amount: -fromAvailable },
    );
  }
  return await post(ctx, {
    key: args.key,
    type: "refund",
    description: args.description,
    currency: original.currency,
    entries: [
      { account: clientPromo(clientId), amount: toPromo },
      { account: clientCash(clientId), amount: toCash },
      ...advisorDebits,
      { account: PLATFORM_REVENUE, amount: -feeBack },
    ].filter((e) => e.amount !== 0),
    refs: original.refs,
    reversesId: original._id,
    createdBy: args.createdBy,
    now: args.now,
  });
}

// ---------------------------------------------------------------- holds

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
 * Sets how much an active hold keeps (a live session's running charge grows).
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
  requirePositiveCents(args.amount, "A hold amount");
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

// ---------------------------------------------------------------- audit

export type AuditProblem = {
  problem: "balance_mismatch" | "held_mismatch" | "negative_wallet" | "unbalanced_transaction" | "currency_not_zero";
  currency: string;
  accountId?: Id<"ledgerAccounts">;
  ownerId?: Id<"users">;
  kind?: AccountKind;
  transactionId?: Id<"ledgerTransactions">;
  expected: number;
  actual: number;
};

export type AuditReport = {
  ok: boolean;
  accounts: number;
  transactions: number;
  entries: number;
  totals: { currency: string; total: number }[];
  problems: AuditProblem[];
};

/**
 * Checks the ledger's invariants from scratch: each transaction sums to zero,
 * each balance equals the sum of its entries and each `held` the sum of its
 * active holds, all balances of a currency sum to zero, no client wallet is
 * negative (counting holds). Reads the whole ledger: an admin tool, not a hot path.
 */
/**
 * The checks on one account, given the sum of its entries: balance and held
 * match, and a client wallet (read together with its sibling account, so the
 * pair is consistent) is not below zero, holds included.
 */
export async function accountProblems(ctx: QueryCtx, account: Doc<"ledgerAccounts">, entrySum: number): Promise<AuditProblem[]> {
  const problems: AuditProblem[] = [];
  const holds = await ctx.db
    .query("ledgerHolds")
    .withIndex("by_accountId_and_status", (q) => q.eq("accountId", account._id).eq("status", "active"))
    .collect();
  const held = holds.reduce((s, h) => s + h.amount, 0);
  const base = { currency: account.currency, accountId: account._id, ownerId: account.ownerId, kind: account.kind };
  if (entrySum !== account.balance) problems.push({ ...base, problem: "balance_mismatch", expected: entrySum, actual: account.balance });
  if (held !== account.held) problems.push({ ...base, problem: "held_mismatch", expected: held, actual: account.held });
  if (isClientWallet(account.kind) && account.balance < 0) {
    problems.push({ ...base, problem: "negative_wallet", expected: 0, actual: account.balance });
  }
  // The wallet as a whole is checked once, from its cash account (which carries the holds).
  if (account.kind === "client_cash") {
    const promo = await findAccount(ctx, clientPromo(account.ownerId!), account.currency);
    const spendable = account.balance + (promo?.balance ?? 0) - account.held;
    if (spendable < 0) {
      problems.push({ problem: "negative_wallet", currency: account.currency, ownerId: account.ownerId, expected: 0, actual: spendable });
    }
  }
  return problems;
}

export async function audit(ctx: QueryCtx): Promise<AuditReport> {
  const problems: AuditProblem[] = [];
  const accounts = await ctx.db.query("ledgerAccounts").collect();
  const totals = new Map<string, number>();
  const transactionSums = new Map<Id<"ledgerTransactions">, { currency: string; sum: number }>();
  let entryCount = 0;

  for (const account of accounts) {
    const entries = await ctx.db
      .query("ledgerEntries")
      .withIndex("by_accountId_and_at", (q) => q.eq("accountId", account._id))
      .collect();
    entryCount += entries.length;
    for (const e of entries) {
      const t = transactionSums.get(e.transactionId) ?? { currency: e.currency, sum: 0 };
      t.sum += e.amount;
      transactionSums.set(e.transactionId, t);
    }
    problems.push(...(await accountProblems(ctx, account, entries.reduce((s, e) => s + e.amount, 0))));
    totals.set(account.currency, (totals.get(account.currency) ?? 0) + account.balance);
  }
  for (const [transactionId, { currency, sum }] of transactionSums) {
    if (sum !== 0) problems.push({ problem: "unbalanced_transaction", currency, transactionId, expected: 0, actual: sum });
  }
  for (const [currency, total] of totals) {
    if (total !== 0) problems.push({ problem: "currency_not_zero", currency, expected: 0, actual: total });
  }
  return {
    ok: problems.length === 0,
    accounts: accounts.length,
    transactions: transactionSums.size,
    entries: entryCount,
    totals: [...totals].map(([currency, total]) => ({ currency, total })),
    problems,
  };
}
