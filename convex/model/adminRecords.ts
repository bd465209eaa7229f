/**
 * The admin's paginated records (issue 14, items 4 and 6): the audit log with
 * filters, ended sessions and disputes, each page a bounded read on an index
 * so an export can fetch 100,000 rows page by page without any one
 * transaction reading them all.
 */
import type { PaginationOptions, PaginationResult } from "convex/server";
import { v, type Infer } from "convex/values";
import type { Doc, Id } from "../_generated/dataModel";
import type { QueryCtx } from "../_generated/server";
import { appError } from "../errors";

/** The largest page any of these serves. */
export const MAX_PAGE = 1000;
export const MAX_FILTER_LENGTH = 200;
/** Before/after values are shown as JSON cut to this many characters. */
const MAX_JSON = 1000;

export function requirePage(opts: PaginationOptions): PaginationOptions {
  if (!Number.isSafeInteger(opts.numItems) || opts.numItems < 1 || opts.numItems > MAX_PAGE) {
    throw appError("INVALID_ARGUMENT", `A page holds 1 to ${MAX_PAGE} rows.`, "numItems");
  }
  return opts;
}

function requireText(value: string | undefined, field: string): string | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (text.length > MAX_FILTER_LENGTH) throw appError("INVALID_ARGUMENT", `At most ${MAX_FILTER_LENGTH} characters.`, field);
  return text === "" ? undefined : text;
}

function requireRange(from: number | undefined, to: number | undefined) {
  for (const [field, at] of [["from", from], ["to", to]] as const) {
    if (at !== undefined && (!Number.isSafeInteger(at) || at < 0 || at > 8.64e15)) throw appError("INVALID_ARGUMENT", "Give a valid date.", field);
  }
  if (from !== undefined && to !== undefined && from > to) throw appError("INVALID_ARGUMENT", "The start date must not be after the end date.", "from");
}

const json = (value: unknown) => {
  if (value === undefined) return "";
  const text = JSON.stringify(value);
  return text.length > MAX_JSON ? `${text.slice(0, MAX_JSON)}…` : text;
};

async function namesOf(ctx: QueryCtx, ids: readonly Id<"users">[]) {
  const names = new Map<Id<"users">, string>();
  for (const id of ids) if (!names.has(id)) names.set(id, (await ctx.db.get(id))?.name ?? "Deleted user");
  return names;
}

// ---------------------------------------------------------------- audit log

export const vAuditFilters = {
  /** The acting user's email (exact). */
  actorEmail: v.optional(v.string()),
  action: v.optional(v.string()),
  targetId: v.optional(v.string()),
  from: v.optional(v.number()),
  to: v.optional(v.number()),
};
export type AuditFilters = { actorEmail?: string; action?: string; targetId?: string; from?: number; to?: number };

export const vAuditRow = v.object({
  _id: v.id("auditLog"),
  at: v.number(),
  actorId: v.id("users"),
  actorName: v.string(),
  action: v.string(),
  targetType: v.string(),
  targetId: v.string(),
  before: v.string(),
  after: v.string(),
  reason: v.string(),
});
export type AuditRow = Infer<typeof vAuditRow>;

/**
 * Audit entries newest first. The most selective filter picks the index
 * (actor, then action, then target, else time); the others and the date
 * range narrow the page.
 */
