/**
 * Load for `npm run bench` (tests/bench): many funded clients in live chat
 * sessions, billed by the real clock. Internal only, and refused on any
 * deployment holding users other than the bench's own, so it can never mix
 * made-up money into real data.
 */
import { v } from "convex/values";
import type { Id } from "./_generated/dataModel";
import type { QueryCtx } from "./_generated/server";
import { appError } from "./errors";
import { internalMutation, internalQuery } from "./functions";
import * as Advisors from "./model/advisors";
import { ensureClockRunning } from "./model/clockChain";
import * as Ledger from "./model/ledger";

export const BENCH_EMAIL_DOMAIN = "bench.expertline.localhost";
/** Sessions created per call: keeps each seeding transaction small. */
export const MAX_SEED_BATCH = 500;

async function requireBenchDeployment(ctx: QueryCtx): Promise<void> {
  const firstUser = await ctx.db.query("users").first();
  if (firstUser !== null && !firstUser.email.endsWith(`@${BENCH_EMAIL_DOMAIN}`)) {
    throw appError("CONFLICT", "The bench runs only on an empty deployment.");
  }
}

/**
 * One advisor and `count` clients, each funded with `balanceCents` and in a
 * chat session at `rateCentsPerMinute`, paused until `startBilling`.
 */
export const seedSessions = internalMutation({
  args: { batch: v.number(), count: v.number(), rateCentsPerMinute: v.number(), balanceCents: v.number() },
  returns: v.array(v.id("sessions")),
  handler: async (ctx, { batch, count, rateCentsPerMinute, balanceCents }) => {
    if (!Number.isInteger(count) || count < 1 || count > MAX_SEED_BATCH) {
      throw appError("INVALID_ARGUMENT", `count must be 1..${MAX_SEED_BATCH}.`);
    }
    await requireBenchDeployment(ctx);
    const now = Date.now();
    const user = (name: string, role: "client" | "advisor") => ({
      tokenIdentifier: `bench|${name}`,
      name,
      email: `${name}@${BENCH_EMAIL_DOMAIN}`,
      role,
    });
    const advisorUserId = await ctx.db.insert("users", user(`advisor-${batch}`, "advisor"));
    const advisorId = await Advisors.activateProfile(ctx, advisorUserId);
    const sessionIds: Id<"sessions">[] = [];
    for (let i = 0; i < count; i++) {
      const clientId = await ctx.db.insert("users", user(`client-${batch}-${i}`, "client"));
      await Ledger.post(ctx, {
        key: `bench:topup:${clientId}`,
        type: "add",
        description: "Bench top-up",
        currency: "USD",
        entries: [
          { account: Ledger.EXTERNAL_PAYMENTS, amount: -balanceCents },
          { account: Ledger.clientCash(clientId), amount: balanceCents },
        ],
        now,
      });
      const sessionId = await ctx.db.insert("sessions", {
        clientId,
        advisorId,
        advisorUserId,
        kind: "chat",
        status: "paused",
        rateCentsPerMinute,
        currency: "USD",
        requestedAt: now,
        expiresAt: now + 60_000,
        acceptedAt: now,
        billedMs: 0,
        resumedAt: null,
        billedSeconds: 0,
        chargeCents: 0,
        availableCents: balanceCents,
        remainingSeconds: 0,
        warningLevel: "none",
        timerColour: "green",
        firedWarnings: [],
        syncedAt: now,
        pauseReason: "manual",
        pausedAt: now,
      });
      sessionIds.push(sessionId);
    }
    return sessionIds;
  },
});

/** Resumes every paused session at one server instant and starts the clock there. */
export const startBilling = internalMutation({
  args: {},
  returns: v.object({ startedAt: v.number(), sessions: v.number() }),
  handler: async (ctx) => {
    await requireBenchDeployment(ctx);
    const now = Date.now();
    const paused = await ctx.db.query("sessions").withIndex("by_status", (q) => q.eq("status", "paused")).collect();
    for (const session of paused) {
      await ctx.db.patch(session._id, { status: "active", resumedAt: now, pauseReason: undefined, pausedAt: undefined });
    }
    await ensureClockRunning(ctx, now);
    return { startedAt: now, sessions: paused.length };
  },
});

/** What the meter of each session shows now, with its wallet hold, and the clock's last pass. */
export const probe = internalQuery({
  args: { sessionIds: v.array(v.id("sessions")) },
  returns: v.object({
    lastPassSessions: v.union(v.null(), v.number()),
    sessions: v.array(
      v.object({
        status: v.string(),
        billedSeconds: v.number(),
        chargeCents: v.number(),
        rateCentsPerMinute: v.number(),
        syncedAt: v.number(),
        heldCents: v.union(v.null(), v.number()),
      }),
    ),
  }),
  handler: async (ctx, { sessionIds }) => {
    const clock = await ctx.db.query("billingClock").first();
    const sessions = [];
    for (const id of sessionIds) {
      const session = await ctx.db.get(id);
      if (session === null) throw appError("NOT_FOUND", `No session ${id}.`);
      const hold = session.holdId === undefined ? null : await ctx.db.get(session.holdId);
      const { status, billedSeconds, chargeCents, rateCentsPerMinute, syncedAt } = session;
      sessions.push({ status, billedSeconds, chargeCents, rateCentsPerMinute, syncedAt, heldCents: hold?.status === "active" ? hold.amount : null });
    }
    return { lastPassSessions: clock?.lastPassSessions ?? null, sessions };
  },
});
