/** Suspension during a live session (issue 15): the running session is not cut, but nothing new starts. */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { api } from "./_generated/api";
import { shareDocument } from "./documents.fixtures";
import { auditLedger } from "./ledger.testkit";
import * as Ledger from "./model/ledger";
import { accountBalance, advisorProfileId, elapse, sessionDoc, setup, startSession, useFakeClock, videoSession } from "./sessions.fixtures";
import { fund, makeUser, wallet, type TestConvex } from "./test.factories";
import { bytesOf } from "../lib/documents/sampleFiles";
import type { Id } from "./_generated/dataModel";

beforeEach(useFakeClock);
afterEach(() => vi.useRealTimers());

const SUSPENDED = { data: { code: "FORBIDDEN", message: expect.stringContaining("suspended") } };
const page = { paginationOpts: { numItems: 20, cursor: null } };

async function suspend(t: TestConvex, userId: Id<"users">) {
  const admin = await makeUser(t, "admin");
  await admin.as.mutation(api.userAdmin.setStatus, { userId, status: "suspended", reason: "Under review" });
}

async function listed(t: TestConvex) {
  const result = await t.query(api.advisors.discover, { ...page, priceKind: "chat", onlineOnly: false, sort: "recommended" });
  return result.page.map((a) => a._id);
}

