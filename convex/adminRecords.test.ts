import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { api } from "./_generated/api";
import { setup, startSession, T0, useFakeClock } from "./sessions.fixtures";
import { makeUser } from "./test.factories";

beforeEach(useFakeClock);
afterEach(() => vi.useRealTimers());

const page = (numItems = 10) => ({ paginationOpts: { numItems, cursor: null } });

describe("adminRecords.auditLog", () => {
  it("filters by actor, action, target and date, newest first", async () => {
    const s = await setup({ balance: 5000, chatRate: 60 });
    const admin = await makeUser(s.t, "admin", "ada@example.com");
    const other = await makeUser(s.t, "admin", "otto@example.com");
    await admin.as.mutation(api.settings.update, { name: "feeBps", value: 1200, reason: "First" });
    vi.setSystemTime(T0 + 60_000);
    await other.as.mutation(api.settings.update, { name: "ratingWindowDays", value: 10, reason: "Second" });
    vi.setSystemTime(T0 + 120_000);
    const sessionId = await startSession(s, "chat");
    await admin.as.mutation(api.sessions.adminEndSession, { sessionId, reason: "Abuse report" });

    const all = await admin.as.query(api.adminRecords.auditLog, page());
    expect(all.page.map((e) => e.action)).toEqual(["session.end", "settings.update", "settings.update"]);
    const byActor = await admin.as.query(api.adminRecords.auditLog, { ...page(), actorEmail: "OTTO@example.com" });
    expect(byActor.page.map((e) => [e.actorName, e.targetId, e.before, e.after, e.reason])).toEqual([["otto", "ratingWindowDays", '{"ratingWindowDays":7}', '{"ratingWindowDays":10}', "Second"]]);
    const byActionAndActor = await admin.as.query(api.adminRecords.auditLog, { ...page(), actorEmail: "ada@example.com", action: "settings.update" });
    expect(byActionAndActor.page.map((e) => e.targetId)).toEqual(["feeBps"]);
    const byTarget = await admin.as.query(api.adminRecords.auditLog, { ...page(), targetId: sessionId });
    expect(byTarget.page.map((e) => e.action)).toEqual(["session.end"]);
    const byDate = await admin.as.query(api.adminRecords.auditLog, { ...page(), from: T0 + 30_000, to: T0 + 90_000 });
    expect(byDate.page.map((e) => e.targetId)).toEqual(["ratingWindowDays"]);
    expect((await admin.as.query(api.adminRecords.auditLog, { ...page(), actorEmail: "nobody@example.com" })).page).toEqual([]);
  });

  it("refuses a page over the limit and a backwards range, naming the field", async () => {
    const s = await setup({ balance: 0 });
    const admin = await makeUser(s.t, "admin");
    await expect(admin.as.query(api.adminRecords.auditLog, page(5000))).rejects.toMatchObject({ data: { code: "INVALID_ARGUMENT", field: "numItems" } });
    await expect(admin.as.query(api.adminRecords.auditLog, { ...page(), from: 10, to: 5 })).rejects.toMatchObject({ data: { field: "from" } });
    await expect(admin.as.query(api.adminRecords.auditLog, { ...page(), action: "x".repeat(201) })).rejects.toMatchObject({ data: { field: "action" } });
  });
});

describe("adminRecords.endedSessions", () => {
  it("pages through ended sessions with their money", async () => {
    const s = await setup({ balance: 5000, chatRate: 60 });
    const admin = await makeUser(s.t, "admin");
    for (let i = 0; i < 3; i++) {
      const sessionId = await startSession(s, "chat");
      vi.setSystemTime(Date.now() + 30_000);
      await s.client.as.mutation(api.sessions.endSession, { sessionId });
    }
    const first = await admin.as.query(api.adminRecords.endedSessions, page(2));
    expect(first.page).toHaveLength(2);
    expect(first.page[0]).toMatchObject({ billedSeconds: 30, chargeCents: 30, feeCents: 3, earningCents: 27, currency: "USD" });
    const second = await admin.as.query(api.adminRecords.endedSessions, { paginationOpts: { numItems: 2, cursor: first.continueCursor } });
    expect(second.page).toHaveLength(1);
    expect(second.isDone).toBe(true);
  });
});
