/**
 * Tables of the platform's business figures (SPEC §8, ADR 013): one row per
 * currency and UTC hour, written in the same transaction as the ledger
 * posting or the session end it counts, and the runs that check (and repair)
 * those rows against a recomputation from the ledger and the ended sessions.
 */
import { defineTable } from "convex/server";
import { v } from "convex/values";

export const vHourFigures = {
  chargeCents: v.number(),
  feeCents: v.number(),
  refundCents: v.number(),
  feeRefundedCents: v.number(),
  satisfactionCreditCents: v.number(),
  sessionsEnded: v.number(),
  billedSessions: v.number(),
  billedSeconds: v.number(),
};

export const vRollupDifference = v.object({
  currency: v.string(),
  hour: v.number(),
  field: v.string(),
  /** Recomputed from the ledger (money) or the ended sessions (counts). */
  expected: v.number(),
  /** What the rollup row held. */
  actual: v.number(),
});

export const vRollupCheckPhase = v.union(
  v.literal("transactions"),
  v.literal("sessions"),
  v.literal("compareRows"),
  v.literal("compareSums"),
  v.literal("cleanup"),
  v.literal("done"),
);

export const platformRollupTables = {
  /** Per currency and UTC hour (its start, ms): what the platform's dashboard sums into the zone's days. */
  platformRollupHours: defineTable({ currency: v.string(), hour: v.number(), ...vHourFigures }).index("by_currency_and_hour", [
    "currency",
    "hour",
  ]),

  /**
   * One recomputation of the rollups from the ledger and the ended sessions,
   * done in bounded steps, of every hour before `cutoffHour` (the hour it
   * started in, which postings may still change). `fix` repairs the rows.
   */
  platformRollupChecks: defineTable({
    startedAt: v.number(),
    cutoffHour: v.number(),
    fix: v.boolean(),
    auditRunId: v.optional(v.id("ledgerAuditRuns")),
    phase: vRollupCheckPhase,
    cursor: v.union(v.string(), v.null()),
    transactions: v.number(),
    sessions: v.number(),
    hoursCompared: v.number(),
    differenceCount: v.number(),
    /** The first differences found (bounded); differenceCount has them all. */
    differences: v.array(vRollupDifference),
    finishedAt: v.optional(v.number()),
  })
    .index("by_startedAt", ["startedAt"])
    .index("by_auditRunId", ["auditRunId"]),

  /** A check's recomputed hours, deleted when it finishes. */
  platformRollupCheckSums: defineTable({ checkId: v.id("platformRollupChecks"), currency: v.string(), hour: v.number(), ...vHourFigures }).index(
    "by_checkId_and_currency_and_hour",
    ["checkId", "currency", "hour"],
  ),
};
