import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { api } from "./_generated/api";
import type { Id } from "./_generated/dataModel";
import { setup, useFakeClock } from "./sessions.fixtures";
import { makeUser } from "./test.factories";

beforeEach(useFakeClock);
afterEach(() => vi.useRealTimers());

type World = Awaited<ReturnType<typeof setup>>;

/** A short ended session between the world's client and advisor, rated as given. */
async function rated(s: World, rating: { stars: number; text?: string; expertise?: number; communication?: number; helpfulness?: number }) {
  const sessionId = await s.client.as.mutation(api.sessions.requestSession, { advisorId: s.advisorId, kind: "chat" });
  await s.advisor.as.mutation(api.sessions.acceptSession, { sessionId });
  await s.advisor.as.mutation(api.sessions.endSession, { sessionId });
  return await s.client.as.mutation(api.ratings.rate, { sessionId, ...rating });
}

const page = { numItems: 10, cursor: null };

describe("reviews", () => {
  it("keep the star histogram and sub-rating averages by each rating, and list newest first with the reviewer's short name", async () => {
    const s = await setup({ balance: 5000 });
    await rated(s, { stars: 5, text: "Brilliant", expertise: 5, communication: 4 });
    vi.advanceTimersByTime(1000);
    await rated(s, { stars: 4, expertise: 4, helpfulness: 3 });
    vi.advanceTimersByTime(1000);
    await rated(s, { stars: 2 });
    expect(await s.t.query(api.reviews.summary, { advisorId: s.advisorId })).toEqual({
      rating: 3.7,
      ratingCount: 3,
      starCounts: [0, 1, 0, 1, 1],
      subRatings: [
        { name: "expertise", average: 4.5, count: 2 },
        { name: "communication", average: 4, count: 1 },
        { name: "helpfulness", average: 3, count: 1 },
      ],
    });
    const list = await s.t.query(api.reviews.forAdvisor, { advisorId: s.advisorId, paginationOpts: page });
    expect(list.page.map((r) => r.stars)).toEqual([2, 4, 5]);
    expect(list.page[2]).toMatchObject({ text: "Brilliant", expertise: 5, communication: 4, reviewer: expect.stringMatching(/^\S+( [A-Z]\.)?$/) });
    expect(JSON.stringify(list)).not.toContain(s.client.userId);
  });

  it("refuses a sub-rating outside 1 to 5 at its field", async () => {
    const s = await setup({ balance: 5000 });
    await expect(rated(s, { stars: 4, communication: 6 })).rejects.toMatchObject({ data: { code: "INVALID_ARGUMENT", field: "communication" } });
    await expect(rated(s, { stars: 4, expertise: 2.5 })).rejects.toMatchObject({ data: { code: "INVALID_ARGUMENT", field: "expertise" } });
  });

  it("the advisor replies once, publicly; nobody else can", async () => {
    const s = await setup({ balance: 5000 });
    const ratingId = await rated(s, { stars: 3, text: "Fine" });
    const other = await makeUser(s.t, "advisor");
    await expect(other.as.mutation(api.reviews.reply, { ratingId, text: "Thanks" })).rejects.toMatchObject({ data: { code: "NOT_FOUND" } });
    await expect(s.client.as.mutation(api.reviews.reply, { ratingId, text: "Thanks" })).rejects.toMatchObject({ data: { code: "FORBIDDEN" } });
    await expect(s.advisor.as.mutation(api.reviews.reply, { ratingId, text: " " })).rejects.toMatchObject({ data: { field: "text" } });
    await expect(s.advisor.as.mutation(api.reviews.reply, { ratingId, text: "x".repeat(1001) })).rejects.toMatchObject({ data: { field: "text" } });
    await s.advisor.as.mutation(api.reviews.reply, { ratingId, text: "Thanks for the feedback!" });
    await expect(s.advisor.as.mutation(api.reviews.reply, { ratingId, text: "Again" })).rejects.toMatchObject({ data: { code: "CONFLICT" } });
    const [review] = (await s.t.query(api.reviews.forAdvisor, { advisorId: s.advisorId, paginationOpts: page })).page;
    expect(review.reply).toMatchObject({ text: "Thanks for the feedback!" });
    expect((await s.advisor.as.query(api.reviews.mine, { paginationOpts: page })).page).toHaveLength(1);
  });

  it("an admin hides an abusive review with a reason: gone from the page and the averages, audited, once", async () => {
    const s = await setup({ balance: 5000 });
    await rated(s, { stars: 5, expertise: 5 });
    const abusive = await rated(s, { stars: 1, text: "abuse", expertise: 1 });
    const admin = await makeUser(s.t, "admin");
    await expect(admin.as.mutation(api.reviews.hide, { ratingId: abusive, reason: "" })).rejects.toMatchObject({ data: { field: "reason" } });
    for (const caller of [s.client.as, s.advisor.as]) {
      await expect(caller.mutation(api.reviews.hide, { ratingId: abusive, reason: "abuse" })).rejects.toMatchObject({ data: { code: "FORBIDDEN" } });
    }
    await admin.as.mutation(api.reviews.hide, { ratingId: abusive, reason: "Insults the advisor" });
    expect(await s.t.query(api.reviews.summary, { advisorId: s.advisorId })).toMatchObject({
      rating: 5,
      ratingCount: 1,
      starCounts: [0, 0, 0, 0, 1],
      subRatings: [{ name: "expertise", average: 5, count: 1 }],
    });
    const list = await s.t.query(api.reviews.forAdvisor, { advisorId: s.advisorId, paginationOpts: page });
    expect(list.page.map((r) => r._id)).not.toContain(abusive);
    await expect(s.advisor.as.mutation(api.reviews.reply, { ratingId: abusive, text: "Hm" })).rejects.toMatchObject({ data: { code: "CONFLICT" } });
    await expect(admin.as.mutation(api.reviews.hide, { ratingId: abusive, reason: "again" })).rejects.toMatchObject({ data: { code: "CONFLICT" } });
    const audit = await s.t.run((ctx) => ctx.db.query("auditLog").withIndex("by_targetId", (q) => q.eq("targetId", abusive)).collect());
    expect(audit).toEqual([expect.objectContaining({ action: "review.hide", reason: "Insults the advisor" })]);
    // Discovery's minimum-rating filter follows the new average.
    const found = await s.t.query(api.advisors.discover, { priceKind: "chat", onlineOnly: false, sort: "rating", minRating: 5, paginationOpts: page });
    expect(found.page.map((a) => a._id as Id<"advisors">)).toEqual([s.advisorId]);
  });
});
