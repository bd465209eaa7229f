import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { api } from "./_generated/api";
import { elapse, setup, startSession, useFakeClock } from "./sessions.fixtures";
import { makeUser } from "./test.factories";

beforeEach(useFakeClock);
afterEach(() => vi.useRealTimers());

const DAY = 24 * 60 * 60 * 1000;

async function endedSession() {
  const s = await setup({ balance: 1000 });
  const sessionId = await startSession(s, "chat");
  await elapse(s.t, 10_000, 10_000);
  await s.client.as.mutation(api.sessions.endSession, { sessionId });
  return { ...s, sessionId };
}

describe("ratings.rate", () => {
  it("records one rating and updates the advisor's average and count", async () => {
    const s = await endedSession();
    await s.client.as.mutation(api.ratings.rate, { sessionId: s.sessionId, stars: 4, text: "  Clear and kind. " });
    await expect(s.advisor.as.query(api.ratings.forSession, { sessionId: s.sessionId })).resolves.toMatchObject({ stars: 4, text: "Clear and kind." });
    await expect(s.t.query(api.advisors.get, { advisorId: s.advisorId })).resolves.toMatchObject({ rating: 4, ratingCount: 1 });
    await expect(s.client.as.mutation(api.ratings.rate, { sessionId: s.sessionId, stars: 5 })).rejects.toMatchObject({ data: { code: "CONFLICT" } });

    const second = await s.client.as.mutation(api.sessions.requestSession, { advisorId: s.advisorId, kind: "chat" });
    await s.advisor.as.mutation(api.sessions.acceptSession, { sessionId: second });
    await s.advisor.as.mutation(api.sessions.endSession, { sessionId: second });
    await s.client.as.mutation(api.ratings.rate, { sessionId: second, stars: 5 });
    await expect(s.t.query(api.advisors.get, { advisorId: s.advisorId })).resolves.toMatchObject({ rating: 4.5, ratingCount: 2 });
  });

  it("accepts a rating on the 7th day and refuses it after", async () => {
    const late = await endedSession();
    vi.advanceTimersByTime(7 * DAY + 1);
    await expect(late.client.as.mutation(api.ratings.rate, { sessionId: late.sessionId, stars: 3 })).rejects.toMatchObject({ data: { code: "CONFLICT" } });
    const onTime = await endedSession();
    vi.advanceTimersByTime(7 * DAY);
    await expect(onTime.client.as.mutation(api.ratings.rate, { sessionId: onTime.sessionId, stars: 3 })).resolves.toBeDefined();
  });

  it.each([
    { what: "0 stars", stars: 0 },
    { what: "6 stars", stars: 6 },
    { what: "half stars", stars: 3.5 },
    { what: "feedback over 1000 characters", stars: 3, text: "x".repeat(1001) },
  ])("refuses $what", async ({ stars, text }) => {
    const s = await endedSession();
    await expect(s.client.as.mutation(api.ratings.rate, { sessionId: s.sessionId, stars, text })).rejects.toMatchObject({ data: { code: "INVALID_ARGUMENT" } });
  });

  it("tells the form the feedback limit it enforces: that many characters kept whole, one more refused, also after the setting changes", async () => {
    const s = await endedSession();
    const limit = await s.client.as.query(api.ratings.feedbackLimit, {});
    expect(limit).toBe(1000);
    await expect(s.client.as.mutation(api.ratings.rate, { sessionId: s.sessionId, stars: 4, text: "y".repeat(limit + 1) })).rejects.toMatchObject({ data: { code: "INVALID_ARGUMENT" } });
    await s.client.as.mutation(api.ratings.rate, { sessionId: s.sessionId, stars: 4, text: "y".repeat(limit) });
    await expect(s.client.as.query(api.ratings.forSession, { sessionId: s.sessionId })).resolves.toMatchObject({ text: "y".repeat(limit) });

    const other = await endedSession();
    await other.t.run((ctx) => ctx.db.insert("platformSettings", { ratingFeedbackMaxChars: 20, updatedAt: Date.now() }));
    await expect(other.client.as.query(api.ratings.feedbackLimit, {})).resolves.toBe(20);
    await expect(other.client.as.mutation(api.ratings.rate, { sessionId: other.sessionId, stars: 4, text: "z".repeat(21) })).rejects.toMatchObject({ data: { code: "INVALID_ARGUMENT" } });
  });

  it("refuses a session that has not ended, the advisor, other clients and admins", async () => {
    const s = await setup({ balance: 1000 });
    const sessionId = await startSession(s, "chat");
    await expect(s.client.as.mutation(api.ratings.rate, { sessionId, stars: 5 })).rejects.toMatchObject({ data: { code: "CONFLICT" } });
    await s.client.as.mutation(api.sessions.endSession, { sessionId });
    await expect(s.advisor.as.mutation(api.ratings.rate, { sessionId, stars: 5 })).rejects.toMatchObject({ data: { code: "FORBIDDEN" } });
    await expect((await makeUser(s.t, "client")).as.mutation(api.ratings.rate, { sessionId, stars: 5 })).rejects.toMatchObject({ data: { code: "FORBIDDEN" } });
    await expect((await makeUser(s.t, "admin")).as.mutation(api.ratings.rate, { sessionId, stars: 5 })).rejects.toMatchObject({ data: { code: "FORBIDDEN" } });
  });
});
