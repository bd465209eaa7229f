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
      resumable: false,
    });

    await topUp(s.t, s.client.userId, 1000);
    const afterTopUp = { ...paused, availableCents: 1000, remainingSeconds: 600, warningLevel: "none", timerColour: "green", resumable: true };
    await expect(s.client.as.query(api.sessions.get, { sessionId })).resolves.toMatchObject(afterTopUp);
    await expect(s.advisor.as.query(api.sessions.get, { sessionId })).resolves.toMatchObject(afterTopUp);
  });
});
