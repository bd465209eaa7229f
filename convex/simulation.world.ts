/**
 * The seeded whole-product simulation (issue 13, item 1; decision 012; two
 * dots in the name: Convex never deploys this file). A seed drives a
 * deterministic PRNG that picks each next operation from the state of the
 * world, and every operation calls the real registered functions (api.* and
 * internal.*, the webhook over HTTP) on convex-test under fake time, with the
 * local backend's ordered indexes (tools/convex-local engine-internals) so a
 * long history stays fast. After every operation the invariants of
 * simulation.invariants.ts run on the committed rows.
 *
 * An operation names its targets by position (client 2, the advisor's
 * requested session, the k-th ended session of a client as a fraction), never
 * by id, so any sub-list of a history is still a history: that is how a
 * failure shrinks (`shrink`) and replays (`runOps`).
 */
import { ConvexError } from "convex/values";
import { vi } from "vitest";
import { api, internal } from "./_generated/api";
import type { Id } from "./_generated/dataModel";
import { ERROR_CODES } from "./errors";
import { TEST_WEBHOOK_SECRET, completedEvent, deliver } from "./ledger.testkit";
import { checkInvariants, Shadow, type Row } from "./simulation.invariants";
import { bookingWeights, generateBookingOp, giveAdvisorsHours, remindersDue, runBookingOp, sweepReminders, type BookingOp } from "./simulation.bookingOps";
import { makeUser, newTest, type TestConvex } from "./test.factories";
import { attachInternals } from "../tools/convex-local/src/engine-internals";
import { prng } from "../lib/random";

/** 2026-01-01T00:00:00Z. */
export const SIM_T0 = Date.UTC(2026, 0, 1);
export const CLIENTS = 6;
export const ADVISORS = 4;
/** Per-minute prices of the advisors (chat, video), including ones that do not divide a minute evenly. */
const RATES: [number, number][] = [
  [120, 240],
  [237, 499],
  [450, 1000],
  [300, 13],
];

type Side = "client" | "advisor";
type Kind = "chat" | "video";

export type Op =
  | { k: "topup"; c: number; amount: number; copies: number; tamper: boolean; mismatch: boolean; second: boolean; unpaid: boolean }
  | { k: "deliver"; pick: number }
  | { k: "promo"; c: number; amount: number; reuse: boolean }
  | { k: "request"; c: number; a: number; kind: Kind }
  | { k: "accept" | "decline"; a: number }
  | { k: "cancel"; c: number }
  | { k: "message"; side: Side; i: number; blank: boolean }
  | { k: "heartbeat"; side: Side; i: number; connected: boolean }
  | { k: "presence"; side: Side; i: number; on: boolean }
  | { k: "pause" | "resume" | "end"; side: Side; i: number }
  | { k: "adminEnd"; pick: number }
  | { k: "time"; ms: number; ticked: boolean }
  | { k: "tick"; stale: boolean }
  | { k: "watchdog" }
  | { k: "online"; a: number; on: boolean }
  | { k: "rate"; c: number; pick: number; stars: number }
  | { k: "dispute"; c: number; pick: number }
  | { k: "resolve"; pick: number; outcome: "full_refund" | "partial_refund" | "reject"; frac: number }
  | { k: "credit"; c: number; pick: number }
  | { k: "bank"; a: number }
  | { k: "withdraw"; a: number; frac: number }
  | { k: "payout"; pick: number; action: "approve" | "reject" | "paid" }
  | { k: "refundAsk"; c: number; frac: number }
  | { k: "refundCancel"; c: number }
  | { k: "refundDecide"; pick: number; action: "approve" | "reject" | "retry" }
  | BookingOp;


/** Something the product must never do: an invariant broken, or an error that is not a refusal with a known code. */
export class SimBreak extends Error {}

type Party = Awaited<ReturnType<typeof makeUser>>;
type Delivery = { event: ReturnType<typeof completedEvent>; tamper: boolean };

function isRefusal(error: unknown): boolean {
  const data = error instanceof ConvexError ? (error.data as { code?: unknown }) : (error as { data?: { code?: unknown } } | null)?.data;
  return typeof data?.code === "string" && (ERROR_CODES as readonly string[]).includes(data.code);
}

