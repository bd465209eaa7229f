/** Admin tools for the ledger: audit runs, search, a user's wallet, promo credit. */
import { v } from "convex/values";
import { paginationOptsValidator, paginationResultValidator } from "convex/server";
import { internal } from "./_generated/api";
import { adminMutation, adminQuery, internalMutation } from "./functions";
import { appError } from "./errors";
import * as Ledger from "./model/ledger";
import * as Payments from "./model/payments";
import * as RollupCheck from "./model/platformRollupCheck";
import { vRollupDifference } from "./model/platformRollupSchema";
import * as Wallets from "./model/wallets";
import { getSettings } from "./model/settings";
import { vAuditProblem } from "./model/ledgerSchema";
import { vWalletSummary } from "./wallets";
import { MAX_EMAIL_LENGTH } from "./validators";

const vAuditRun = v.object({
  _id: v.id("ledgerAuditRuns"),
  status: v.union(v.literal("running"), v.literal("done")),
  ok: v.boolean(),
  startedAt: v.number(),
  finishedAt: v.optional(v.number()),
  accounts: v.number(),
  transactions: v.number(),
  entries: v.number(),
  checkouts: v.number(),
  sessions: v.number(),
  totals: v.array(v.object({ currency: v.string(), total: v.number() })),
  problemCount: v.number(),
  problems: v.array(vAuditProblem),
  /** The platform rollups recomputed from the ledger beside the run (ADR 013); null for runs from before. */
  rollups: v.union(
    v.null(),
    v.object({
      done: v.boolean(),
      hoursCompared: v.number(),
      differenceCount: v.number(),
      differences: v.array(vRollupDifference),
    }),
  ),
});

/**
 * Starts a full audit of the ledger (in batches, see model/ledger/auditRun.ts), or
 * returns the run already in progress. Watch it with `latestAudit`.
 */
export const startAudit = adminMutation({
  args: {},
  returns: v.id("ledgerAuditRuns"),
  handler: async (ctx) => {
    const now = Date.now();
    const { runId, started } = await Ledger.AuditRun.startRun(ctx, { startedBy: ctx.user._id, now });
    if (started) {
      await ctx.scheduler.runAfter(0, internal.ledger.auditStep, { runId });
      const checkId = await RollupCheck.startCheck(ctx, { now, fix: false, auditRunId: runId });
      await ctx.scheduler.runAfter(0, internal.platformRollups.checkStep, { checkId });
    }
    return runId;
  },
});

export const auditStep = internalMutation({
  args: { runId: v.id("ledgerAuditRuns") },
  returns: v.null(),
  handler: async (ctx, { runId }) => {
    if (await Ledger.AuditRun.step(ctx, runId, Date.now())) await ctx.scheduler.runAfter(0, internal.ledger.auditStep, { runId });
    return null;
  },
});

/** The newest audit run with its findings; live while it runs. */
export const latestAudit = adminQuery({
  args: {},
  returns: v.union(v.null(), vAuditRun),
  handler: async (ctx) => {
    const run = await Ledger.AuditRun.latestRun(ctx);
    if (run === null) return null;
    const { _id, status, startedAt, finishedAt, accounts, transactions, entries, checkouts, sessions, totals, problemCount, problems } = run;
    const check = await RollupCheck.checkOfAuditRun(ctx, _id);
    const rollups =
      check === null
        ? null
        : { done: check.phase === "done", hoursCompared: check.hoursCompared, differenceCount: check.differenceCount, differences: check.differences };
    return {
      _id,
      status,
      ok: status === "done" && problemCount === 0 && (rollups === null || (rollups.done && rollups.differenceCount === 0)),
      rollups,
      startedAt,
      finishedAt,
      accounts,
      transactions,
      entries,
      checkouts: checkouts ?? 0,
      sessions: sessions ?? 0,
      totals,
      problemCount,
      problems,
    };
  },
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
    if (email.length > MAX_EMAIL_LENGTH) throw appError("INVALID_ARGUMENT", `An email address has at most ${MAX_EMAIL_LENGTH} characters.`);
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
 * client, within the promoGrantMin…promoGrantMax setting. Audited (model/payments.ts).
 * `requestId` makes a double submit grant once; reusing it for another user
 * or amount is a CONFLICT.
 */
export const grantPromo = adminMutation({
  args: { userId: v.id("users"), amount: v.number(), reason: v.string(), requestId: v.string() },
  returns: v.object({ transactionId: v.id("ledgerTransactions"), duplicate: v.boolean() }),
  handler: async (ctx, args) => await Payments.grantPromo(ctx, { ...args, adminId: ctx.user._id, now: Date.now() }),
});