describe("suspending a user in a live session", () => {
  it("lets a suspended advisor finish the chat: both sides keep talking, billing runs on and settles exactly", async () => {
    const s = await setup({ balance: 5000, chatRate: 60 });
    const sessionId = await startSession(s, "chat");
    await elapse(s.t, 30_000);
    expect(await listed(s.t)).toContain(s.advisorId);

    await suspend(s.t, s.advisor.userId);
    expect(await listed(s.t)).not.toContain(s.advisorId);
    expect(await s.advisor.as.query(api.users.current, {})).toMatchObject({ suspended: true, liveSessionId: sessionId });
    await s.advisor.as.mutation(api.messages.send, { sessionId, body: "Let me finish this answer." });
    await s.client.as.mutation(api.messages.send, { sessionId, body: "Thanks." });
    await s.advisor.as.mutation(api.sessions.pauseSession, { sessionId });
    await s.advisor.as.mutation(api.sessions.resumeSession, { sessionId });
    await elapse(s.t, 30_000);
    await expect(s.advisor.as.query(api.sessions.get, { sessionId })).resolves.toMatchObject({ status: "active", billedSeconds: 60 });
    expect((await s.advisor.as.query(api.messages.list, { sessionId })).filter((m) => m.kind === "user").map((m) => m.body)).toEqual([
      "Let me finish this answer.",
      "Thanks.",
    ]);
    // Nothing outside the room: going online is refused.
    await expect(s.advisor.as.mutation(api.advisors.setOnline, { isOnline: true })).rejects.toMatchObject(SUSPENDED);

    await s.advisor.as.mutation(api.sessions.endSession, { sessionId });
    const ended = await sessionDoc(s.t, sessionId);
    expect(ended).toMatchObject({ status: "ended", billedSeconds: 60, chargeCents: 60 });
    expect(ended.feeCents! + ended.earningCents!).toBe(60);
    await expect(wallet(s.t, s.client.userId)).resolves.toMatchObject({ cash: 4940, held: 0 });
    await expect(accountBalance(s.t, Ledger.advisorPending(s.advisor.userId))).resolves.toBe(ended.earningCents);
    await expect(s.t.run((ctx) => auditLedger(ctx))).resolves.toMatchObject({ ok: true });

    // Once it has ended the room is closed to them as well, and they stay hidden and offline.
    await expect(s.advisor.as.query(api.sessions.get, { sessionId })).rejects.toMatchObject(SUSPENDED);
    await expect(s.advisor.as.mutation(api.messages.send, { sessionId, body: "One more thing" })).rejects.toMatchObject(SUSPENDED);
    expect(await s.advisor.as.query(api.users.current, {})).not.toHaveProperty("liveSessionId");
    await expect(s.client.as.query(api.sessions.get, { sessionId })).resolves.toMatchObject({ status: "ended" });
    expect(await s.t.run((ctx) => ctx.db.get(s.advisorId))).toMatchObject({ status: "suspended", isOnline: false });
    expect(await listed(s.t)).not.toContain(s.advisorId);
  });

  it("lets a suspended client finish a video call (heartbeats, signals, documents) and end it; then nothing new", async () => {
    const s = await videoSession(2000);
    await elapse(s.t, 10_000, 1000, s.beat);
    await suspend(s.t, s.client.userId);
    await elapse(s.t, 20_000, 1000, s.beat);
    await s.client.as.mutation(api.signals.send, { sessionId: s.sessionId, kind: "offer", payload: "{}" });
    await expect(s.advisor.as.query(api.signals.listForMe, { sessionId: s.sessionId })).resolves.toHaveLength(1);
    const documentId = await shareDocument(s.t, s.client, s.sessionId, "notes.txt", bytesOf("my notes"));
    await expect(s.client.as.query(api.documents.list, { sessionId: s.sessionId })).resolves.toMatchObject([{ _id: documentId }]);
    await expect(s.client.as.mutation(api.documents.downloadUrl, { sessionId: s.sessionId, documentId })).resolves.toMatch(/^https?:\/\//);
    await expect(s.client.as.query(api.presence.videoSettings, {})).resolves.toMatchObject({ heartbeatSeconds: expect.any(Number) });
    // A new request is refused outright, even while the current session runs.
    await expect(s.client.as.mutation(api.sessions.requestSession, { advisorId: s.advisorId, kind: "chat" })).rejects.toMatchObject(SUSPENDED);
    await expect(s.client.as.query(api.wallets.summary, {})).rejects.toMatchObject(SUSPENDED);

    await s.client.as.mutation(api.sessions.endSession, { sessionId: s.sessionId });
    const ended = await sessionDoc(s.t, s.sessionId);
    expect(ended).toMatchObject({ status: "ended", billedSeconds: 30, chargeCents: 30 });
    await expect(wallet(s.t, s.client.userId)).resolves.toMatchObject({ cash: 1970, held: 0 });
    await expect(s.t.run((ctx) => auditLedger(ctx))).resolves.toMatchObject({ ok: true });
    await expect(s.client.as.mutation(api.ratings.rate, { sessionId: s.sessionId, stars: 5 })).rejects.toMatchObject(SUSPENDED);
    await expect(s.client.as.mutation(api.presence.heartbeat, { sessionId: s.sessionId, connected: true })).rejects.toMatchObject(SUSPENDED);
    await expect(s.client.as.mutation(api.sessions.requestSession, { advisorId: s.advisorId, kind: "chat" })).rejects.toMatchObject(SUSPENDED);
  });

  it("admits a suspended user to no session but the running one they take part in", async () => {
    const s = await setup({ balance: 5000, chatRate: 60 });
    const sessionId = await startSession(s, "chat");
    const foreign = await startSession(await otherPair(s.t), "chat");
    await suspend(s.t, s.client.userId);
    await expect(s.client.as.query(api.messages.list, { sessionId: foreign })).rejects.toMatchObject(SUSPENDED);
    await expect(s.client.as.query(api.messages.list, { sessionId })).resolves.toEqual(expect.any(Array));
  });
});

/** Another funded client and online advisor, for a session the suspended user takes no part in. */
async function otherPair(t: TestConvex) {
  const client = await makeUser(t, "client");
  const advisor = await makeUser(t, "advisor");
  const advisorId = await advisorProfileId(t, advisor.userId);
  await t.run((ctx) => ctx.db.patch(advisorId, { isOnline: true }));
  await fund(t, client.userId, 5000);
  return { t, client, advisor, advisorId };
}

describe("suspending a user with pending requests", () => {
  it("cancels requests to a suspended advisor and tells the client; the advisor cannot accept or go online", async () => {
    const s = await setup({ balance: 5000, chatRate: 60 });
    const sessionId = await s.client.as.mutation(api.sessions.requestSession, { advisorId: s.advisorId, kind: "chat" });
    await suspend(s.t, s.advisor.userId);
    expect(await sessionDoc(s.t, sessionId)).toMatchObject({ status: "cancelled" });
    const { page: notices } = await s.client.as.query(api.notifications.list, page);
    expect(notices[0]).toMatchObject({ title: expect.stringContaining("not available"), body: expect.stringContaining("nothing was charged") });
    await expect(s.advisor.as.mutation(api.sessions.acceptSession, { sessionId })).rejects.toMatchObject(SUSPENDED);
    await expect(s.advisor.as.mutation(api.advisors.setOnline, { isOnline: true })).rejects.toMatchObject(SUSPENDED);
    await expect(s.client.as.mutation(api.sessions.requestSession, { advisorId: s.advisorId, kind: "chat" })).rejects.toMatchObject({ data: { code: "NOT_FOUND" } });
    await expect(wallet(s.t, s.client.userId)).resolves.toMatchObject({ cash: 5000, held: 0 });
  });

  it("cancels a suspended client's own waiting request, so the advisor cannot accept it; nothing is charged", async () => {
    const s = await setup({ balance: 5000, chatRate: 60 });
    const sessionId = await s.client.as.mutation(api.sessions.requestSession, { advisorId: s.advisorId, kind: "chat" });
    await suspend(s.t, s.client.userId);
    expect(await sessionDoc(s.t, sessionId)).toMatchObject({ status: "cancelled" });
    await expect(s.advisor.as.query(api.sessions.incomingRequests, {})).resolves.toEqual([]);
    await expect(s.advisor.as.mutation(api.sessions.acceptSession, { sessionId })).rejects.toMatchObject({ data: { code: "CONFLICT" } });
    await expect(wallet(s.t, s.client.userId)).resolves.toMatchObject({ cash: 5000, held: 0 });
  });
});
