/** Read side of the ledger: history pages and search, always through an index. */
import { pick } from "convex-helpers";
import { v, type Infer } from "convex/values";
import type { PaginationOptions, PaginationResult } from "convex/server";
import type { Doc, Id } from "../_generated/dataModel";
import type { QueryCtx } from "../_generated/server";
import { appError } from "../errors";
import { ledgerTables, vHistoryType, type HistoryType } from "./ledgerSchema";

export const vHistoryFilters = {
  type: v.optional(vHistoryType),
  /** Inclusive range of `at` (ms since epoch). */
  from: v.optional(v.number()),
  to: v.optional(v.number()),
};
export type HistoryFilters = { type?: HistoryType; from?: number; to?: number };

const entryFields = ledgerTables.ledgerEntries.validator.fields;

/** One ledger entry as its owner sees it; `amount` is signed: positive adds to the account, negative takes from it. */
export const vHistoryRow = v.object({
  _id: v.id("ledgerEntries"),
  ...pick(entryFields, ["transactionId", "at", "description", "amount", "currency"]),
  type: entryFields.historyType,
  account: entryFields.accountKind,
});
export type HistoryRow = Infer<typeof vHistoryRow>;

function requireRange({ from, to }: HistoryFilters): void {
  if (from !== undefined && to !== undefined && from > to) {
    throw appError("INVALID_ARGUMENT", "The start date must not be after the end date.");
  }
}

function toRow(entry: Doc<"ledgerEntries">): HistoryRow {
  return {
    _id: entry._id,
    transactionId: entry.transactionId,
    at: entry.at,
    type: entry.historyType,
    description: entry.description,
    amount: entry.amount,
    currency: entry.currency,
    account: entry.accountKind,
  };
}

/** A user's ledger entries, newest first, filtered by type and date range inside the index. */
export async function historyPage(
  ctx: QueryCtx,
  ownerId: Id<"users">,
  filters: HistoryFilters,
  paginationOpts: PaginationOptions,
): Promise<PaginationResult<HistoryRow>> {
  requireRange(filters);
  const { type, from, to } = filters;
  const query =
    type === undefined
      ? ctx.db.query("ledgerEntries").withIndex("by_ownerId_and_at", (q) => {
          const owner = q.eq("ownerId", ownerId);
          const lower = from === undefined ? owner : owner.gte("at", from);
          return to === undefined ? lower : lower.lte("at", to);
        })
      : ctx.db.query("ledgerEntries").withIndex("by_ownerId_and_historyType_and_at", (q) => {
          const owner = q.eq("ownerId", ownerId).eq("historyType", type);
          const lower = from === undefined ? owner : owner.gte("at", from);
          return to === undefined ? lower : lower.lte("at", to);
        });
  const result = await query.order("desc").paginate(paginationOpts);
  return { ...result, page: result.page.map(toRow) };
}

export const vTransactionRow = v.object({
  _id: v.id("ledgerTransactions"),
  at: v.number(),
  type: vHistoryType,
  description: v.string(),
  amount: v.number(),
  currency: v.string(),
  key: v.string(),
  createdBy: v.optional(v.id("users")),
  reversesId: v.optional(v.id("ledgerTransactions")),
});
export type TransactionRow = Infer<typeof vTransactionRow>;

/** All transactions, newest first, by type and date range (admin search without a user). */
export async function transactionsPage(
  ctx: QueryCtx,
  filters: HistoryFilters,
  paginationOpts: PaginationOptions,
): Promise<PaginationResult<TransactionRow>> {
  requireRange(filters);
  const { type, from, to } = filters;
  const query =
    type === undefined
      ? ctx.db.query("ledgerTransactions").withIndex("by_at", (q) => {
          const lower = from === undefined ? q : q.gte("at", from);
          return to === undefined ? lower : lower.lte("at", to);
        })
      : ctx.db.query("ledgerTransactions").withIndex("by_type_and_at", (q) => {
          const typed = q.eq("type", type);
          const lower = from === undefined ? typed : typed.gte("at", from);
          return to === undefined ? lower : lower.lte("at", to);
        });
  const result = await query.order("desc").paginate(paginationOpts);
  return {
    ...result,
    page: result.page.map(({ _id, at, type, description, amount, currency, key, createdBy, reversesId }) => ({
      _id,
      at,
      type,
      description,
      amount,
      currency,
      key,
      createdBy,
      reversesId,
    })),
  };
}

export async function activeHolds(ctx: QueryCtx, ownerId: Id<"users">) {
  const holds = await ctx.db
    .query("ledgerHolds")
    .withIndex("by_ownerId_and_status", (q) => q.eq("ownerId", ownerId).eq("status", "active"))
    .take(100);
  return holds.map(({ _id, amount, currency, description, createdAt }) => ({ _id, amount, currency, description, createdAt }));
}

export const vHoldRow = v.object({
  _id: v.id("ledgerHolds"),
  ...pick(ledgerTables.ledgerHolds.validator.fields, ["amount", "currency", "description", "createdAt"]),
});

/** The most top-ups a receipt reads for one session: each is a checkout paid by hand, so a session has a few at most. */
const TOP_UPS_READ_LIMIT = 100;

/**
 * The client's wallet top-ups (money in, type "add") posted after `from` and
 * up to `to`, e.g. during a session: their sum and count. One bounded read
 * through the owner/type/time index.
 */
export async function topUpsBetween(
  ctx: QueryCtx,
  args: { ownerId: Id<"users">; currency: string; from: number; to: number },
): Promise<{ cents: number; count: number }> {
  const entries = await ctx.db
    .query("ledgerEntries")
    .withIndex("by_ownerId_and_historyType_and_at", (q) => q.eq("ownerId", args.ownerId).eq("historyType", "add").gt("at", args.from).lte("at", args.to))
    .take(TOP_UPS_READ_LIMIT);
  const wallet = entries.filter((e) => e.currency === args.currency && (e.accountKind === "client_cash" || e.accountKind === "client_promo"));
  return { cents: wallet.reduce((sum, e) => sum + e.amount, 0), count: wallet.length };
}

