import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { api } from "./_generated/api";
import { elapse, sessionDoc, setup, startSession, T0, useFakeClock } from "./sessions.fixtures";
import { makeUser } from "./test.factories";
import { TEXT_LIMITS } from "../lib/forms/textLimits";

beforeEach(useFakeClock);
afterEach(() => vi.useRealTimers());

describe("messages.send", () => {
  it("shows messages from both sides in order, with system messages", async () => {
    const s = await setup({ balance: 1000 });
    const sessionId = await startSession(s, "chat");
    await s.client.as.mutation(api.messages.send, { sessionId, body: " Hello " });
    vi.advanceTimersByTime(1000);
    await s.advisor.as.mutation(api.messages.send, { sessionId, body: "Hi, how can I help?" });
    const messages = await s.advisor.as.query(api.messages.list, { sessionId });
    expect(messages.map((m) => [m.kind, m.authorId ?? null, m.body, m.at])).toEqual([
      ["system", null, "The session has started.", T0],
      ["user", s.client.userId, "Hello", T0],
      ["user", s.advisor.userId, "Hi, how can I help?", T0 + 1000],
    ]);
  });

  it("pauses billing after 90 s without a message and resumes on the next one", async () => {
    const s = await setup({ balance: 1000, chatRate: 60 });
    const sessionId = await startSession(s, "chat");
    await elapse(s.t, 30_000, 10_000);
    await s.client.as.mutation(api.messages.send, { sessionId, body: "first" });
    await elapse(s.t, 89_000);
    expect(await sessionDoc(s.t, sessionId)).toMatchObject({ status: "active", billedSeconds: 119 });
    await elapse(s.t, 1000);
    expect(await sessionDoc(s.t, sessionId)).toMatchObject({ status: "paused", pauseReason: "inactive", pausedAt: T0 + 120_000, billedSeconds: 120, chargeCents: 120 });

    await elapse(s.t, 60_000, 10_000);
    expect((await sessionDoc(s.t, sessionId)).billedSeconds).toBe(120);
    await s.advisor.as.mutation(api.messages.send, { sessionId, body: "still there?" });
    expect(await sessionDoc(s.t, sessionId)).toMatchObject({ status: "active", resumedAt: T0 + 180_000 });
    await elapse(s.t, 10_000);
    await expect(s.client.as.query(api.sessions.get, { sessionId })).resolves.toMatchObject({ status: "active", billedSeconds: 130, chargeCents: 130 });
  });

  it("pauses at the exact inactivity moment even when no tick ran, before taking a late message", async () => {
    const s = await setup({ balance: 1000, chatRate: 60 });
    const sessionId = await startSession(s, "chat");
    // Stop the clock chain so only the message catches billing up.
    await s.t.run(async (ctx) => ctx.db.patch((await ctx.db.query("billingClock").first())!._id, { generation: 42 }));
    vi.advanceTimersByTime(100_000);
    await s.client.as.mutation(api.messages.send, { sessionId, body: "sorry, I was away" });
    expect(await sessionDoc(s.t, sessionId)).toMatchObject({ status: "active", billedMs: 90_000, resumedAt: T0 + 100_000 });
  });

  it("does not resume a manual pause", async () => {
    const s = await setup({ balance: 1000 });
    const sessionId = await startSession(s, "chat");
    await s.client.as.mutation(api.sessions.pauseSession, { sessionId });
    await s.advisor.as.mutation(api.messages.send, { sessionId, body: "ok, take your time" });
    expect(await sessionDoc(s.t, sessionId)).toMatchObject({ status: "paused", pauseReason: "manual" });
  });

  it("refuses empty and over-long messages, and messages outside a live session", async () => {
    const s = await setup({ balance: 1000 });
    const sessionId = await startSession(s, "chat");
    await expect(s.client.as.mutation(api.messages.send, { sessionId, body: "   " })).rejects.toMatchObject({ data: { code: "INVALID_ARGUMENT" } });
    await expect(s.client.as.mutation(api.messages.send, { sessionId, body: "x".repeat(2001) })).rejects.toMatchObject({ data: { code: "INVALID_ARGUMENT" } });
    await s.client.as.mutation(api.sessions.endSession, { sessionId });
    await expect(s.client.as.mutation(api.messages.send, { sessionId, body: "bye" })).rejects.toMatchObject({ data: { code: "CONFLICT" } });
  });

  it("keeps a message of exactly the limit whole and refuses one character more, storing nothing", async () => {
    const s = await setup({ balance: 1000 });
    const sessionId = await startSession(s, "chat");
    const longest = "x".repeat(TEXT_LIMITS.chatMessage);
    await s.client.as.mutation(api.messages.send, { sessionId, body: longest });
    await expect(s.client.as.mutation(api.messages.send, { sessionId, body: `${longest}y` })).rejects.toMatchObject({ data: { code: "INVALID_ARGUMENT" } });
    await expect(s.client.as.mutation(api.messages.send, { sessionId, body: "z".repeat(3000) })).rejects.toMatchObject({ data: { code: "INVALID_ARGUMENT" } });
    const userMessages = (await s.client.as.query(api.messages.list, { sessionId })).filter((m) => m.kind === "user");
    expect(userMessages.map((m) => m.body.length)).toEqual([TEXT_LIMITS.chatMessage]);
  });

  it("limits how fast a participant can send", async () => {
    const s = await setup({ balance: 1000 });
    await s.t.run((ctx) => ctx.db.insert("platformSettings", { chatMessagesMaxPerMinute: 3, updatedAt: Date.now() }));
    const sessionId = await startSession(s, "chat");
    for (let i = 0; i < 3; i++) await s.client.as.mutation(api.messages.send, { sessionId, body: `m${i}` });
    await expect(s.client.as.mutation(api.messages.send, { sessionId, body: "too fast" })).rejects.toMatchObject({ data: { code: "RATE_LIMITED" } });
    await expect(s.advisor.as.mutation(api.messages.send, { sessionId, body: "my turn" })).resolves.toBeDefined();
    vi.advanceTimersByTime(60_000);
    await expect(s.client.as.mutation(api.messages.send, { sessionId, body: "later" })).resolves.toBeDefined();
  });

  it("refuses non-participants, admins and anonymous callers", async () => {
    const s = await setup({ balance: 1000 });
    const sessionId = await startSession(s, "chat");
    for (const role of ["client", "advisor", "admin"] as const) {
      const user = await makeUser(s.t, role);
      await expect(user.as.mutation(api.messages.send, { sessionId, body: "hi" })).rejects.toMatchObject({ data: { code: "FORBIDDEN" } });
    }
    await expect(s.t.mutation(api.messages.send, { sessionId, body: "hi" })).rejects.toMatchObject({ data: { code: "UNAUTHENTICATED" } });
  });
});
