/**
 * The ledger's invariants, checked one account at a time (SPEC §2: each
 * balance equals the sum of its entries, each `held` the sum of its active
 * holds, no wallet negative). The batched run in auditRun.ts applies them to
 * a ledger of any size and adds the per-transaction and per-currency sums.
 */
import type { Infer } from "convex/values";
import type { Doc } from "../../_generated/dataModel";
import type { QueryCtx } from "../../_generated/server";
import type { vAuditProblem } from "../ledgerSchema";
import { clientPromo, findAccount, isClientWallet } from "./accounts";

export type AuditProblem = Infer<typeof vAuditProblem>;

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