export async function auditPage(ctx: QueryCtx, filters: AuditFilters, opts: PaginationOptions): Promise<PaginationResult<AuditRow>> {
  requirePage(opts);
  const actorEmail = requireText(filters.actorEmail, "actorEmail");
  const action = requireText(filters.action, "action");
  const targetId = requireText(filters.targetId, "targetId");
  const { from, to } = filters;
  requireRange(from, to);
  let actorId: Id<"users"> | undefined;
  if (actorEmail !== undefined) {
    const byEmail = (email: string) =>
      ctx.db
        .query("users")
        .withIndex("by_email", (q) => q.eq("email", email))
        .first();
    const actor = (await byEmail(actorEmail)) ?? (await byEmail(actorEmail.toLowerCase()));
    if (actor === null) return { page: [], isDone: true, continueCursor: "" };
    actorId = actor._id;
  }
  const base =
    actorId !== undefined
      ? ctx.db.query("auditLog").withIndex("by_actorId_and_at", (q) => {
          const eq = q.eq("actorId", actorId);
          const lower = from === undefined ? eq : eq.gte("at", from);
          return to === undefined ? lower : lower.lte("at", to);
        })
      : action !== undefined
        ? ctx.db.query("auditLog").withIndex("by_action_and_at", (q) => {
            const eq = q.eq("action", action);
            const lower = from === undefined ? eq : eq.gte("at", from);
            return to === undefined ? lower : lower.lte("at", to);
          })
        : targetId !== undefined
          ? ctx.db.query("auditLog").withIndex("by_targetId_and_at", (q) => {
              const eq = q.eq("targetId", targetId);
              const lower = from === undefined ? eq : eq.gte("at", from);
              return to === undefined ? lower : lower.lte("at", to);
            })
          : ctx.db.query("auditLog").withIndex("by_at", (q) => {
              const lower = from === undefined ? q : q.gte("at", from);
              return to === undefined ? lower : lower.lte("at", to);
            });
  const filtered = base.filter((q) =>
    q.and(
      action === undefined || actorId === undefined ? true : q.eq(q.field("action"), action),
      targetId === undefined || (actorId === undefined && action === undefined) ? true : q.eq(q.field("targetId"), targetId),
    ),
  );
  const result = await filtered.order("desc").paginate(opts);
  const names = await namesOf(ctx, result.page.map((e) => e.actorId));
  return {
    ...result,
    page: result.page.map((e: Doc<"auditLog">) => ({
      _id: e._id,
      at: e.at,
      actorId: e.actorId,
      actorName: names.get(e.actorId)!,
      action: e.action,
      targetType: e.targetType,
      targetId: e.targetId,
      before: json(e.before),
      after: json(e.after),
      reason: e.reason ?? "",
    })),
  };
}

// ---------------------------------------------------------------- ended sessions

export const vSessionRecord = v.object({
  _id: v.id("sessions"),
  kind: v.union(v.literal("chat"), v.literal("video")),
  clientName: v.string(),
  advisorName: v.string(),
  requestedAt: v.number(),
  endedAt: v.number(),
  endReason: v.string(),
  billedSeconds: v.number(),
  rateCentsPerMinute: v.number(),
  chargeCents: v.number(),
  feeCents: v.number(),
  earningCents: v.number(),
  currency: v.string(),
});

/** Ended sessions, newest end first, within an optional range of end times. */
export async function endedSessionsPage(ctx: QueryCtx, range: { from?: number; to?: number }, opts: PaginationOptions) {
  requirePage(opts);
  requireRange(range.from, range.to);
  const result = await ctx.db
    .query("sessions")
    .withIndex("by_status_and_endedAt", (q) => {
      const ended = q.eq("status", "ended");
      const lower = range.from === undefined ? ended : ended.gte("endedAt", range.from);
      return range.to === undefined ? lower : lower.lte("endedAt", range.to);
    })
    .order("desc")
    .paginate(opts);
  const names = await namesOf(ctx, result.page.flatMap((s) => [s.clientId, s.advisorUserId]));
  return {
    ...result,
    page: result.page.map((s) => ({
      _id: s._id,
      kind: s.kind,
      clientName: names.get(s.clientId)!,
      advisorName: names.get(s.advisorUserId)!,
      requestedAt: s.requestedAt,
      endedAt: s.endedAt ?? s.syncedAt,
      endReason: s.endReason ?? "",
      billedSeconds: s.billedSeconds,
      rateCentsPerMinute: s.rateCentsPerMinute,
      chargeCents: s.chargeCents,
      feeCents: s.feeCents ?? 0,
      earningCents: s.earningCents ?? 0,
      currency: s.currency,
    })),
  };
}

// ---------------------------------------------------------------- disputes

export const vDisputeRecord = v.object({
  _id: v.id("disputes"),
  sessionId: v.id("sessions"),
  clientName: v.string(),
  advisorName: v.string(),
  reason: v.string(),
  status: v.string(),
  openedAt: v.number(),
  resolvedAt: v.optional(v.number()),
  outcome: v.string(),
  refundCents: v.number(),
  note: v.string(),
});

/** Every dispute, newest first. */
export async function disputesPage(ctx: QueryCtx, opts: PaginationOptions) {
  requirePage(opts);
  const result = await ctx.db.query("disputes").order("desc").paginate(opts);
  const names = await namesOf(ctx, result.page.flatMap((d) => [d.clientId, d.advisorUserId]));
  return {
    ...result,
    page: result.page.map((d) => ({
      _id: d._id,
      sessionId: d.sessionId,
      clientName: names.get(d.clientId)!,
      advisorName: names.get(d.advisorUserId)!,
      reason: d.reason,
      status: d.status,
      openedAt: d.openedAt,
      resolvedAt: d.resolvedAt,
      outcome: d.outcome ?? "",
      refundCents: d.refundCents ?? 0,
      note: d.note ?? "",
    })),
  };
}
