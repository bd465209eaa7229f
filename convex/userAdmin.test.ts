import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { api } from "./_generated/api";
import { setup, startSession, useFakeClock } from "./sessions.fixtures";
import { makeUser } from "./test.factories";

beforeEach(useFakeClock);
afterEach(() => vi.useRealTimers());

const page = { paginationOpts: { numItems: 20, cursor: null } };

async function world() {
  const s = await setup({ balance: 5000, chatRate: 60 });
  const admin = await makeUser(s.t, "admin", "ada@example.com");
  return { ...s, admin };
}

describe("userAdmin.setStatus", () => {
  it("suspends a client, who can then do nothing, and reinstates them; both audited", async () => {
    const s = await world();
    await s.admin.as.mutation(api.userAdmin.setStatus, { userId: s.client.userId, status: "suspended", reason: "Chargeback fraud" });
    await expect(s.client.as.mutation(api.sessions.requestSession, { advisorId: s.advisorId, kind: "chat" })).rejects.toMatchObject({
      data: { code: "FORBIDDEN", message: expect.stringContaining("suspended") },
    });
    await expect(s.client.as.query(api.wallets.summary, {})).rejects.toMatchObject({ data: { code: "FORBIDDEN" } });
    // Their pages can say why: the viewer carries the flag.
    expect(await s.client.as.query(api.users.current, {})).toMatchObject({ _id: s.client.userId, suspended: true });

    await s.admin.as.mutation(api.userAdmin.setStatus, { userId: s.client.userId, status: "active", reason: "Bank confirmed" });
    await expect(s.client.as.mutation(api.sessions.requestSession, { advisorId: s.advisorId, kind: "chat" })).resolves.toBeDefined();
    expect(await s.client.as.query(api.users.current, {})).not.toHaveProperty("suspended");
    const { audit } = await s.admin.as.query(api.userAdmin.detail, { userId: s.client.userId });
    expect(audit.map((a) => [a.action, a.reason])).toEqual([
      ["user.reinstate", "Bank confirmed"],
      ["user.suspend", "Chargeback fraud"],
    ]);
  });

  it("hides a suspended advisor and takes them offline; reinstating lists them again", async () => {
    const s = await world();
    await s.admin.as.mutation(api.userAdmin.setStatus, { userId: s.advisor.userId, status: "suspended", reason: "Abusive messages" });
    expect(await s.t.run((ctx) => ctx.db.get(s.advisorId))).toMatchObject({ status: "suspended", isOnline: false });
    await expect(s.client.as.mutation(api.sessions.requestSession, { advisorId: s.advisorId, kind: "chat" })).rejects.toMatchObject({ data: { code: "NOT_FOUND" } });
    await s.admin.as.mutation(api.userAdmin.setStatus, { userId: s.advisor.userId, status: "active", reason: "Appeal upheld" });
    expect(await s.t.run((ctx) => ctx.db.get(s.advisorId))).toMatchObject({ status: "approved" });
  });

  it("refuses on oneself, without a reason and reinstating someone active; nothing changes", async () => {
    const s = await world();
    await startSession(s, "chat");
    await expect(s.admin.as.mutation(api.userAdmin.setStatus, { userId: s.client.userId, status: "active", reason: "x" })).rejects.toMatchObject({ data: { code: "CONFLICT" } });
    await expect(s.admin.as.mutation(api.userAdmin.setStatus, { userId: s.admin.userId, status: "suspended", reason: "x" })).rejects.toMatchObject({ data: { code: "CONFLICT" } });
    await expect(s.admin.as.mutation(api.userAdmin.setStatus, { userId: s.advisor.userId, status: "suspended", reason: " " })).rejects.toMatchObject({ data: { field: "reason" } });
    const users = await s.t.run((ctx) => ctx.db.query("users").collect());
    expect(users.every((u) => u.status === undefined)).toBe(true);
  });
});

describe("userAdmin.search and detail", () => {
  it("finds by email, by role and by status, and shows a user's sessions", async () => {
    const s = await world();
    const sessionId = await startSession(s, "chat");
    vi.setSystemTime(Date.now() + 30_000);
    await s.client.as.mutation(api.sessions.endSession, { sessionId });
    const email = (await s.t.run((ctx) => ctx.db.get(s.client.userId)))!.email;

    expect((await s.admin.as.query(api.userAdmin.search, { ...page, text: email.toUpperCase() })).page.map((u) => u._id)).toEqual([s.client.userId]);
    expect((await s.admin.as.query(api.userAdmin.search, { ...page, text: email })).page.map((u) => u._id)).toEqual([s.client.userId]);
    expect((await s.admin.as.query(api.userAdmin.search, { ...page, role: "advisor" })).page.map((u) => u._id)).toEqual([s.advisor.userId]);
    await s.admin.as.mutation(api.userAdmin.setStatus, { userId: s.advisor.userId, status: "suspended", reason: "Checks" });
    expect((await s.admin.as.query(api.userAdmin.search, { ...page, status: "suspended" })).page.map((u) => [u._id, u.status])).toEqual([[s.advisor.userId, "suspended"]]);
    expect((await s.admin.as.query(api.userAdmin.search, { ...page, status: "active" })).page.map((u) => u._id)).not.toContain(s.advisor.userId);

    const detail = await s.admin.as.query(api.userAdmin.detail, { userId: s.client.userId });
    expect(detail.sessions).toEqual([expect.objectContaining({ _id: sessionId, side: "client", status: "ended", billedSeconds: 30, chargeCents: 30 })]);
  });
});