const LIVE = new Set(["requested", "active", "paused"]);
const RUNNING = new Set(["active", "paused"]);

export class World {
  readonly shadow = new Shadow();
  readonly clients: Party[] = [];
  readonly advisors: (Party & { profileId: Id<"advisors"> })[] = [];
  admin!: Party;
  /** Webhook deliveries Stripe has not made yet, delivered in any order. */
  readonly network: Delivery[] = [];
  /** Whether a participant's call is up: its heartbeats go out as time passes. */
  readonly present = new Map<string, boolean>();
  /** Failures the engine reported outside a call: a scheduled job that threw, the clock skipping a session. */
  readonly engineProblems: string[] = [];
  private events = 0;
  private promoGrants = 0;

  private constructor(readonly t: TestConvex) {}

  static async create(): Promise<World> {
    vi.clearAllTimers();
    vi.setSystemTime(SIM_T0);
    const world = new World(newTest());
    const internals = await attachInternals(world.t as unknown as Parameters<typeof attachInternals>[0]);
    internals.onCommit((commit) => world.shadow.apply(commit));
    for (let i = 0; i < CLIENTS; i++) world.clients.push(await makeUser(world.t, "client", `client${i}@sim.example.com`));
    for (let i = 0; i < ADVISORS; i++) {
      const advisor = await makeUser(world.t, "advisor", `advisor${i}@sim.example.com`);
      const profileId = await world.t.run(async (ctx) => (await ctx.db.query("advisors").withIndex("by_userId", (q) => q.eq("userId", advisor.userId)).unique())!._id);
      const [chat, video] = RATES[i % RATES.length];
      await world.t.run((ctx) => ctx.db.patch(profileId, { chatPricePerMinute: chat, videoPricePerMinute: video, isOnline: true }));
      world.advisors.push({ ...advisor, profileId });
    }
    world.admin = await makeUser(world.t, "admin", "admin@sim.example.com");
    // Settings within their ranges that make short simulated careers reach zero balance (a session may start
    // on one minute's balance) and withdrawals (a lower minimum).
    await world.t.run((ctx) => ctx.db.insert("platformSettings", { withdrawalMin: 100, sessionMinBalanceMinutes: 1, updatedAt: SIM_T0 }));
    await giveAdvisorsHours(world, SIM_T0);
    return world;
  }

  // ---------------------------------------------------------------- what the shadow says

  private rows(table: "sessions" | "disputes" | "withdrawals" | "balanceRefunds"): Row[] {
    return [...this.shadow.table(table).values()];
  }

  liveOf(side: Side, i: number): Row | undefined {
    const userId = side === "client" ? this.clients[i].userId : this.advisors[i].userId;
    return this.rows("sessions").find((s) => (side === "client" ? s.clientId === userId && LIVE.has(s.status as string) : s.advisorUserId === userId && RUNNING.has(s.status as string)));
  }

  /** A client's cash + promo − held, from the committed rows. */
  available(c: number): number {
    let total = 0;
    for (const account of this.shadow.table("ledgerAccounts").values()) {
      if (account.ownerId !== this.clients[c].userId) continue;
      if (account.kind === "client_cash") total += (account.balance as number) - (account.held as number);
      if (account.kind === "client_promo") total += account.balance as number;
    }
    return total;
  }

  private requestedOf(a: number): Row | undefined {
    return this.rows("sessions").find((s) => s.advisorUserId === this.advisors[a].userId && s.status === "requested");
  }

  private endedOf(c: number): Row[] {
    return this.rows("sessions").filter((s) => s.clientId === this.clients[c].userId && s.status === "ended" && s.acceptedAt !== undefined);
  }

  /** An advisor's per-minute rate for a kind, as set at world creation. */
  rateOf(a: number, kind: Kind): number {
    const [chat, video] = RATES[a % RATES.length];
    return kind === "chat" ? chat : video;
  }

  /** A break to throw: the product did what it must never do. */
  fail(message: string): SimBreak {
    return new SimBreak(message);
  }

  isRefusal(error: unknown): boolean {
    return isRefusal(error);
  }

