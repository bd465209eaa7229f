/**
 * The ledger audit for a ledger of any size: a run that checks a bounded
 * slice per mutation and schedules the next slice, storing its progress and
 * findings in `ledgerAuditRuns` (which admins watch live).
 *
 * Phase "accounts": every account's entries are summed (small accounts in
 * one read, large ones page by page across steps) and checked with
 * accountProblems (audit.ts). Phase "transactions": every transaction's entries
 * must sum to zero, its key be unique and a top-up credit be its checkout's
 * one (auditRecords.ts). Per-currency totals only count entries posted before
 * the run started, so postings during the run cannot unbalance them.
 * Phase "checkouts": each checkout against its credit. Phase "sessions": each
 * ended session against its own timeline (small timelines in one read, long
 * ones page by page across steps, like accounts).
 *
 * Convex allows one `.paginate()` per function run, so each step uses at most one.
 */
import type { Doc, Id } from "../../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../../_generated/server";
import { accountProblems, type AuditProblem } from "./audit";
import { TIMELINE_START, checkoutProblems, foldTimeline, sessionProblems, transactionRecordProblems, type TimelineState } from "./auditRecords";

export const STEP_LIMITS = {
  accountsPerPage: 100,
  /** Entries read per step, across the small accounts it checks. */
  entryBudget: 2000,
  /** Entries per step of an account too large for one step. */
  entriesPerPage: 1000,
  transactionsPerStep: 200,
  checkoutsPerStep: 200,
  sessionsPerPage: 100,
  /** Session events read per step, across the small timelines it checks. */
  eventBudget: 2000,
  /** Events per step of a timeline too long for one step. */
  eventsPerPage: 1000,
};
/** The limits of the checks on records are optional: absent ones take STEP_LIMITS. */
export type StepLimits = Pick<typeof STEP_LIMITS, "accountsPerPage" | "entryBudget" | "entriesPerPage" | "transactionsPerStep"> &
  Partial<typeof STEP_LIMITS>;
const STORED_PROBLEMS = 100;
/** A run that has not finished after this long is considered dead and a new one may start. */
const STALE_RUN_MS = 30 * 60 * 1000;

type Run = Doc<"ledgerAuditRuns">;

export async function latestRun(ctx: QueryCtx): Promise<Run | null> {
  return await ctx.db.query("ledgerAuditRuns").withIndex("by_startedAt").order("desc").first();
}

/** Starts a run, or returns the one already running. The caller schedules the first step. */
export async function startRun(
  ctx: MutationCtx,
  args: { startedBy?: Id<"users">; now: number },
): Promise<{ runId: Id<"ledgerAuditRuns">; started: boolean }> {
  const latest = await latestRun(ctx);
  if (latest !== null && latest.status === "running" && args.now - latest.startedAt < STALE_RUN_MS) {
    return { runId: latest._id, started: false };
  }
  const runId = await ctx.db.insert("ledgerAuditRuns", {
    status: "running",
    startedAt: args.now,
    startedBy: args.startedBy,
    phase: "accounts",
    accountCursor: null,
    accountsExhausted: false,
    queue: [],
    current: null,
    transactionCursor: null,
    checkoutCursor: null,
    sessionCursor: null,
    sessionsExhausted: false,
    sessionQueue: [],
    currentSession: null,
    totals: [],
    accounts: 0,
    entries: 0,
    transactions: 0,
    checkouts: 0,
    sessions: 0,
    problemCount: 0,
    problems: [],
  });
  return { runId, started: true };
}

function addProblems(run: Run, found: AuditProblem[]): Partial<Run> {
  return {
    problemCount: run.problemCount + found.length,
    problems: [...run.problems, ...found].slice(0, STORED_PROBLEMS),
  };
}

function addTotal(totals: Run["totals"], currency: string, amount: number): Run["totals"] {
  const found = totals.some((t) => t.currency === currency);
  return found
    ? totals.map((t) => (t.currency === currency ? { currency, total: t.total + amount } : t))
    : [...totals, { currency, total: amount }];
}

