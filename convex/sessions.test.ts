import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { api, internal } from "./_generated/api";
import * as Ledger from "./model/ledger";
import { elapse, sessionDoc, setup, startSession, T0, useFakeClock } from "./sessions.fixtures";
import { fund, makeUser } from "./test.factories";

beforeEach(useFakeClock);
afterEach(() => vi.useRealTimers());

async function events(t: Awaited<ReturnType<typeof setup>>["t"], sessionId: string) {
  const rows = await t.run((ctx) => ctx.db.query("sessionEvents").collect());
  return rows.filter((e) => e.sessionId === sessionId).map(({ kind, actorRole, reason, at }) => ({ kind, actorRole, reason, at }));
}

describe("sessions.requestSession", () => {
  it("snapshots the advisor's rate and waits for an answer", async () => {
    const s = await setup({ balance: 1000, chatRate: 50 });
    const sessionId = await s.client.as.mutation(api.sessions.requestSession, { advisorId: s.advisorId, kind: "chat" });
    const view = await s.client.as.query(api.sessions.get, { sessionId });
    expect(view).toMatchObject({ status: "requested", kind: "chat", rateCentsPerMinute: 50, currency: "USD", expiresAt: T0 + 60_000, viewerRole: "client" });
    await expect(s.advisor.as.query(api.sessions.incomingRequests, {})).resolves.toMatchObject([{ _id: sessionId }]);
    expect(await events(s.t, sessionId)).toEqual([{ kind: "requested", actorRole: "client", reason: undefined, at: T0 }]);
  });

  it("refuses a client whose balance covers less than 3 minutes, and accepts exactly 3", async () => {
    const s = await setup({ balance: 299, videoRate: 100 });
    await expect(s.client.as.mutation(api.sessions.requestSession, { advisorId: s.advisorId, kind: "video" })).rejects.toMatchObject({
      data: { code: "INSUFFICIENT_FUNDS" },
    });
    await fund(s.t, s.client.userId, 1);
    await expect(s.client.as.mutation(api.sessions.requestSession, { advisorId: s.advisorId, kind: "video" })).resolves.toBeDefined();
  });

  it("limits session requests per hour", async () => {
    const s = await setup({ balance: 1000 });
    await s.t.run((ctx) => ctx.db.insert("platformSettings", { sessionRequestsMaxPerHour: 2, updatedAt: Date.now() }));
    for (let i = 0; i < 2; i++) {
      const sessionId = await s.client.as.mutation(api.sessions.requestSession, { advisorId: s.advisorId, kind: "chat" });
      await s.client.as.mutation(api.sessions.cancelRequest, { sessionId });
    }
    await expect(s.client.as.mutation(api.sessions.requestSession, { advisorId: s.advisorId, kind: "chat" })).rejects.toMatchObject({
      data: { code: "RATE_LIMITED" },
    });
    vi.advanceTimersByTime(60 * 60 * 1000);
    await expect(s.client.as.mutation(api.sessions.requestSession, { advisorId: s.advisorId, kind: "chat" })).resolves.toBeDefined();
  });

  it("refuses an offline advisor", async () => {
    const s = await setup({ balance: 1000 });
    await s.advisor.as.mutation(api.advisors.setOnline, { isOnline: false });
    await expect(s.client.as.mutation(api.sessions.requestSession, { advisorId: s.advisorId, kind: "chat" })).rejects.toMatchObject({
      data: { code: "CONFLICT" },
    });
  });

  it("refuses an advisor who is not approved", async () => {
    const s = await setup({ balance: 1000 });
    await s.t.run((ctx) => ctx.db.patch(s.advisorId, { status: "pending" }));
    await expect(s.client.as.mutation(api.sessions.requestSession, { advisorId: s.advisorId, kind: "chat" })).rejects.toMatchObject({
      data: { code: "NOT_FOUND" },
    });
  });

  it("refuses a busy advisor and a client who already has a live session", async () => {
    const s = await setup({ balance: 1000 });
    await startSession(s, "chat");
    const other = await makeUser(s.t, "client");
    await fund(s.t, other.userId, 1000);
    await expect(other.as.mutation(api.sessions.requestSession, { advisorId: s.advisorId, kind: "chat" })).rejects.toMatchObject({
      data: { code: "CONFLICT" },
    });
    await expect(s.client.as.query(api.presence.advisorStatus, { advisorId: s.advisorId })).resolves.toBe("busy");

    const secondAdvisor = await makeUser(s.t, "advisor");
    await secondAdvisor.as.mutation(api.advisors.setOnline, { isOnline: true });
    const secondAdvisorId = (await s.t.run((ctx) => ctx.db.query("advisors").withIndex("by_userId", (q) => q.eq("userId", secondAdvisor.userId)).unique()))!._id;
    await expect(s.client.as.mutation(api.sessions.requestSession, { advisorId: secondAdvisorId, kind: "chat" })).rejects.toMatchObject({
      data: { code: "CONFLICT" },
    });
  });

  it.each(["advisor", "admin"] as const)("refuses a %s", async (role) => {
    const s = await setup({ balance: 1000 });
    const user = role === "advisor" ? s.advisor : await makeUser(s.t, "admin");
    await expect(user.as.mutation(api.sessions.requestSession, { advisorId: s.advisorId, kind: "chat" })).rejects.toMatchObject({
      data: { code: "FORBIDDEN" },
    });
  });

  it("refuses anonymous callers", async () => {
    const s = await setup({ balance: 1000 });
    await expect(s.t.mutation(api.sessions.requestSession, { advisorId: s.advisorId, kind: "chat" })).rejects.toMatchObject({
      data: { code: "UNAUTHENTICATED" },
    });
  });
});

