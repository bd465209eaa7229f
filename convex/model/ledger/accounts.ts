/**
 * Ledger accounts: how an account is named, found and created, and the rules
 * every amount, key and currency the ledger accepts must follow.
 *
 * Sign convention: an entry's amount is added to its account's balance, so a
 * client's cash is positive, money that came in from outside makes
 * `external_payments` negative, and every transaction's entries sum to zero.
 */
import type { Doc, Id } from "../../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../../_generated/server";
import { appError } from "../../errors";
import { isCents } from "../../../lib/money";
import { CLIENT_WALLET_KINDS, type AccountKind, type HistoryType } from "../ledgerSchema";

export type AccountRef = { kind: AccountKind; ownerId?: Id<"users"> };

export const clientCash = (ownerId: Id<"users">): AccountRef => ({ kind: "client_cash", ownerId });
export const clientPromo = (ownerId: Id<"users">): AccountRef => ({ kind: "client_promo", ownerId });
/** Cash a client asked back, out of the wallet until refunded to their payments or returned (model/balanceRefunds.ts). */
export const clientRefunding = (ownerId: Id<"users">): AccountRef => ({ kind: "client_refunding", ownerId });
export const advisorPending = (ownerId: Id<"users">): AccountRef => ({ kind: "advisor_pending", ownerId });
export const advisorAvailable = (ownerId: Id<"users">): AccountRef => ({ kind: "advisor_available", ownerId });
/** Withdrawals requested and not yet paid or rejected: held out of available (model/withdrawals.ts). */
export const advisorWithdrawing = (ownerId: Id<"users">): AccountRef => ({ kind: "advisor_withdrawing", ownerId });
export const PLATFORM_REVENUE: AccountRef = { kind: "platform_revenue" };
export const EXTERNAL_PAYMENTS: AccountRef = { kind: "external_payments" };
export const PAYOUTS: AccountRef = { kind: "payouts" };

const MAX_KEY_LENGTH = 200;

/**
 * The largest amount, balance or held total the ledger accepts, in minor units
 * (10^13: $100 billion in cents). Far below 2^53 ≈ 9.007 × 10^15, the limit of
 * exact integers in a JavaScript number: a transaction's MAX_ENTRIES amounts,
 * a balance plus a change, and billing's rate × seconds products on a wallet
 * all stay exact with a margin of about 900×. Nothing legitimate comes near it,
 * so reaching it means bad input, and it is refused before anything is written.
 */
export const MAX_LEDGER_AMOUNT = 10_000_000_000_000;

export function isClientWallet(kind: AccountKind): boolean {
  return (CLIENT_WALLET_KINDS as readonly AccountKind[]).includes(kind);
}

/** The history type a party sees for its entry: a client's "deduct" is the advisor's "earning". */
export function historyTypeFor(type: HistoryType, kind: AccountKind): HistoryType {
  if (type === "deduct" && (kind === "advisor_pending" || kind === "advisor_available")) return "earning";
  return type;
}

export function accountLabel(ref: AccountRef): string {
  return ref.ownerId === undefined ? ref.kind : `${ref.kind}:${ref.ownerId}`;
}

export function requireCurrency(currency: string): void {
  if (!/^[A-Z]{3}$/.test(currency)) throw appError("INVALID_ARGUMENT", `"${currency}" is not a currency code.`);
}

export function requirePositiveCents(amount: number, what: string): void {
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
export function requireWithinBound(ref: AccountRef, what: "balance" | "held amount", before: number, after: number): void {
  if (after === before || Math.abs(after) <= MAX_LEDGER_AMOUNT || Math.abs(after) < Math.abs(before)) return;
  throw appError(
    "INVALID_ARGUMENT",
    `This would take the ${what} of ${accountLabel(ref)} to ${after}, beyond the ledger's limit of ${MAX_LEDGER_AMOUNT} minor units.`,
  );
}

export function requireKey(key: string): void {
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

export async function findOrCreateAccount(
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

/** Accounts already read in this transaction, by label, so planning does not read them again. */
export type KnownAccounts = ReadonlyMap<string, Doc<"ledgerAccounts"> | null>;