function sums(entries: Doc<"ledgerEntries">[], startedAt: number) {
  return {
    sum: entries.reduce((s, e) => s + e.amount, 0),
    sumAtStart: entries.filter((e) => e.at <= startedAt).reduce((s, e) => s + e.amount, 0),
  };
}

async function finishAccount(ctx: MutationCtx, run: Run, accountId: Id<"ledgerAccounts">, sum: number, sumAtStart: number, entryCount: number) {
  const account = await ctx.db.get(accountId);
  Object.assign(run, { entries: run.entries + entryCount });
  if (account === null) return;
  Object.assign(run, addProblems(run, await accountProblems(ctx, account, sum)), {
    accounts: run.accounts + 1,
    totals: addTotal(run.totals, account.currency, sumAtStart),
  });
}

async function finishSession(ctx: MutationCtx, run: Run, sessionId: Id<"sessions">, timeline: TimelineState) {
  const session = await ctx.db.get(sessionId);
  if (session === null) return;
  Object.assign(run, addProblems(run, await sessionProblems(ctx, session, timeline)), { sessions: (run.sessions ?? 0) + 1 });
}

/** One slice of phase "sessions"; the same shape as phase "accounts". */
async function sessionsStep(ctx: MutationCtx, run: Run, limits: typeof STEP_LIMITS, now: number) {
  if (run.currentSession) {
    // A long timeline: one page of its events per step.
    const { sessionId, eventCursor, ...timeline } = run.currentSession;
    const session = await ctx.db.get(sessionId);
    const page = await ctx.db
      .query("sessionEvents")
      .withIndex("by_sessionId_and_at", (q) => q.eq("sessionId", sessionId))
      .paginate({ numItems: limits.eventsPerPage, cursor: eventCursor });
    const folded = session === null ? timeline : foldTimeline(timeline, session.kind, page.page);
    if (page.isDone || session === null) {
      run.currentSession = null;
      await finishSession(ctx, run, sessionId, folded);
    } else {
      run.currentSession = { sessionId, eventCursor: page.continueCursor, ...folded };
    }
  } else {
    let queue = run.sessionQueue ?? [];
    if (queue.length === 0 && run.sessionsExhausted !== true) {
      const page = await ctx.db
        .query("sessions")
        .withIndex("by_status", (q) => q.eq("status", "ended"))
        .paginate({ numItems: limits.sessionsPerPage, cursor: run.sessionCursor ?? null });
      queue = page.page.map((s) => s._id);
      run.sessionCursor = page.continueCursor;
      run.sessionsExhausted = page.isDone;
    }
    let budget = limits.eventBudget;
    while (queue.length > 0 && budget > 0) {
      const [sessionId, ...rest] = queue;
      const events = await ctx.db
        .query("sessionEvents")
        .withIndex("by_sessionId_and_at", (q) => q.eq("sessionId", sessionId))
        .take(budget + 1);
      queue = rest;
      if (events.length > budget) {
        // Too long for what is left of this step: page through it in the next steps.
        run.currentSession = { sessionId, eventCursor: null, ...TIMELINE_START };
        break;
      }
      budget -= events.length;
      const session = await ctx.db.get(sessionId);
      if (session !== null) await finishSession(ctx, run, sessionId, foldTimeline(TIMELINE_START, session.kind, events));
    }
    run.sessionQueue = queue;
  }
  if ((run.sessionQueue ?? []).length === 0 && !run.currentSession && run.sessionsExhausted === true) {
    Object.assign(run, { status: "done", finishedAt: now });
  }
}