  private pick<T>(list: T[], fraction: number): T | undefined {
    return list.length === 0 ? undefined : list[Math.min(list.length - 1, Math.floor(fraction * list.length))];
  }

  private party(side: Side, i: number): Party {
    return side === "client" ? this.clients[i] : this.advisors[i];
  }

  // ---------------------------------------------------------------- choosing the next operation

  /** The next operation, chosen from the state of the world (mostly ones that make sense now, some that do not). */
  generate(rng: () => number): Op {
    const int = (n: number) => Math.floor(rng() * n);
    const chance = (p: number) => rng() < p;
    const c = int(CLIENTS);
    const a = int(ADVISORS);
    const side: Side = chance(0.5) ? "client" : "advisor";
    const live = this.rows("sessions").filter((s) => RUNNING.has(s.status as string));
    /** A participant of a running session most of the time, anyone otherwise. */
    const someone = (): { side: Side; i: number } => {
      const s = this.pick(live, rng());
      if (s === undefined || chance(0.1)) return { side, i: side === "client" ? c : a };
      return side === "client"
        ? { side, i: this.clients.findIndex((p) => p.userId === s.clientId) }
        : { side, i: this.advisors.findIndex((p) => p.userId === s.advisorUserId) };
    };
    const requested = this.rows("sessions").filter((s) => s.status === "requested");
    const busy = live.length > 0;
    const poor = this.clients.map((_, i) => i).filter((i) => this.available(i) < 800);
    const hasOpenWithdrawal = this.rows("withdrawals").some((w) => w.status === "requested" || w.status === "approved");
    const hasOpenDispute = this.rows("disputes").some((d) => d.status === "open");
    const hasOpenRefund = this.rows("balanceRefunds").some((r) => r.status === "requested" || r.status === "processing");
    // Mostly what makes sense now: answer requests, talk in running sessions, short steps of time while
    // sessions run; the rest of the time anything, including what will be refused.
    const weights: [Op["k"], number][] = [
      ["time", busy ? 14 : 10],
      ["message", busy ? 14 : 1],
      ["request", busy ? 4 : 10],
      ["accept", requested.length > 0 ? 14 : 0.5],
      ["decline", requested.length > 0 ? 1.5 : 0.2],
      ["cancel", requested.length > 0 ? 1.5 : 0.2],
      ["topup", poor.length > 0 ? 1.5 : 0.3],
      ["deliver", this.network.length > 0 ? 7 : 0.3],
      ["promo", 0.5],
      ["heartbeat", busy ? 5 : 0.3],
      ["presence", busy ? 2.5 : 0.3],
      ["pause", busy ? 2.5 : 0.3],
      ["resume", busy ? 4 : 0.3],
      ["end", busy ? 1.5 : 0.3],
      ["adminEnd", busy ? 0.3 : 0.1],
      ["tick", 0.8],
      ["watchdog", 0.5],
      ["online", 0.8],
      ["rate", 1.2],
      ["dispute", 1.5],
      ["resolve", hasOpenDispute ? 2.5 : 0.2],
      ["credit", 1.2],
      ["bank", 0.4],
      ["withdraw", 1.5],
      ["payout", hasOpenWithdrawal ? 3 : 0.2],
      ["refundAsk", 0.8],
      ["refundCancel", hasOpenRefund ? 0.8 : 0.1],
      ["refundDecide", hasOpenRefund ? 2 : 0.2],
      ...bookingWeights(this),
    ];
    let r = rng() * weights.reduce((sum, [, w]) => sum + w, 0);
    let k: Op["k"] = "time";
    for (const [kind, w] of weights) {
      if ((r -= w) < 0) {
        k = kind;
        break;
      }
    }
    switch (k) {
      case "time": {
        // While sessions run: seconds ticked one by one, sometimes a late jump; otherwise long jumps too (releases, windows).
        const roll = rng();
        if (roll < (busy ? 0.5 : 0.3)) return { k, ms: 1000 * (1 + int(10)), ticked: true };
        if (roll < (busy ? 0.97 : 0.7)) return { k, ms: 1000 * (5 + int(busy ? 120 : 900)) + int(1000), ticked: false };
        return { k, ms: 3_600_000 * (1 + int(30)) + int(3_600_000), ticked: false };
      }
      case "message":
        return { k, ...someone(), blank: chance(0.03) };
      case "request": {
        const free = this.clients.map((_, i) => i).filter((i) => this.liveOf("client", i) === undefined);
        return { k, c: this.pick(free, rng()) ?? c, a, kind: chance(0.55) ? "chat" : "video" };
      }
      case "accept":
      case "decline": {
        const s = this.pick(requested, rng());
        return { k, a: s === undefined ? a : this.advisors.findIndex((p) => p.userId === s.advisorUserId) };
      }
      case "cancel": {
        const s = this.pick(requested, rng());
        return { k, c: s === undefined ? c : this.clients.findIndex((p) => p.userId === s.clientId) };
      }
      case "topup": {
        // Mostly small, so balances run out; the bounds now and then (the largest very rarely: it funds for days).
        const amount = chance(0.08) ? [500, 499, 100_001, 0][int(4)] : chance(0.003) ? 100_000 : [500, 500, 600, 1000, 777, 1234, 2500][int(7)];
        // Mostly a client about to run out, often in a running session (a top-up in the session, maybe after
        // a zero-balance pause): balances stay low enough to run out.
        const target = chance(0.85) ? (this.pick(poor, rng()) ?? c) : c;
        return { k, c: target, amount, copies: 1 + (chance(0.3) ? int(3) : 0), tamper: chance(0.1), mismatch: chance(0.1), second: chance(0.1), unpaid: chance(0.05) };
      }
      case "deliver":
        return { k, pick: rng() };
      case "promo":
        return { k, c, amount: chance(0.1) ? [0, 50_001][int(2)] : 1 + int(2000), reuse: chance(0.2) };
      case "heartbeat":
        return { k, ...someone(), connected: chance(0.9) };
      case "presence":
        return { k, ...someone(), on: chance(0.5) };
      case "pause":
      case "resume":
      case "end":
        return { k, ...someone() };
      case "adminEnd":
        return { k, pick: rng() };
      case "tick":
        return { k, stale: chance(0.5) };
      case "watchdog":
        return { k };
      case "online":
        return { k, a, on: chance(0.8) };
      case "rate":
        return { k, c, pick: rng(), stars: chance(0.1) ? [0, 6, 2.5][int(3)] : 1 + int(5) };
      case "dispute":
      case "credit":
        return { k, c, pick: rng() };
      case "resolve": {
        const roll = rng();
        return { k, pick: rng(), outcome: roll < 0.35 ? "full_refund" : roll < 0.75 ? "partial_refund" : "reject", frac: rng() };
      }
      case "bank":
        return { k, a };
      case "withdraw":
        return { k, a, frac: chance(0.1) ? 1.5 : rng() };
      case "payout": {
        const roll = rng();
        return { k, pick: rng(), action: roll < 0.45 ? "approve" : roll < 0.85 ? "paid" : "reject" };
      }
      case "refundAsk":
        return { k, c, frac: chance(0.1) ? 1.5 : rng() };
      case "refundCancel":
        return { k, c: this.clients.findIndex((p) => p.userId === this.pick(this.rows("balanceRefunds").filter((r) => r.status === "requested"), rng())?.userId) };
      case "refundDecide": {
        const roll = rng();
        return { k, pick: rng(), action: roll < 0.6 ? "approve" : roll < 0.9 ? "reject" : "retry" };
      }
      default:
        return generateBookingOp(this, k, rng);
    }
  }

