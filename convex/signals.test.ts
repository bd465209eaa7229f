import { jwtVerify } from "jose";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { api } from "./_generated/api";
import { setup, startSession, useFakeClock } from "./sessions.fixtures";
import { makeUser } from "./test.factories";

beforeEach(useFakeClock);
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllEnvs();
});

describe("signals", () => {
  it("delivers offers, answers and ICE candidates to the other participant only", async () => {
    const s = await setup({ balance: 1000 });
    const sessionId = await startSession(s, "video");
    await s.client.as.mutation(api.signals.send, { sessionId, kind: "offer", payload: '{"sdp":"o"}' });
    await s.advisor.as.mutation(api.signals.send, { sessionId, kind: "answer", payload: '{"sdp":"a"}' });
    const first = await s.advisor.as.query(api.signals.listForMe, { sessionId });
    expect(first.map((x) => [x.kind, x.payload])).toEqual([["offer", '{"sdp":"o"}']]);
    await s.client.as.mutation(api.signals.send, { sessionId, kind: "ice", payload: '{"candidate":"c"}' });
    const newer = await s.advisor.as.query(api.signals.listForMe, { sessionId, after: first[0]._creationTime });
    expect(newer.map((x) => x.kind)).toEqual(["ice"]);
    await expect(s.client.as.query(api.signals.listForMe, { sessionId })).resolves.toMatchObject([{ kind: "answer" }]);
    const stranger = await makeUser(s.t, "client");
    await expect(stranger.as.mutation(api.signals.send, { sessionId, kind: "offer", payload: "{}" })).rejects.toMatchObject({ data: { code: "FORBIDDEN" } });
    await s.client.as.mutation(api.sessions.endSession, { sessionId });
    await expect(s.client.as.mutation(api.signals.send, { sessionId, kind: "bye", payload: "{}" })).rejects.toMatchObject({ data: { code: "CONFLICT" } });
  });
});

describe("signals.send limits", () => {
  it("takes a burst of 120 ICE candidates a minute, refuses the 121st with RATE_LIMITED, and takes more a minute later", async () => {
    const s = await setup({ balance: 100_000 });
    const sessionId = await startSession(s, "video");
    for (let i = 0; i < 120; i++) {
      await s.client.as.mutation(api.signals.send, { sessionId, kind: "ice", payload: `{"candidate":${i}}` });
    }
    await expect(s.client.as.mutation(api.signals.send, { sessionId, kind: "ice", payload: "{}" })).rejects.toMatchObject({
      data: { code: "RATE_LIMITED" },
    });
    expect(await s.advisor.as.query(api.signals.listForMe, { sessionId })).toHaveLength(120);
    // The limit is per sender: the advisor still answers.
    await s.advisor.as.mutation(api.signals.send, { sessionId, kind: "answer", payload: '{"sdp":"a"}' });
    vi.advanceTimersByTime(60_000);
    await s.client.as.mutation(api.signals.send, { sessionId, kind: "ice", payload: '{"candidate":"late"}' });
  });

  it("takes its limit from platformSettings", async () => {
    const s = await setup({ balance: 100_000 });
    const sessionId = await startSession(s, "video");
    await s.t.run((ctx) => ctx.db.insert("platformSettings", { signalsMaxPerMinute: 3, updatedAt: Date.now() }));
    for (let i = 0; i < 3; i++) await s.client.as.mutation(api.signals.send, { sessionId, kind: "ice", payload: "{}" });
    await expect(s.client.as.mutation(api.signals.send, { sessionId, kind: "ice", payload: "{}" })).rejects.toMatchObject({
      data: { code: "RATE_LIMITED" },
    });
  });

  it("refuses a payload over 20,000 characters and stores nothing", async () => {
    const s = await setup({ balance: 1000 });
    const sessionId = await startSession(s, "video");
    await s.client.as.mutation(api.signals.send, { sessionId, kind: "offer", payload: "x".repeat(20_000) });
    await expect(s.client.as.mutation(api.signals.send, { sessionId, kind: "offer", payload: "x".repeat(20_001) })).rejects.toMatchObject({
      data: { code: "INVALID_ARGUMENT" },
    });
    expect(await s.advisor.as.query(api.signals.listForMe, { sessionId })).toHaveLength(1);
  });
});

describe("signals.cursor", () => {
  it("is the newest signal addressed to the caller, so a new call page skips earlier pages' signals", async () => {
    const s = await setup({ balance: 1000 });
    const sessionId = await startSession(s, "video");
    await expect(s.advisor.as.query(api.signals.cursor, { sessionId })).resolves.toBe(0);
    await s.client.as.mutation(api.signals.send, { sessionId, kind: "hello", payload: '{"from":"c1"}' });
    await s.client.as.mutation(api.signals.send, { sessionId, kind: "ice", payload: '{"from":"c1"}' });
    await s.advisor.as.mutation(api.signals.send, { sessionId, kind: "offer", payload: '{"from":"a1"}' });
    const cursor = await s.advisor.as.query(api.signals.cursor, { sessionId });
    const all = await s.advisor.as.query(api.signals.listForMe, { sessionId });
    expect(cursor).toBe(all[1]._creationTime);
    await expect(s.advisor.as.query(api.signals.listForMe, { sessionId, after: cursor })).resolves.toEqual([]);
    await s.client.as.mutation(api.signals.send, { sessionId, kind: "hello", payload: '{"from":"c2"}' });
    await expect(s.advisor.as.query(api.signals.listForMe, { sessionId, after: cursor })).resolves.toMatchObject([{ kind: "hello", payload: '{"from":"c2"}' }]);
    const stranger = await makeUser(s.t, "client");
    await expect(stranger.as.query(api.signals.cursor, { sessionId })).rejects.toMatchObject({ data: { code: "FORBIDDEN" } });
  });
});

describe("signals.videoCall", () => {
  it("uses direct WebRTC without Stream keys", async () => {
    vi.stubEnv("NEXT_PUBLIC_STREAM_API_KEY", "");
    vi.stubEnv("STREAM_API_SECRET", "");
    const s = await setup({ balance: 1000 });
    const sessionId = await startSession(s, "video");
    await expect(s.client.as.action(api.signals.videoCall, { sessionId })).resolves.toEqual({ provider: "webrtc" });
  });

  it("signs a Stream user token for each participant with Stream keys, and refuses everyone else", async () => {
    vi.stubEnv("NEXT_PUBLIC_STREAM_API_KEY", "stream-key");
    vi.stubEnv("STREAM_API_SECRET", "stream-secret");
    const s = await setup({ balance: 1000 });
    const sessionId = await startSession(s, "video");
    const call = await s.advisor.as.action(api.signals.videoCall, { sessionId });
    expect(call).toMatchObject({ provider: "stream", apiKey: "stream-key", userId: s.advisor.userId, callId: sessionId });
    if (call.provider !== "stream") throw new Error("expected a Stream call");
    const { payload } = await jwtVerify(call.token, new TextEncoder().encode("stream-secret"));
    expect(payload.user_id).toBe(s.advisor.userId);
    for (const role of ["client", "advisor", "admin"] as const) {
      const user = await makeUser(s.t, role);
      await expect(user.as.action(api.signals.videoCall, { sessionId })).rejects.toMatchObject({ data: { code: "FORBIDDEN" } });
    }
    await expect(s.t.action(api.signals.videoCall, { sessionId })).rejects.toMatchObject({ data: { code: "UNAUTHENTICATED" } });
  });
});
