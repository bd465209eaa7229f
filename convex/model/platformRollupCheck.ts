/**
 * Recomputes the platform rollups (ADR 013) from their sources, in bounded
 * steps, and reports every hour and figure that differs: money figures from
 * the ledger's transactions and entries (the same classification the posting
 * path uses), session counts from the ended sessions. With `fix` it rewrites
 * the rows to the recomputed values. Only hours before the one the check
 * started in are compared: later postings may still change that one.
 *
 * Steps: "transactions" (a page of transactions before the cutoff, summed
 * into scratch rows), "sessions" (a page of sessions ended before it),
 * "compareRows" (a page of rollup rows against the scratch), "compareSums"
 * (a page of scratch rows without a rollup row), "cleanup" (scratch deleted).
 * One `.paginate()` per step, as Convex allows.
 */
import type { Doc, Id } from "../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../_generated/server";
import {
  FIGURE_FIELDS,
  ZERO_FIGURES,
  addFigures,
  hourOf,
  moneyFiguresOf,
  sessionFiguresOf,
  type HourFigures,
} from "../../lib/admin/platformFigures";
import { findHour, pickFigures } from "./platformRollup";

export const CHECK_LIMITS = { transactionsPerStep: 200, sessionsPerStep: 500, rowsPerStep: 500 };
export type CheckLimits = typeof CHECK_LIMITS;
const STORED_DIFFERENCES = 100;

type Check = Doc<"platformRollupChecks">;
type Difference = Check["differences"][number];

export async function startCheck(
  ctx: MutationCtx,
  args: { now: number; fix: boolean; auditRunId?: Id<"ledgerAuditRuns"> },
): Promise<Id<"platformRollupChecks">> {
  return await ctx.db.insert("platformRollupChecks", {
    startedAt: args.now,
    cutoffHour: hourOf(args.now),
    fix: args.fix,
    auditRunId: args.auditRunId,
    phase: "transactions",
    cursor: null,
    transactions: 0,
    sessions: 0,
    hoursCompared: 0,
    differenceCount: 0,
    differences: [],
  });
}

export async function checkOfAuditRun(ctx: QueryCtx, auditRunId: Id<"ledgerAuditRuns">): Promise<Check | null> {
  return await ctx.db
    .query("platformRollupChecks")
    .withIndex("by_auditRunId", (q) => q.eq("auditRunId", auditRunId))
    .first();
}

async function findSum(ctx: QueryCtx, checkId: Id<"platformRollupChecks">, currency: string, hour: number) {
  return await ctx.db
    .query("platformRollupCheckSums")
    .withIndex("by_checkId_and_currency_and_hour", (q) => q.eq("checkId", checkId).eq("currency", currency).eq("hour", hour))
    .unique();
}

/** Adds a step's recomputed figures, gathered per hour in memory first, to the scratch rows. */
async function addToSums(ctx: MutationCtx, checkId: Id<"platformRollupChecks">, found: Map<string, { currency: string; hour: number; figures: HourFigures }>) {
  for (const { currency, hour, figures } of found.values()) {
    const row = await findSum(ctx, checkId, currency, hour);
    if (row === null) await ctx.db.insert("platformRollupCheckSums", { checkId, currency, hour, ...figures });
    else await ctx.db.patch(row._id, addFigures(pickFigures(row), figures));
  }
}

function gather(found: Map<string, { currency: string; hour: number; figures: HourFigures }>, currency: string, at: number, add: Partial<HourFigures>) {
  const hour = hourOf(at);
  const key = `${currency}:${hour}`;
  const current = found.get(key) ?? { currency, hour, figures: { ...ZERO_FIGURES } };
  found.set(key, { ...current, figures: addFigures(current.figures, add) });
}

function differencesOf(currency: string, hour: number, expected: HourFigures, actual: HourFigures): Difference[] {
  return FIGURE_FIELDS.filter((f) => expected[f] !== actual[f]).map((field) => ({ currency, hour, field, expected: expected[field], actual: actual[field] }));
}

