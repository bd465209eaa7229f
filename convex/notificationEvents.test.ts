import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { api } from "./_generated/api";
import type { Id } from "./_generated/dataModel";
import { ALERT_BATCH } from "./model/onlineAlerts";
import { advisorProfileId, elapse, runDue, setup, startSession, useFakeClock } from "./sessions.fixtures";
import { makeUser, type TestConvex } from "./test.factories";

beforeEach(useFakeClock);
afterEach(() => vi.useRealTimers());

const page = { paginationOpts: { numItems: 20, cursor: null } };
type Caller = Awaited<ReturnType<typeof makeUser>>["as"];
const kinds = async (as: Caller) => (await as.query(api.notifications.list, page)).page.map((n) => n.kind);
const emailsTo = (t: TestConvex, userId: Id<"users">) =>
  t.run(async (ctx) => (await ctx.db.query("emailOutbox").withIndex("by_userId_and_createdAt", (q) => q.eq("userId", userId)).collect()).map((m) => m.kind));

describe("session events notify", () => {
  it("the client of the accept and the receipt, the advisor of a rating and of a dispute (emailed by default)", async () => {
    const s = await setup({ balance: 5000 });
    const sessionId = await startSession(s, "chat");
    expect(await kinds(s.client.as)).toEqual(["session_accepted"]);
    vi.advanceTimersByTime(90_000);
    await s.client.as.mutation(api.sessions.endSession, { sessionId });
    const [receipt] = (await s.client.as.query(api.notifications.list, page)).page;
    expect(receipt).toMatchObject({ kind: "receipt_ready", href: `/session/${sessionId}/receipt` });
    expect(receipt.body).toMatch(/^Charged \$/);
    await s.client.as.mutation(api.ratings.rate, { sessionId, stars: 4 });
    await s.client.as.mutation(api.disputes.open, { sessionId, reason: "technical_problem", description: "The chat froze twice." });
    expect(await kinds(s.advisor.as)).toEqual(["dispute_opened", "rating_received", "session_requested"]);
    expect(await emailsTo(s.t, s.advisor.userId)).toEqual(["dispute_opened"]);
    expect(await emailsTo(s.t, s.client.userId)).toEqual([]);
  });

  it("the client of the first low-balance warning only", async () => {
    const s = await setup({ balance: 300, chatRate: 60 });
    const sessionId = await startSession(s, "chat");
    let turn = 0;
    await elapse(s.t, 250_000, 10_000, async () => {
      const speaker = turn++ % 2 === 0 ? s.client : s.advisor;
      await speaker.as.mutation(api.messages.send, { sessionId, body: `message ${turn}` });
    });
    expect((await kinds(s.client.as)).filter((k) => k === "balance_warning")).toHaveLength(1);
    const warnings = await s.t.run((ctx) => ctx.db.query("balanceWarnings").collect());
    expect(warnings.length).toBe(2);
  });
});

describe("notify me when online", () => {
  it("tells a waiting client once when the advisor goes online, in-app and by email, and forgets the alert", async () => {
    const s = await setup({ balance: 5000 });
    await s.advisor.as.mutation(api.advisors.setOnline, { isOnline: false });
    await s.client.as.mutation(api.onlineAlerts.ask, { advisorId: s.advisorId });
    await s.client.as.mutation(api.onlineAlerts.ask, { advisorId: s.advisorId });
    expect(await s.client.as.query(api.onlineAlerts.waiting, { advisorId: s.advisorId })).toBe(true);
    await s.advisor.as.mutation(api.advisors.setOnline, { isOnline: true });
    const [told] = (await s.client.as.query(api.notifications.list, page)).page;
    expect(told).toMatchObject({ kind: "advisor_online", href: `/advisors/${s.advisorId}` });
    expect(await emailsTo(s.t, s.client.userId)).toEqual(["advisor_online"]);
    expect(await s.client.as.query(api.onlineAlerts.waiting, { advisorId: s.advisorId })).toBe(false);
    await s.advisor.as.mutation(api.advisors.setOnline, { isOnline: false });
    await s.advisor.as.mutation(api.advisors.setOnline, { isOnline: true });
    expect(await kinds(s.client.as)).toEqual(["advisor_online"]);
  });

  it("tells a client waiting for a busy advisor when the session ends; a cancelled alert tells no one", async () => {
    const s = await setup({ balance: 5000 });
    const other = await makeUser(s.t, "client");
    const quitter = await makeUser(s.t, "client");
    const sessionId = await startSession(s, "chat");
    await other.as.mutation(api.onlineAlerts.ask, { advisorId: s.advisorId });
    await quitter.as.mutation(api.onlineAlerts.ask, { advisorId: s.advisorId });
    await quitter.as.mutation(api.onlineAlerts.cancel, { advisorId: s.advisorId });
    vi.advanceTimersByTime(60_000);
    await s.client.as.mutation(api.sessions.endSession, { sessionId });
    expect(await kinds(other.as)).toEqual(["advisor_online"]);
    expect(await kinds(quitter.as)).toEqual([]);
  });

  it("refuses visitors, advisors, an advisor who is online and free, and an unknown advisor", async () => {
    const s = await setup({ balance: 0 });
    await expect(s.t.mutation(api.onlineAlerts.ask, { advisorId: s.advisorId })).rejects.toMatchObject({ data: { code: "UNAUTHENTICATED" } });
    await expect(s.advisor.as.mutation(api.onlineAlerts.ask, { advisorId: s.advisorId })).rejects.toMatchObject({ data: { code: "FORBIDDEN" } });
    await expect(s.client.as.mutation(api.onlineAlerts.ask, { advisorId: s.advisorId })).rejects.toMatchObject({ data: { code: "CONFLICT" } });
    const gone = await advisorProfileId(s.t, (await makeUser(s.t, "advisor")).userId);
    await s.t.run((ctx) => ctx.db.patch(gone, { status: "rejected" }));
    await expect(s.client.as.mutation(api.onlineAlerts.ask, { advisorId: gone })).rejects.toMatchObject({ data: { code: "NOT_FOUND" } });
    expect(await s.t.run((ctx) => ctx.db.query("onlineAlerts").collect())).toEqual([]);
  });

  it("tells many waiting clients in bounded batches", async () => {
    const s = await setup({ balance: 0 });
    await s.advisor.as.mutation(api.advisors.setOnline, { isOnline: false });
    const waiting = ALERT_BATCH + 20;
    await s.t.run(async (ctx) => {
      for (let i = 0; i < waiting; i++) {
        const clientId = await ctx.db.insert("users", { tokenIdentifier: `t|${i}`, name: `C${i}`, email: `c${i}@example.com`, role: "client" });
        await ctx.db.insert("onlineAlerts", { advisorId: s.advisorId, clientId, at: i });
      }
    });
    const told = () => s.t.run(async (ctx) => (await ctx.db.query("notifications").collect()).filter((n) => n.kind === "advisor_online").length);
    await s.advisor.as.mutation(api.advisors.setOnline, { isOnline: true });
    expect(await told()).toBe(ALERT_BATCH);
    await runDue(s.t);
    expect(await told()).toBe(waiting);
    expect(await s.t.run((ctx) => ctx.db.query("onlineAlerts").collect())).toEqual([]);
  });
});