describe("sessions request answers", () => {
  it("expires a request the advisor does not answer within 60 s", async () => {
    const s = await setup({ balance: 1000 });
    const sessionId = await s.client.as.mutation(api.sessions.requestSession, { advisorId: s.advisorId, kind: "chat" });
    await elapse(s.t, 59_000, 59_000);
    expect((await sessionDoc(s.t, sessionId)).status).toBe("requested");
    await elapse(s.t, 1000);
    expect((await sessionDoc(s.t, sessionId)).status).toBe("expired");
    await expect(s.advisor.as.mutation(api.sessions.acceptSession, { sessionId })).rejects.toMatchObject({ data: { code: "CONFLICT" } });
    expect((await events(s.t, sessionId)).map((e) => [e.kind, e.actorRole])).toEqual([["requested", "client"], ["expired", "system"]]);
  });

  it("lets the advisor decline and the client cancel", async () => {
    const s = await setup({ balance: 1000 });
    const declined = await s.client.as.mutation(api.sessions.requestSession, { advisorId: s.advisorId, kind: "chat" });
    await s.advisor.as.mutation(api.sessions.declineSession, { sessionId: declined });
    const cancelled = await s.client.as.mutation(api.sessions.requestSession, { advisorId: s.advisorId, kind: "video" });
    await s.client.as.mutation(api.sessions.cancelRequest, { sessionId: cancelled });
    expect((await sessionDoc(s.t, declined)).status).toBe("declined");
    expect((await sessionDoc(s.t, cancelled)).status).toBe("cancelled");
    await elapse(s.t, 61_000, 61_000);
    expect((await sessionDoc(s.t, declined)).status).toBe("declined");
  });

  it("starts billing when the advisor accepts", async () => {
    const s = await setup({ balance: 1000, chatRate: 60 });
    const sessionId = await s.client.as.mutation(api.sessions.requestSession, { advisorId: s.advisorId, kind: "chat" });
    vi.advanceTimersByTime(5000);
    await s.advisor.as.mutation(api.sessions.acceptSession, { sessionId });
    await elapse(s.t, 10_000);
    await expect(s.advisor.as.query(api.sessions.get, { sessionId })).resolves.toMatchObject({
      status: "active",
      acceptedAt: T0 + 5000,
      billedSeconds: 10,
      chargeCents: 10,
      timerColour: "green",
    });
    await expect(s.client.as.query(api.sessions.get, { sessionId })).resolves.toMatchObject({ billedSeconds: 10, availableCents: 990 });
  });

  it("refuses an accept from a suspended advisor and a client who can no longer afford 3 minutes", async () => {
    const s = await setup({ balance: 300, videoRate: 100 });
    const sessionId = await s.client.as.mutation(api.sessions.requestSession, { advisorId: s.advisorId, kind: "video" });
    await s.t.run((ctx) => ctx.db.patch(s.advisorId, { status: "suspended" }));
    await expect(s.advisor.as.mutation(api.sessions.acceptSession, { sessionId })).rejects.toMatchObject({ data: { code: "FORBIDDEN" } });
    await s.t.run((ctx) => ctx.db.patch(s.advisorId, { status: "approved" }));
    await s.t.run((ctx) =>
      Ledger.createHold(ctx, { key: "booking", ownerId: s.client.userId, currency: "USD", amount: 1, description: "Booking", now: Date.now() }),
    );
    await expect(s.advisor.as.mutation(api.sessions.acceptSession, { sessionId })).rejects.toMatchObject({ data: { code: "INSUFFICIENT_FUNDS" } });
    expect((await sessionDoc(s.t, sessionId)).status).toBe("requested");
  });

  it("refuses answers from the client, another advisor and an admin", async () => {
    const s = await setup({ balance: 1000 });
    const sessionId = await s.client.as.mutation(api.sessions.requestSession, { advisorId: s.advisorId, kind: "chat" });
    const otherAdvisor = await makeUser(s.t, "advisor");
    const admin = await makeUser(s.t, "admin");
    for (const fn of [api.sessions.acceptSession, api.sessions.declineSession]) {
      await expect(s.client.as.mutation(fn, { sessionId })).rejects.toMatchObject({ data: { code: "FORBIDDEN" } });
      await expect(otherAdvisor.as.mutation(fn, { sessionId })).rejects.toMatchObject({ data: { code: "FORBIDDEN" } });
      await expect(admin.as.mutation(fn, { sessionId })).rejects.toMatchObject({ data: { code: "FORBIDDEN" } });
    }
    const otherClient = await makeUser(s.t, "client");
    await expect(otherClient.as.mutation(api.sessions.cancelRequest, { sessionId })).rejects.toMatchObject({ data: { code: "FORBIDDEN" } });
    await expect(s.advisor.as.mutation(api.sessions.cancelRequest, { sessionId })).rejects.toMatchObject({ data: { code: "FORBIDDEN" } });
    expect((await sessionDoc(s.t, sessionId)).status).toBe("requested");
  });
});