/** Does one bounded step of a check. Returns true while there is more to do. */
export async function checkStep(ctx: MutationCtx, checkId: Id<"platformRollupChecks">, now: number, limits: CheckLimits = CHECK_LIMITS): Promise<boolean> {
  const stored = await ctx.db.get(checkId);
  if (stored === null || stored.phase === "done") return false;
  const check: Check = { ...stored };
  const found = new Map<string, { currency: string; hour: number; figures: HourFigures }>();
  const differences: Difference[] = [];
  const next = (phase: Check["phase"]) => Object.assign(check, { phase, cursor: null });

  if (check.phase === "transactions") {
    const page = await ctx.db
      .query("ledgerTransactions")
      .withIndex("by_at", (q) => q.lt("at", check.cutoffHour))
      .paginate({ numItems: limits.transactionsPerStep, cursor: check.cursor });
    for (const tx of page.page) {
      const entries = await ctx.db
        .query("ledgerEntries")
        .withIndex("by_transactionId", (q) => q.eq("transactionId", tx._id))
        .collect();
      const figures = moneyFiguresOf({ key: tx.key, type: tx.type, entries });
      if (figures !== null) gather(found, tx.currency, tx.at, figures);
    }
    await addToSums(ctx, checkId, found);
    check.transactions += page.page.length;
    if (page.isDone) next("sessions");
    else check.cursor = page.continueCursor;
  } else if (check.phase === "sessions") {
    const page = await ctx.db
      .query("sessions")
      .withIndex("by_status_and_endedAt", (q) => q.eq("status", "ended").lt("endedAt", check.cutoffHour))
      .paginate({ numItems: limits.sessionsPerStep, cursor: check.cursor });
    for (const session of page.page) {
      if (session.endedAt !== undefined) gather(found, session.currency, session.endedAt, sessionFiguresOf(session.billedSeconds));
    }
    await addToSums(ctx, checkId, found);
    check.sessions += page.page.length;
    if (page.isDone) next("compareRows");
    else check.cursor = page.continueCursor;
  } else if (check.phase === "compareRows") {
    // Every rollup row before the cutoff against its recomputation (none: all zero).
    const page = await ctx.db.query("platformRollupHours").paginate({ numItems: limits.rowsPerStep, cursor: check.cursor });
    for (const row of page.page) {
      if (row.hour >= check.cutoffHour) continue;
      const sum = await findSum(ctx, checkId, row.currency, row.hour);
      const expected = sum === null ? { ...ZERO_FIGURES } : pickFigures(sum);
      const differ = differencesOf(row.currency, row.hour, expected, pickFigures(row));
      differences.push(...differ);
      check.hoursCompared += 1;
      if (check.fix && differ.length > 0) await ctx.db.patch(row._id, expected);
    }
    if (page.isDone) next("compareSums");
    else check.cursor = page.continueCursor;
  } else if (check.phase === "compareSums") {
    // Recomputed hours that have no rollup row at all.
    const page = await ctx.db
      .query("platformRollupCheckSums")
      .withIndex("by_checkId_and_currency_and_hour", (q) => q.eq("checkId", checkId))
      .paginate({ numItems: limits.rowsPerStep, cursor: check.cursor });
    for (const sum of page.page) {
      if ((await findHour(ctx, sum.currency, sum.hour)) !== null) continue;
      const expected = pickFigures(sum);
      differences.push(...differencesOf(sum.currency, sum.hour, expected, { ...ZERO_FIGURES }));
      check.hoursCompared += 1;
      if (check.fix) await ctx.db.insert("platformRollupHours", { currency: sum.currency, hour: sum.hour, ...expected });
    }
    if (page.isDone) next("cleanup");
    else check.cursor = page.continueCursor;
  } else if (check.phase === "cleanup") {
    const rows = await ctx.db
      .query("platformRollupCheckSums")
      .withIndex("by_checkId_and_currency_and_hour", (q) => q.eq("checkId", checkId))
      .take(limits.rowsPerStep);
    for (const row of rows) await ctx.db.delete(row._id);
    if (rows.length < limits.rowsPerStep) Object.assign(check, { phase: "done", cursor: null, finishedAt: now });
  }

  check.differenceCount += differences.length;
  check.differences = [...check.differences, ...differences].slice(0, STORED_DIFFERENCES);
  const { _id, _creationTime, ...fields } = check;
  void _creationTime; // a system field: not part of what is written
  await ctx.db.replace(_id, fields);
  return check.phase !== "done";
}
