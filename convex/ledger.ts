/** Admin tools for the ledger: audit, search, a user's wallet, promo credit. */
import { v } from "convex/values";
import { paginationOptsValidator, paginationResultValidator } from "convex/server";
import { adminMutation, adminQuery } from "./functions";
import { appError } from "./errors";
import * as Ledger from "./model/ledger";
import * as Payments from "./model/payments";
import * as Wallets from "./model/wallets";
import { getSettings } from "./model/settings";
import { vAccountKind } from "./model/ledgerSchema";
import { vWalletSummary } from "./wallets";

const vAuditProblem = v.object({
  problem: v.union(
    v.literal("balance_mismatch"),
    v.literal("held_mismatch"),
    v.literal("negative_wallet"),
    v.literal("unbalanced_transaction"),
    v.literal("currency_not_zero"),
  ),
  currency: v.string(),
  accountId: v.optional(v.id("ledgerAccounts")),
  ownerId: v.optional(v.id("users")),
  kind: v.optional(vAccountKind),
  transactionId: v.optional(v.id("ledgerTransactions")),
  expected: v.number(),
  actual: v.number(),
});

/** Checks every ledger invariant now and lists the accounts or transactions that break one. */
export const audit = adminQuery({
  args: {},
  returns: v.object({
    ok: v.boolean(),
    accounts: v.number(),
    transactions: v.number(),
    entries: v.number(),
    totals: v.array(v.object({ currency: v.string(), total: v.number() })),
    problems: v.array(vAuditProblem),
  }),
  handler: async (ctx) => await Ledger.audit(ctx),
});

/** All transactions by type and date, newest first. */
export const searchTransactions = adminQuery({
  args: { paginationOpts: paginationOptsValidator, ...Wallets.vHistoryFilters },
  returns: paginationResultValidator(Wallets.vTransactionRow),
  handler: async (ctx, { paginationOpts, ...filters }) => await Wallets.transactionsPage(ctx, filters, paginationOpts),
});

/** One user's ledger entries (any of their accounts) by type and date, newest first. */
export const userHistory = adminQuery({
  args: { userId: v.id("users"), paginationOpts: paginationOptsValidator, ...Wallets.vHistoryFilters },
  returns: paginationResultValidator(Wallets.vHistoryRow),
  handler: async (ctx, { userId, paginationOpts, ...filters }) =>
    await Wallets.historyPage(ctx, userId, filters, paginationOpts),
});

/** Finds a user by exact email, with their wallet, to search or grant promo credit. */
export const findUser = adminQuery({
  args: { email: v.string() },
  returns: v.union(
    v.null(),
    v.object({
      _id: v.id("users"),
      name: v.string(),
      email: v.string(),
      role: v.string(),
      wallet: vWalletSummary,
    }),
  ),
  handler: async (ctx, { email }) => {
    const byEmail = (value: string) =>
      ctx.db
        .query("users")
        .withIndex("by_email", (q) => q.eq("email", value))
        .first();
    const user = (await byEmail(email.trim())) ?? (await byEmail(email.trim().toLowerCase()));
    if (user === null) return null;
    const { currency } = await getSettings(ctx);
    return {
      _id: user._id,
      name: user.name,
      email: user.email,
      role: user.role,
      wallet: await Ledger.walletBalance(ctx, user._id, currency),
    };
  },
});

/**
 * Grants promo credit (spendable on sessions, never withdrawable) to a
 * client. Audited. `requestId` makes a double submit grant once.
 */
export const grantPromo = adminMutation({
  args: { userId: v.id("users"), amount: v.number(), reason: v.string(), requestId: v.string() },
  returns: v.object({ transactionId: v.id("ledgerTransactions"), duplicate: v.boolean() }),
  handler: async (ctx, args) => {
    if (args.requestId.trim() === "" || args.requestId.length > 100) {
      throw appError("INVALID_ARGUMENT", "A request id of 1 to 100 characters is required.");
    }
    const now = Date.now();
    const { currency } = await getSettings(ctx);
    const before = await Ledger.walletBalance(ctx, args.userId, currency);
    const result = await Payments.grantPromo(ctx, { ...args, adminId: ctx.user._id, now });
    if (!result.duplicate) {
      const after = await Ledger.walletBalance(ctx, args.userId, currency);
      await ctx.db.insert("auditLog", {
        actorId: ctx.user._id,
        action: "ledger.grantPromo",
        targetType: "user",
        targetId: args.userId,
        before: { promo: before.promo },
        after: { promo: after.promo, amount: args.amount, transactionId: result.transactionId },
        reason: args.reason.trim(),
        at: now,
      });
    }
    return result;
  },
});