  // ---------------------------------------------------------------- doing it

  /** Runs one operation; returns what happened in a word. Throws SimBreak for an error that is not a refusal. */
  async exec(op: Op): Promise<string> {
    try {
      return await this.run(op);
    } catch (error) {
      if (isRefusal(error)) return `refused:${(error as { data: { code: string } }).data.code}`;
      if (error instanceof SimBreak) throw error;
      throw new SimBreak(`${op.k} threw ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
  }

  private async run(op: Op): Promise<string> {
    const t = this.t;
    switch (op.k) {
      case "topup": {
        const client = this.clients[op.c];
        const { checkoutId } = await client.as.action(api.payments.createTopUp, { amount: op.amount });
        const n = ++this.events;
        const event = (suffix: string, extra: { amount?: number; paymentStatus?: "unpaid" } = {}) =>
          completedEvent({ eventId: `evt_sim_${n}_${suffix}`, checkoutId, userId: client.userId, amount: extra.amount ?? op.amount, paymentStatus: extra.paymentStatus });
        const first = event("a");
        for (let i = 0; i < op.copies; i++) this.network.push({ event: first, tamper: false });
        if (op.tamper) this.network.push({ event: event("t"), tamper: true });
        if (op.mismatch) this.network.push({ event: event("m", { amount: op.amount + 100 }), tamper: false });
        if (op.second) this.network.push({ event: event("b"), tamper: false });
        if (op.unpaid) this.network.push({ event: event("u", { paymentStatus: "unpaid" }), tamper: false });
        return "ok";
      }
      case "deliver": {
        if (this.network.length === 0) return "noop";
        const [delivery] = this.network.splice(Math.min(this.network.length - 1, Math.floor(op.pick * this.network.length)), 1);
        const response = await deliver(t, delivery.event, delivery.tamper ? { tamper: (payload) => payload.replace(/"amount_total":(\d+)/, (_, n) => `"amount_total":${Number(n) * 10}`) } : {});
        const body = await response.text();
        if (delivery.tamper) {
          if (response.status !== 400) throw new SimBreak(`a tampered webhook got ${response.status}: ${body}`);
          return "rejected";
        }
        if (response.status !== 200) throw new SimBreak(`webhook answered ${response.status}: ${body}`);
        return (JSON.parse(body) as { credited?: boolean; reason?: string }).credited ? "credited" : `not credited: ${JSON.parse(body).reason}`;
      }
      case "promo": {
        const requestId = op.reuse && this.promoGrants > 0 ? `sim-promo-${this.promoGrants}` : `sim-promo-${++this.promoGrants}`;
        await this.admin.as.mutation(api.ledger.grantPromo, { userId: this.clients[op.c].userId, amount: op.amount, reason: "simulation", requestId });
        return "ok";
      }
      case "request":
        await this.clients[op.c].as.mutation(api.sessions.requestSession, { advisorId: this.advisors[op.a].profileId, kind: op.kind });
        return "ok";
      case "accept":
      case "decline": {
        const s = this.requestedOf(op.a);
        if (s === undefined) return "noop";
        await this.advisors[op.a].as.mutation(op.k === "accept" ? api.sessions.acceptSession : api.sessions.declineSession, { sessionId: s._id as Id<"sessions"> });
        if (op.k === "accept" && s.kind === "video") {
          this.present.set(s.clientId as string, true);
          this.present.set(s.advisorUserId as string, true);
        }
        return "ok";
      }
      case "cancel": {
        const s = this.liveOf("client", op.c);
        if (s === undefined) return "noop";
        await this.clients[op.c].as.mutation(api.sessions.cancelRequest, { sessionId: s._id as Id<"sessions"> });
        return "ok";
      }
      case "message": {
        const s = this.liveOf(op.side, op.i);
        if (s === undefined) return "noop";
        await this.party(op.side, op.i).as.mutation(api.messages.send, { sessionId: s._id as Id<"sessions">, body: op.blank ? "   " : `hello ${this.events}` });
        return "ok";
      }
      case "heartbeat": {
        const s = this.liveOf(op.side, op.i);
        if (s === undefined) return "noop";
        await this.party(op.side, op.i).as.mutation(api.presence.heartbeat, { sessionId: s._id as Id<"sessions">, connected: op.connected });
        return "ok";
      }
      case "presence":
        this.present.set(this.party(op.side, op.i).userId, op.on);
        return "ok";
      case "pause":
      case "resume":
      case "end": {
        const s = this.liveOf(op.side, op.i);
        if (s === undefined) return "noop";
        const fn = op.k === "pause" ? api.sessions.pauseSession : op.k === "resume" ? api.sessions.resumeSession : api.sessions.endSession;
        await this.party(op.side, op.i).as.mutation(fn, { sessionId: s._id as Id<"sessions"> });
        return "ok";
      }
      case "adminEnd": {
        const s = this.pick(this.rows("sessions").filter((row) => LIVE.has(row.status as string)), op.pick);
        if (s === undefined) return "noop";
        await this.admin.as.mutation(api.sessions.adminEndSession, { sessionId: s._id as Id<"sessions">, reason: "simulation" });
        return "ok";
      }
      case "time":
        await this.elapse(op.ms, op.ticked);
        return "ok";
      case "tick": {
        const clock = [...this.shadow.table("billingClock").values()][0];
        if (clock === undefined) return "noop";
        const generation = (clock.generation as number) - (op.stale ? 1 : 0);
        await t.mutation(internal.clock.tick, { generation, cursor: null, dueAt: Date.now(), advanced: 0 });
        await this.runDue();
        return "ok";
      }
      case "watchdog":
        return await t.mutation(internal.clock.watchdog, {});
      case "online":
        await this.advisors[op.a].as.mutation(api.advisors.setOnline, { isOnline: op.on });
        return "ok";
      case "rate": {
        const s = this.pick(this.endedOf(op.c), op.pick);
        if (s === undefined) return "noop";
        await this.clients[op.c].as.mutation(api.ratings.rate, { sessionId: s._id as Id<"sessions">, stars: op.stars });
        return "ok";
      }
      case "dispute": {
        const s = this.pick(this.endedOf(op.c), op.pick);
        if (s === undefined) return "noop";
        await this.clients[op.c].as.mutation(api.disputes.open, { sessionId: s._id as Id<"sessions">, reason: "billing_error", description: "simulated complaint" });
        return "ok";
      }
      case "resolve": {
        const open = this.rows("disputes").filter((d) => d.status === "open");
        const d = this.pick(open.length > 0 ? open : this.rows("disputes"), op.pick);
        if (d === undefined) return "noop";
        const charge = (this.shadow.table("sessions").get(d.sessionId as string)?.chargeCents as number | undefined) ?? 0;
        const amount = op.outcome === "partial_refund" ? Math.max(1, Math.floor(op.frac * charge)) : undefined;
        await this.admin.as.mutation(api.disputes.resolve, { disputeId: d._id as Id<"disputes">, outcome: op.outcome, amount, note: "simulated decision" });
        return "ok";
      }
      case "credit": {
        const s = this.pick(this.endedOf(op.c), op.pick);
        if (s === undefined) return "noop";
        await this.clients[op.c].as.mutation(api.disputes.takeSatisfactionCredit, { sessionId: s._id as Id<"sessions"> });
        return "ok";
      }
      case "bank":
        await this.advisors[op.a].as.mutation(api.withdrawals.saveBankDetails, { holderName: `Advisor ${op.a}`, accountNumber: `GB00 0000 0000 ${1000 + op.a}` });
        return "ok";
      case "withdraw": {
        const advisor = this.advisors[op.a];
        const available = [...this.shadow.table("ledgerAccounts").values()].find((acc) => acc.kind === "advisor_available" && acc.ownerId === advisor.userId);
        const balance = (available?.balance as number | undefined) ?? 0;
        // Mostly between the minimum and what is available; sometimes below the minimum or above the balance.
        const amount = op.frac < 0.1 ? 1 + Math.floor(op.frac * 999) : Math.max(100, Math.floor(op.frac * balance));
        await advisor.as.mutation(api.withdrawals.request, { amount });
        return "ok";
      }
      case "refundAsk":
      case "refundCancel":
      case "refundDecide":
        return await this.balanceRefund(op);
      case "payout": {
        const open = this.rows("withdrawals").filter((w) => w.status === "requested" || w.status === "approved");
        const w = this.pick(open.length > 0 ? open : this.rows("withdrawals"), op.pick);
        if (w === undefined) return "noop";
        const id = w._id as Id<"withdrawals">;
        if (op.action === "approve") await this.admin.as.mutation(api.withdrawals.approve, { id });
        else if (op.action === "paid") await this.admin.as.mutation(api.withdrawals.markPaid, { id });
        else await this.admin.as.mutation(api.withdrawals.reject, { id, reason: "simulated rejection" });
        return "ok";
      }
      default:
        return await runBookingOp(this, op);
    }
  }

  private async balanceRefund(op: Extract<Op, { k: "refundAsk" | "refundCancel" | "refundDecide" }>): Promise<string> {
    if (op.k === "refundAsk") {
      const client = this.clients[op.c];
      const cash = [...this.shadow.table("ledgerAccounts").values()].find((a) => a.kind === "client_cash" && a.ownerId === client.userId);
      const spare = ((cash?.balance as number | undefined) ?? 0) - ((cash?.held as number | undefined) ?? 0);
      await client.as.mutation(api.balanceRefunds.request, { amount: Math.max(1, Math.floor(op.frac * spare)) });
      return "ok";
    }
    if (op.k === "refundCancel") {
      const client = this.clients[op.c < 0 ? 0 : op.c];
      const open = this.rows("balanceRefunds").find((r) => r.userId === client.userId && r.status === "requested");
      if (open === undefined) return "noop";
      await client.as.mutation(api.balanceRefunds.cancel, { id: open._id as Id<"balanceRefunds"> });
      return "ok";
    }
    const open = this.rows("balanceRefunds").filter((r) => r.status === "requested" || r.status === "processing");
    const r = this.pick(open.length > 0 ? open : this.rows("balanceRefunds"), op.pick);
    if (r === undefined) return "noop";
    const id = r._id as Id<"balanceRefunds">;
    if (op.action === "approve") await this.admin.as.mutation(api.balanceRefunds.approve, { id });
    else if (op.action === "retry") await this.admin.as.mutation(api.balanceRefunds.retry, { id });
    else await this.admin.as.mutation(api.balanceRefunds.reject, { id, reason: "simulated rejection" });
    await this.runDue();
    return "ok";
  }

  /** Runs whatever the scheduler has due now, batch continuations included. */
  async runDue(): Promise<void> {
    for (let round = 0; round < 4; round++) {
      vi.advanceTimersByTime(0);
      await this.t.finishInProgressScheduledFunctions();
    }
  }

  /**
   * Moves server time forward: a second at a time with the clock running each
   * second and the present video sides beating every 5 s, or in one jump (every
   * tick late, heartbeats missed).
   */
  async elapse(ms: number, ticked: boolean): Promise<void> {
    if (!ticked) {
      vi.advanceTimersByTime(ms);
      await this.runDue();
    } else {
      for (let done = 0; done < ms; done += 1000) {
        vi.advanceTimersByTime(Math.min(1000, ms - done));
        await this.runDue();
        if (Date.now() % 5000 < 1000) await this.beat();
      }
    }
    // The reminder cron runs every minute: after time passes, the sweep finds what became due.
    if (remindersDue(this)) await sweepReminders(this);
  }

  /** Every present side of a running video session sends a heartbeat now. */
  async beat(): Promise<void> {
    for (const s of this.rows("sessions")) {
      if (s.kind !== "video" || !RUNNING.has(s.status as string)) continue;
      for (const side of ["client", "advisor"] as const) {
        const userId = (side === "client" ? s.clientId : s.advisorUserId) as string;
        if (this.present.get(userId) === false) continue;
        const party = side === "client" ? this.clients.find((p) => p.userId === userId) : this.advisors.find((p) => p.userId === userId);
        try {
          await party!.as.mutation(api.presence.heartbeat, { sessionId: s._id as Id<"sessions">, connected: true });
        } catch (error) {
          if (!isRefusal(error)) throw new SimBreak(`heartbeat threw ${error instanceof Error ? error.message : String(error)}`);
        }
      }
    }
  }

  /** The invariants now; `full` rechecks every session. Scheduled jobs that failed count too. */
  check(full = false): string[] {
    const problems = checkInvariants(this.shadow, full);
    problems.push(...this.engineProblems.splice(0));
    return problems;
  }
}

export type RunResult = { ops: Op[]; outcomes: string[]; failure: { step: number; problems: string[] } | null };

/** Error output of the engine that means a bug: a scheduled job that threw, the clock giving up on a session. */
function watchEngineErrors(world: World) {
  return vi.spyOn(console, "error").mockImplementation((...parts: unknown[]) => {
    world.engineProblems.push(`engine error: ${parts.map((p) => (p instanceof Error ? p.message : String(p))).join(" ")}`);
  });
}

async function runWith(next: (world: World, step: number) => Op | null, opts: { checkEvery?: number } = {}): Promise<RunResult> {
  const world = await World.create();
  const spy = watchEngineErrors(world);
  const ops: Op[] = [];
  const outcomes: string[] = [];
  try {
    for (let step = 0; ; step++) {
      const op = next(world, step);
      if (op === null) break;
      ops.push(op);
      let problems: string[];
      try {
        outcomes.push(await world.exec(op));
        problems = world.check(opts.checkEvery !== undefined && step % opts.checkEvery === 0);
      } catch (error) {
        if (!(error instanceof SimBreak)) throw error;
        problems = [error.message, ...world.check()];
      }
      if (problems.length > 0) return { ops, outcomes, failure: { step, problems } };
    }
    const problems = [...world.check(true), ...(await checkFromScratch(world))];
    return { ops, outcomes, failure: problems.length > 0 ? { step: ops.length, problems } : null };
  } finally {
    spy.mockRestore();
  }
}

/** A seed's history of `count` operations, checked after each. */
export async function runSeed(seed: number, count: number): Promise<RunResult> {
  const rng = prng(seed);
  return await runWith((world, step) => (step < count ? world.generate(rng) : null), { checkEvery: 100 });
}

/** Replays a recorded history exactly. */
export async function runOps(ops: readonly Op[]): Promise<RunResult> {
  return await runWith((_, step) => ops[step] ?? null);
}

/** The first problem's words without ids or amounts, to tell whether a shorter history fails the same way. */
function signature(problem: string): string {
  return problem.replace(/\d+[a-z_]*/g, "#").slice(0, 60);
}

/**
 * The shortest history that still fails the same way: drops chunks of
 * operations, halving the chunk size down to one, while the rest still fails.
 */
export async function shrink(ops: readonly Op[], problem: string, budgetMs = 120_000): Promise<Op[]> {
  const deadline = Date.now() + budgetMs;
  const same = async (candidate: Op[]) => {
    const { failure } = await runOps(candidate);
    return failure !== null && failure.problems.some((p) => signature(p) === signature(problem));
  };
  let current = [...ops];
  for (let chunk = Math.max(1, Math.floor(current.length / 2)); chunk >= 1 && Date.now() < deadline; chunk = Math.floor(chunk / 2)) {
    for (let start = current.length - chunk; start >= 0 && Date.now() < deadline; start -= chunk) {
      const candidate = [...current.slice(0, start), ...current.slice(start + chunk)];
      if (await same(candidate)) current = candidate;
    }
  }
  return current;
}

function stableJson(value: unknown): string {
  return JSON.stringify(value, (_, v: unknown) =>
    v !== null && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v,
  );
}

/** The invariants once more, reading every table through the database instead of the commit feed. */
export async function checkFromScratch(world: World): Promise<string[]> {
  const tables = ["sessions", "ledgerAccounts", "ledgerTransactions", "ledgerEntries", "ledgerHolds", "topUpCheckouts", "advisorEarningTotals", "advisorEarningDays", "bookings"] as const;
  const fresh = await world.t.run(async (ctx) => {
    const out: Record<string, Row[]> = {};
    for (const table of tables) out[table] = (await ctx.db.query(table).collect()) as unknown as Row[];
    return out;
  });
  const problems: string[] = [];
  for (const table of tables) {
    const shadow = world.shadow.table(table);
    if (fresh[table].length !== shadow.size) problems.push(`${table} has ${fresh[table].length} rows but the commit feed saw ${shadow.size}`);
    for (const row of fresh[table]) {
      if (stableJson(row) !== stableJson(shadow.get(row._id))) problems.push(`${table} ${row._id} differs from what the commit feed saw`);
    }
  }
  return problems;
}

export const SIM_ENV = { STRIPE_WEBHOOK_SECRET: TEST_WEBHOOK_SECRET, STRIPE_SECRET_KEY: "" };