describe("sessions pause, resume and end", () => {
  it("pauses and resumes manually from either side without billing the pause", async () => {
    const s = await setup({ balance: 1000, videoRate: 60 });
    const sessionId = await startSession(s, "video");
    const beat = async () => {
      await s.client.as.mutation(api.presence.heartbeat, { sessionId, connected: true });
      await s.advisor.as.mutation(api.presence.heartbeat, { sessionId, connected: true });
    };
    await elapse(s.t, 10_000, 5000, beat);
    await s.client.as.mutation(api.sessions.pauseSession, { sessionId });
    await elapse(s.t, 30_000, 5000, beat);
    await s.advisor.as.mutation(api.sessions.resumeSession, { sessionId });
    await elapse(s.t, 10_000, 5000, beat);
    await expect(s.client.as.query(api.sessions.get, { sessionId })).resolves.toMatchObject({ status: "active", billedSeconds: 20, chargeCents: 20 });
    expect((await events(s.t, sessionId)).map((e) => [e.kind, e.actorRole, e.reason])).toEqual([
      ["requested", "client", undefined],
      ["accepted", "advisor", undefined],
      ["billing_started", "system", undefined],
      ["paused", "client", "manual"],
      ["resumed", "advisor", "manual"],
    ]);
  });

  it("refuses pause, resume and end from non-participants and admins", async () => {
    const s = await setup({ balance: 1000 });
    const sessionId = await startSession(s, "chat");
    const otherClient = await makeUser(s.t, "client");
    const otherAdvisor = await makeUser(s.t, "advisor");
    const admin = await makeUser(s.t, "admin");
    for (const fn of [api.sessions.pauseSession, api.sessions.resumeSession, api.sessions.endSession]) {
      for (const user of [otherClient, otherAdvisor, admin]) {
        await expect(user.as.mutation(fn, { sessionId })).rejects.toMatchObject({ data: { code: "FORBIDDEN" } });
      }
      await expect(s.t.mutation(fn, { sessionId })).rejects.toMatchObject({ data: { code: "UNAUTHENTICATED" } });
    }
    expect((await sessionDoc(s.t, sessionId)).status).toBe("active");
  });

  it("lets an admin end any live session, audited; nobody else may use the admin path", async () => {
    const s = await setup({ balance: 1000, chatRate: 60 });
    const sessionId = await startSession(s, "chat");
    await elapse(s.t, 30_000, 10_000);
    for (const user of [s.client, s.advisor]) {
      await expect(user.as.mutation(api.sessions.adminEndSession, { sessionId, reason: "x" })).rejects.toMatchObject({ data: { code: "FORBIDDEN" } });
    }
    const admin = await makeUser(s.t, "admin");
    for (const reason of ["", "   ", "x".repeat(501)]) {
      await expect(admin.as.mutation(api.sessions.adminEndSession, { sessionId, reason })).rejects.toMatchObject({ data: { code: "INVALID_ARGUMENT" } });
    }
    expect((await sessionDoc(s.t, sessionId)).status).toBe("active");
    await admin.as.mutation(api.sessions.adminEndSession, { sessionId, reason: "Abuse report" });
    await expect(admin.as.query(api.sessions.get, { sessionId })).resolves.toMatchObject({ status: "ended", endReason: "admin_ended", chargeCents: 30 });
    const audit = await s.t.run((ctx) => ctx.db.query("auditLog").collect());
    expect(audit).toMatchObject([{ action: "session.end", targetId: sessionId, reason: "Abuse report" }]);
    await expect(admin.as.mutation(api.sessions.adminEndSession, { sessionId, reason: "again" })).rejects.toMatchObject({ data: { code: "CONFLICT" } });
  });

  it("lets an admin withdraw a pending request and list live sessions; others may not list", async () => {
    const s = await setup({ balance: 1000 });
    const sessionId = await s.client.as.mutation(api.sessions.requestSession, { advisorId: s.advisorId, kind: "video" });
    const admin = await makeUser(s.t, "admin");
    await expect(admin.as.query(api.sessions.adminListLive, {})).resolves.toMatchObject([{ _id: sessionId, status: "requested" }]);
    for (const user of [s.client, s.advisor]) {
      await expect(user.as.query(api.sessions.adminListLive, {})).rejects.toMatchObject({ data: { code: "FORBIDDEN" } });
    }
    await admin.as.mutation(api.sessions.adminEndSession, { sessionId, reason: "Test request" });
    expect(await events(s.t, sessionId)).toMatchObject([{ kind: "requested" }, { kind: "cancelled", actorRole: "admin" }]);
    await expect(admin.as.query(api.sessions.adminListLive, {})).resolves.toEqual([]);
  });

  it("frees the advisor and the client when the session ends", async () => {
    const s = await setup({ balance: 1000 });
    const sessionId = await startSession(s, "chat");
    await s.advisor.as.mutation(api.sessions.endSession, { sessionId });
    await expect(s.t.query(api.presence.advisorStatus, { advisorId: s.advisorId })).resolves.toBe("online");
    await expect(s.client.as.query(api.sessions.current, {})).resolves.toBeNull();
    await expect(s.client.as.mutation(api.sessions.requestSession, { advisorId: s.advisorId, kind: "chat" })).resolves.toBeDefined();
  });
});

