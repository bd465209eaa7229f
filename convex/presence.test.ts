import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { api } from "./_generated/api";
import * as Ledger from "./model/ledger";
import { updateSettings } from "./model/settings";
import { accountBalance, elapse, sessionDoc, setup, T0, useFakeClock, videoSession } from "./sessions.fixtures";
import { makeUser, wallet } from "./test.factories";

beforeEach(useFakeClock);
afterEach(() => vi.useRealTimers());

describe("presence.heartbeat", () => {
  it("keeps a video session running while both sides send heartbeats", async () => {
    const s = await videoSession();
    await elapse(s.t, 120_000, 1000, s.beat);
    expect(await sessionDoc(s.t, s.sessionId)).toMatchObject({ status: "active", billedSeconds: 120, clientSeenAt: T0 + 120_000, advisorSeenAt: T0 + 120_000 });
  });

  it("pauses 15 s after a side goes silent, billed to its last heartbeat, and resumes by itself when it is back within the grace", async () => {
    const s = await videoSession();
    await elapse(s.t, 20_000, 1000, s.beat);
    s.present.advisor = false; // last advisor heartbeat at 20 s
    await elapse(s.t, 14_000, 1000, s.beat);
    expect((await sessionDoc(s.t, s.sessionId)).status).toBe("active");
    await elapse(s.t, 1000, 1000, s.beat);
    await expect(s.client.as.query(api.sessions.get, { sessionId: s.sessionId })).resolves.toMatchObject({
      status: "paused",
      pauseReason: "disconnected",
      pausedAt: T0 + 20_000,
      billedSeconds: 20,
      chargeCents: 20,
      endsAt: T0 + 80_000,
    });
    await expect(wallet(s.t, s.client.userId)).resolves.toMatchObject({ held: 20 });
    await elapse(s.t, 35_000, 1000, s.beat);
    s.present.advisor = true;
    await elapse(s.t, 5000, 1000, s.beat); // the advisor is back at 75 s, 55 s into the grace period
    expect(await sessionDoc(s.t, s.sessionId)).toMatchObject({ status: "active", resumedAt: T0 + 75_000, billedSeconds: 20 });
    expect((await sessionDoc(s.t, s.sessionId)).disconnectedAt).toBeUndefined();
    await elapse(s.t, 100_000, 1000, s.beat); // well past the original grace deadline
    expect(await sessionDoc(s.t, s.sessionId)).toMatchObject({ status: "active", billedSeconds: 120 });
    const events = await s.t.run((ctx) => ctx.db.query("sessionEvents").collect());
    expect(events.filter((e) => e.kind === "paused" || e.kind === "resumed").map((e) => [e.kind, e.actorRole, e.reason, e.at])).toEqual([
      ["paused", "system", "disconnected", T0 + 20_000],
      ["resumed", "system", "disconnected", T0 + 75_000],
    ]);
  });

  it("ends the session when a side does not come back within 60 s of its last heartbeat, billed up to that heartbeat", async () => {
    const s = await videoSession();
    await elapse(s.t, 30_000, 1000, s.beat);
    s.present.client = false; // last client heartbeat at 30 s → paused at 45 s, dated 30 s
    await elapse(s.t, 59_000, 1000, s.beat);
    expect((await sessionDoc(s.t, s.sessionId)).status).toBe("paused");
    await elapse(s.t, 1000, 1000, s.beat);
    expect(await sessionDoc(s.t, s.sessionId)).toMatchObject({
      status: "ended",
      endReason: "disconnected",
      endedAt: T0 + 90_000,
      billedSeconds: 30,
      chargeCents: 30,
      feeCents: 3,
      earningCents: 27,
    });
    await expect(wallet(s.t, s.client.userId)).resolves.toMatchObject({ cash: 1970, held: 0 });
    await expect(accountBalance(s.t, Ledger.advisorPending(s.advisor.userId))).resolves.toBe(27);
  });

  it("does not resume while only one side is back", async () => {
    const s = await videoSession();
    await elapse(s.t, 10_000, 1000, s.beat);
    s.present.client = false;
    s.present.advisor = false;
    await elapse(s.t, 20_000, 1000, s.beat);
    expect((await sessionDoc(s.t, s.sessionId)).pauseReason).toBe("disconnected");
    s.present.advisor = true;
    await elapse(s.t, 10_000, 1000, s.beat);
    expect((await sessionDoc(s.t, s.sessionId)).status).toBe("paused");
  });

  it("tells the caller when the session is over and refuses non-participants", async () => {
    const s = await videoSession();
    await s.client.as.mutation(api.sessions.endSession, { sessionId: s.sessionId });
    await expect(s.advisor.as.mutation(api.presence.heartbeat, { sessionId: s.sessionId, connected: true })).resolves.toBe("ended");
    for (const role of ["client", "advisor", "admin"] as const) {
      const user = await makeUser(s.t, role);
      await expect(user.as.mutation(api.presence.heartbeat, { sessionId: s.sessionId, connected: true })).rejects.toMatchObject({ data: { code: "FORBIDDEN" } });
    }
    await expect(s.t.mutation(api.presence.heartbeat, { sessionId: s.sessionId, connected: true })).rejects.toMatchObject({ data: { code: "UNAUTHENTICATED" } });
  });
});

describe("presence.videoSettings", () => {
  it("gives the call page the heartbeat, disconnect and grace timings from the platform settings", async () => {
    const s = await setup({ balance: 1000 });
    await expect(s.client.as.query(api.presence.videoSettings, {})).resolves.toEqual({ heartbeatSeconds: 5, disconnectSeconds: 15, reconnectGraceSeconds: 60 });
    await s.t.run((ctx) => updateSettings(ctx, { videoHeartbeatSeconds: 2, videoDisconnectSeconds: 6 }, { now: Date.now() }));
    await expect(s.advisor.as.query(api.presence.videoSettings, {})).resolves.toEqual({ heartbeatSeconds: 2, disconnectSeconds: 6, reconnectGraceSeconds: 60 });
    await expect(s.t.query(api.presence.videoSettings, {})).rejects.toMatchObject({ data: { code: "UNAUTHENTICATED" } });
  });
});