/** Does one bounded slice of the run. Returns true while there is more to do. */
export async function step(
  ctx: MutationCtx,
  runId: Id<"ledgerAuditRuns">,
  now: number,
  stepLimits: StepLimits = STEP_LIMITS,
): Promise<boolean> {
  const stored = await ctx.db.get(runId);
  if (stored === null || stored.status !== "running") return false;
  const run: Run = { ...stored };
  const limits = { ...STEP_LIMITS, ...stepLimits };

  if (run.phase === "accounts") {
    if (run.current !== null) {
      // A large account: one page of its entries per step.
      const { accountId, entryCursor } = run.current;
      const page = await ctx.db
        .query("ledgerEntries")
        .withIndex("by_accountId_and_at", (q) => q.eq("accountId", accountId))
        .paginate({ numItems: limits.entriesPerPage, cursor: entryCursor });
      const pageSums = sums(page.page, run.startedAt);
      const sum = run.current.sum + pageSums.sum;
      const sumAtStart = run.current.sumAtStart + pageSums.sumAtStart;
      if (page.isDone) {
        run.current = null;
        await finishAccount(ctx, run, accountId, sum, sumAtStart, page.page.length);
      } else {
        run.current = { accountId, entryCursor: page.continueCursor, sum, sumAtStart };
        run.entries += page.page.length;
      }
    } else {
      if (run.queue.length === 0 && !run.accountsExhausted) {
        const page = await ctx.db.query("ledgerAccounts").paginate({ numItems: limits.accountsPerPage, cursor: run.accountCursor });
        run.queue = page.page.map((a) => a._id);
        run.accountCursor = page.continueCursor;
        run.accountsExhausted = page.isDone;
      }
      let budget = limits.entryBudget;
      while (run.queue.length > 0 && budget > 0) {
        const [accountId, ...rest] = run.queue;
        const entries = await ctx.db
          .query("ledgerEntries")
          .withIndex("by_accountId_and_at", (q) => q.eq("accountId", accountId))
          .take(budget + 1);
        run.queue = rest;
        if (entries.length > budget) {
          // Too large for what is left of this step: page through it in the next steps.
          run.current = { accountId, entryCursor: null, sum: 0, sumAtStart: 0 };
          break;
        }
        budget -= entries.length;
        const { sum, sumAtStart } = sums(entries, run.startedAt);
        await finishAccount(ctx, run, accountId, sum, sumAtStart, entries.length);
      }
      if (run.queue.length === 0 && run.current === null && run.accountsExhausted) run.phase = "transactions";
    }
  } else if (run.phase === "transactions") {
    const page = await ctx.db
      .query("ledgerTransactions")
      .paginate({ numItems: limits.transactionsPerStep, cursor: run.transactionCursor });
    const found: AuditProblem[] = [];
    for (const transaction of page.page) {
      const entries = await ctx.db
        .query("ledgerEntries")
        .withIndex("by_transactionId", (q) => q.eq("transactionId", transaction._id))
        .collect();
      const sum = entries.reduce((s, e) => s + e.amount, 0);
      if (sum !== 0 || entries.length < 2) {
        found.push({ problem: "unbalanced_transaction", currency: transaction.currency, transactionId: transaction._id, expected: 0, actual: sum });
      }
      found.push(...(await transactionRecordProblems(ctx, transaction)));
    }
    Object.assign(run, addProblems(run, found), {
      transactions: run.transactions + page.page.length,
      transactionCursor: page.continueCursor,
    });
    if (page.isDone) {
      const unbalanced: AuditProblem[] = run.totals
        .filter((t) => t.total !== 0)
        .map((t) => ({ problem: "currency_not_zero", currency: t.currency, expected: 0, actual: t.total }));
      Object.assign(run, addProblems(run, unbalanced), { phase: "checkouts" });
    }
  } else if (run.phase === "checkouts") {
    const page = await ctx.db.query("topUpCheckouts").paginate({ numItems: limits.checkoutsPerStep, cursor: run.checkoutCursor ?? null });
    const found: AuditProblem[] = [];
    for (const checkout of page.page) found.push(...(await checkoutProblems(ctx, checkout)));
    Object.assign(run, addProblems(run, found), {
      checkouts: (run.checkouts ?? 0) + page.page.length,
      checkoutCursor: page.continueCursor,
      phase: page.isDone ? "sessions" : "checkouts",
    });
  } else {
    await sessionsStep(ctx, run, limits, now);
  }

  const { _id, _creationTime, ...fields } = run;
  void _creationTime; // a system field: not part of what is written
  await ctx.db.replace(_id, fields);
  return run.status === "running";
}
