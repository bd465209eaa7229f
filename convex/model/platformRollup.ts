/**
 * The platform's business figures kept as rollups (SPEC §8, ADR 013): the
 * ledger's posting path calls recordTransaction and the session settlement
 * calls recordSessionEnded, each in its own transaction, so a figure on the
 * admin dashboard moves exactly when the money or the session does. The
 * dashboard reads at most one row per currency and UTC hour of the last
 * 31 days, however long the history.
 */
import type { MutationCtx, QueryCtx } from "../_generated/server";
import {
  FIGURE_FIELDS,
  READ_BACK_MS,
  ZERO_FIGURES,
  addFigures,
  hourOf,
  isZero,
  moneyFiguresOf,
  sessionFiguresOf,
  type ClassifiedTransaction,
  type HourFigures,
  type HourRow,
} from "../../lib/admin/platformFigures";

export async function findHour(ctx: QueryCtx, currency: string, hour: number) {
  return await ctx.db
    .query("platformRollupHours")
    .withIndex("by_currency_and_hour", (q) => q.eq("currency", currency).eq("hour", hour))
    .unique();
}

/** Adds figures to a currency's hour row (created on first use). */
export async function addToHour(ctx: MutationCtx, currency: string, at: number, add: Partial<HourFigures>): Promise<void> {
  if (isZero(add)) return;
  const hour = hourOf(at);
  const row = await findHour(ctx, currency, hour);
  if (row === null) await ctx.db.insert("platformRollupHours", { currency, hour, ...addFigures(ZERO_FIGURES, add) });
  else {
    const next = addFigures(pickFigures(row), add);
    await ctx.db.patch(row._id, next);
  }
}

export function pickFigures(row: Partial<HourFigures>): HourFigures {
  return Object.fromEntries(FIGURE_FIELDS.map((f) => [f, row[f] ?? 0])) as HourFigures;
}

/** Called by the ledger's posting path (model/ledger/posting.ts) with every transaction it writes. */
export async function recordTransaction(ctx: MutationCtx, tx: ClassifiedTransaction & { currency: string; at: number }): Promise<void> {
  const figures = moneyFiguresOf(tx);
  if (figures !== null) await addToHour(ctx, tx.currency, tx.at, figures);
}

/** Called by the session settlement (model/sessionsLifecycle.ts) when a session ends. */
export async function recordSessionEnded(ctx: MutationCtx, args: { currency: string; endedAt: number; billedSeconds: number }): Promise<void> {
  await addToHour(ctx, args.currency, args.endedAt, sessionFiguresOf(args.billedSeconds));
}

/** The hour rows of one currency that the dashboard's days can reach (bounded: 31 × 24 + 1). */
export async function recentHours(ctx: QueryCtx, currency: string, now: number): Promise<HourRow[]> {
  const rows = await ctx.db
    .query("platformRollupHours")
    .withIndex("by_currency_and_hour", (q) => q.eq("currency", currency).gte("hour", hourOf(now - READ_BACK_MS)))
    .take(Math.ceil(READ_BACK_MS / (60 * 60 * 1000)) + 2);
  return rows.map((row) => ({ hour: row.hour, ...pickFigures(row) }));
}