describe("sessions.enforceLimits", () => {
  it("leaves a session within its limits alone, however often it runs", async () => {
    const s = await setup({ balance: 1000 });
    const sessionId = await startSession(s, "chat");
    await s.client.as.mutation(api.sessions.pauseSession, { sessionId });
    await s.client.as.mutation(api.sessions.resumeSession, { sessionId });
    await s.client.as.mutation(api.sessions.pauseSession, { sessionId });
    await s.t.mutation(internal.sessions.enforceLimits, { sessionId });
    await s.t.mutation(internal.sessions.enforceLimits, { sessionId });
    expect((await sessionDoc(s.t, sessionId)).status).toBe("paused");
  });
});

describe("presence.advisorStatus", () => {
  it("reads offline, online and busy", async () => {
    const s = await setup({ balance: 1000 });
    await s.advisor.as.mutation(api.advisors.setOnline, { isOnline: false });
    await expect(s.t.query(api.presence.advisorStatus, { advisorId: s.advisorId })).resolves.toBe("offline");
    await s.advisor.as.mutation(api.advisors.setOnline, { isOnline: true });
    await expect(s.t.query(api.presence.advisorStatuses, { advisorIds: [s.advisorId] })).resolves.toEqual([{ advisorId: s.advisorId, status: "online" }]);
    await startSession(s, "chat");
    await expect(s.t.query(api.presence.advisorStatus, { advisorId: s.advisorId })).resolves.toBe("busy");
  });
});
