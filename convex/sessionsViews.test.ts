import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { api } from "./_generated/api";
import { elapse, setup, startSession, topUp, useFakeClock } from "./sessions.fixtures";

beforeEach(useFakeClock);
afterEach(() => vi.useRealTimers());

describe("sessions.get while paused", () => {
  it("shows a top-up made during a zero-balance pause live on both sides, with the meter recomputed", async () => {
    // $3.00 at $1.00/min: paused at 3:00 billed with nothing left.
    const s = await setup({ balance: 300, chatRate: 100 });
    const sessionId = await startSession(s, "chat");
    await elapse(s.t, 60_000);
    await s.client.as.mutation(api.messages.send, { sessionId, body: "still here" });
    await elapse(s.t, 60_000);
    await s.advisor.as.mutation(api.messages.send, { sessionId, body: "me too" });
    await elapse(s.t, 65_000);
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

    await topUp(s.t, s.client.userId, 1000);
    const afterTopUp = { ...paused, remainingSeconds: 600, warningLevel: "none", timerColour: "green" };
    await expect(s.client.as.query(api.sessions.get, { sessionId })).resolves.toMatchObject({ ...afterTopUp, availableCents: 1000, canResume: true });
    // The advisor sees the time the top-up buys, not the money, and may not restart billing for the client.
    const advisorView = await s.advisor.as.query(api.sessions.get, { sessionId });
    expect(advisorView).toMatchObject({ ...afterTopUp, canResume: false, resumeHint: "Only the client can resume after topping up." });
    expect(advisorView).not.toHaveProperty("availableCents");
  });
});
