import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { api } from "./_generated/api";
import { SHARED_VIEW_FIELDS } from "./model/sessionsViews";
import { SHARED_RECEIPT_FIELDS } from "./receipts";
import { chatUntilZeroBalance, elapse, setup, useFakeClock } from "./sessions.fixtures";
import { fund, makeUser } from "./test.factories";

beforeEach(useFakeClock);
afterEach(() => vi.useRealTimers());

describe("sessions.get while paused", () => {
  it("shows a top-up made during a zero-balance pause live on both sides, with the meter recomputed", async () => {
    // $3.00 at $1.00/min: paused at 3:00 billed with nothing left.
    const s = await chatUntilZeroBalance();
    const sessionId = s.sessionId;
    const paused = { status: "paused", pauseReason: "zero_balance", billedSeconds: 180, chargeCents: 300 };
    await expect(s.client.as.query(api.sessions.get, { sessionId })).resolves.toMatchObject({
      ...paused,
      availableCents: 0,
      remainingSeconds: 0,
      warningLevel: "exhausted",
      timerColour: "black",
      canResume: false,
      resumeHint: "Top up the wallet to resume the session.",
    });

    await fund(s.t, s.client.userId, 1000);
    const afterTopUp = { ...paused, remainingSeconds: 600, warningLevel: "none", timerColour: "green" };
    await expect(s.client.as.query(api.sessions.get, { sessionId })).resolves.toMatchObject({ ...afterTopUp, availableCents: 1000, canResume: true });
    // The advisor sees the time the top-up buys, not the money, and may not restart billing for the client.
    const advisorView = await s.advisor.as.query(api.sessions.get, { sessionId });
    expect(advisorView).toMatchObject({ ...afterTopUp, canResume: false, resumeHint: "Only the client can resume after topping up." });
    expect(advisorView).not.toHaveProperty("availableCents");
  });
});

describe("each role's own view shape (SPEC §4, §10: wallet amounts reach only the client)", () => {
  const WALLET_FIELD = /available|wallet|balance|promo|cash/i;

  it("pins the fields every viewer gets, so a wallet field cannot reach the advisor by being added to them", () => {
    expect([...SHARED_VIEW_FIELDS].sort()).toEqual(
      [
        "_id", "kind", "status", "client", "advisor", "rateCentsPerMinute", "currency", "requestedAt", "expiresAt", "acceptedAt", "endedAt",
        "billedMs", "resumedAt", "billedSeconds", "chargeCents", "remainingSeconds", "warningLevel", "timerColour", "firedWarnings", "syncedAt",
        "pauseReason", "pausedAt", "endReason", "endsAt", "awaitingConnection", "booked", "feeCents", "earningCents", "rated", "canPause", "canResume",
        "canEnd", "resumeHint",
      ].sort(),
    );
    expect(SHARED_VIEW_FIELDS.filter((f) => WALLET_FIELD.test(f))).toEqual([]);
    expect(SHARED_RECEIPT_FIELDS.filter((f) => WALLET_FIELD.test(f))).toEqual([]);
  });

  it("gives the advisor no client money in sessions.get, sessions.current, incomingRequests or receipts.get; the client and admins get it", async () => {
    const s = await setup({ balance: 1000, chatRate: 60 });
    const admin = await makeUser(s.t, "admin");
    const sessionId = await s.client.as.mutation(api.sessions.requestSession, { advisorId: s.advisorId, kind: "chat" });
    const [request] = await s.advisor.as.query(api.sessions.incomingRequests, {});
    expect(Object.keys(request).filter((f) => WALLET_FIELD.test(f))).toEqual([]);

    await s.advisor.as.mutation(api.sessions.acceptSession, { sessionId });
    await elapse(s.t, 10_000);
    for (const view of [await s.advisor.as.query(api.sessions.get, { sessionId }), await s.advisor.as.query(api.sessions.current, {})]) {
      expect(view).toMatchObject({ viewerRole: "advisor", billedSeconds: 10, chargeCents: 10, remainingSeconds: 990 });
      expect(Object.keys(view!).filter((f) => WALLET_FIELD.test(f))).toEqual([]);
    }
    await expect(s.client.as.query(api.sessions.get, { sessionId })).resolves.toMatchObject({ viewerRole: "client", availableCents: 990 });
    await expect(admin.as.query(api.sessions.get, { sessionId })).resolves.toMatchObject({ viewerRole: "admin", availableCents: 990 });

    await s.client.as.mutation(api.sessions.endSession, { sessionId });
    const advisorReceipt = await s.advisor.as.query(api.receipts.get, { sessionId });
    expect(advisorReceipt).toMatchObject({ viewerRole: "advisor", chargeCents: 10, earningCents: 9 });
    expect(Object.keys(advisorReceipt!).filter((f) => WALLET_FIELD.test(f))).toEqual([]);
    await expect(s.client.as.query(api.receipts.get, { sessionId })).resolves.toMatchObject({
      viewerRole: "client",
      availableAtStartCents: 1000,
      walletBeforeCents: 1000,
      walletAfterCents: 990,
    });
    await expect(admin.as.query(api.receipts.get, { sessionId })).resolves.toMatchObject({ viewerRole: "admin", walletAfterCents: 990 });
  });
});
