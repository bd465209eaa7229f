import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { api } from "./_generated/api";
import { setup, useFakeClock } from "./sessions.fixtures";
import { availableEarnings, makeUser } from "./test.factories";

beforeEach(useFakeClock);
afterEach(() => vi.useRealTimers());

const page = { numItems: 20, cursor: null };
type Caller = Awaited<ReturnType<typeof makeUser>>["as"];
const titles = async (as: Caller) => (await as.query(api.notifications.list, { paginationOpts: page })).page.map((n) => n.title);

describe("notifications", () => {
  it("tell the advisor of a request and the client of a decline or an expiry, newest first", async () => {
    const s = await setup({ balance: 5000 });
    const first = await s.client.as.mutation(api.sessions.requestSession, { advisorId: s.advisorId, kind: "chat" });
    expect(await titles(s.advisor.as)).toEqual([expect.stringMatching(/asks for a chat session$/)]);
    await s.advisor.as.mutation(api.sessions.declineSession, { sessionId: first });
    expect(await titles(s.client.as)).toEqual([expect.stringMatching(/declined your request$/)]);
    await s.client.as.mutation(api.sessions.requestSession, { advisorId: s.advisorId, kind: "video" });
    vi.advanceTimersByTime(61_000);
    await s.t.finishInProgressScheduledFunctions();
    expect((await titles(s.client.as))[0]).toMatch(/was not answered in time$/);
    expect(await s.client.as.query(api.notifications.unreadCount, {})).toBe(2);
  });

  it("a refused request notifies no one (the notification is written with the event)", async () => {
    const s = await setup({ balance: 10 });
    await expect(s.client.as.mutation(api.sessions.requestSession, { advisorId: s.advisorId, kind: "chat" })).rejects.toBeDefined();
    expect(await titles(s.advisor.as)).toEqual([]);
  });

  it("tell an advisor each step of a withdrawal, and mark read one or all, only their own", async () => {
    const s = await setup({ balance: 5000 });
    const admin = await makeUser(s.t, "admin");
    await availableEarnings(s.t, s.advisor.userId, 3000);
    await s.advisor.as.mutation(api.withdrawals.saveBankDetails, { holderName: "Maya", accountNumber: "GB33BUKB20201555555555" });
    const id = await s.advisor.as.mutation(api.withdrawals.request, { amount: 2000 });
    await admin.as.mutation(api.withdrawals.approve, { id });
    await admin.as.mutation(api.withdrawals.markPaid, { id });
    expect(await titles(s.advisor.as)).toEqual(["Withdrawal of $20.00 paid", "Withdrawal of $20.00 approved"]);
    const [newest] = (await s.advisor.as.query(api.notifications.list, { paginationOpts: page })).page;
    await expect(s.client.as.mutation(api.notifications.markRead, { id: newest._id })).rejects.toMatchObject({ data: { code: "NOT_FOUND" } });
    await s.advisor.as.mutation(api.notifications.markRead, { id: newest._id });
    expect(await s.advisor.as.query(api.notifications.unreadCount, {})).toBe(1);
    expect(await s.advisor.as.mutation(api.notifications.markAllRead, {})).toBe(false);
    expect(await s.advisor.as.query(api.notifications.unreadCount, {})).toBe(0);
    await expect(s.t.query(api.notifications.unreadCount, {})).rejects.toMatchObject({ data: { code: "UNAUTHENTICATED" } });
  });
});
