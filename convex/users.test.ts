import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { api, internal } from "./_generated/api";
import * as Ledger from "./model/ledger";
import { sessionDoc, setup, useFakeClock } from "./sessions.fixtures";
import { identityFor, makeUser, newTest } from "./test.factories";
import { TEXT_LIMITS } from "../lib/forms/textLimits";

afterEach(() => vi.unstubAllEnvs());

describe("users.store", () => {
  it("creates the user as a client on first sign-in", async () => {
    const t = newTest();
    const as = t.withIdentity(identityFor("new@example.com", "New Person"));
    const id = await as.mutation(api.users.store, {});
    await expect(as.query(api.users.current, {})).resolves.toEqual({
      _id: id,
      name: "New Person",
      email: "new@example.com",
      role: "client",
    });
  });

  it("returns the same user on later sign-ins and refreshes the name", async () => {
    const t = newTest();
    const first = await t.withIdentity(identityFor("x@example.com", "Old")).mutation(api.users.store, {});
    const again = await t.withIdentity(identityFor("x@example.com", "New")).mutation(api.users.store, {});
    expect(again).toBe(first);
    const users = await t.run((ctx) => ctx.db.query("users").collect());
    expect(users.map((u) => u.name)).toEqual(["New"]);
  });

  it("makes users listed in ADMIN_EMAILS admins when the identity's email is verified", async () => {
    vi.stubEnv("ADMIN_EMAILS", "boss@example.com");
    const t = newTest();
    const as = t.withIdentity({ ...identityFor("Boss@Example.com", "Boss"), emailVerified: true });
    await as.mutation(api.users.store, {});
    await expect(as.query(api.users.current, {})).resolves.toMatchObject({ role: "admin", email: "boss@example.com" });
  });

  it.each([
    { why: "says it is not verified", emailVerified: false },
    { why: "does not say it is verified", emailVerified: undefined },
  ])("makes a user whose ADMIN_EMAILS address $why a client", async ({ emailVerified }) => {
    vi.stubEnv("ADMIN_EMAILS", "boss@example.com");
    const t = newTest();
    const as = t.withIdentity({ ...identityFor("boss@example.com", "Not the boss"), emailVerified });
    await as.mutation(api.users.store, {});
    await expect(as.query(api.users.current, {})).resolves.toMatchObject({ role: "client", email: "boss@example.com" });
  });

  it("refuses anonymous callers", async () => {
    await expect(newTest().mutation(api.users.store, {})).rejects.toMatchObject({ data: { code: "UNAUTHENTICATED" } });
  });

  it("refuses identities without an email", async () => {
    const t = newTest();
    const noEmail = { ...identityFor("a@example.com"), email: undefined };
    await expect(t.withIdentity(noEmail).mutation(api.users.store, {})).rejects.toMatchObject({
      data: { code: "INVALID_ARGUMENT" },
    });
  });
});

describe("users.setRole", () => {
  it("changes the role and audits before and after", async () => {
    const t = newTest();
    const admin = await makeUser(t, "admin");
    const client = await makeUser(t, "client");
    await admin.as.mutation(api.users.setRole, { userId: client.userId, role: "advisor", reason: "approved" });

    await expect(client.as.query(api.users.current, {})).resolves.toMatchObject({ role: "advisor" });
    const log = await t.run((ctx) => ctx.db.query("auditLog").collect());
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({
      actorId: admin.userId,
      action: "user.setRole",
      targetType: "users",
      targetId: client.userId,
      before: { role: "client" },
      after: { role: "advisor" },
      reason: "approved",
    });
    const changes = await admin.as.query(api.users.recentRoleChanges, {});
    expect(changes).toMatchObject([{ before: "client", after: "advisor" }]);
  });

  it("gives a new advisor a listed profile and hides it when the role is revoked", async () => {
    const t = newTest();
    const admin = await makeUser(t, "admin");
    const client = await makeUser(t, "client");
    await admin.as.mutation(api.users.setRole, { userId: client.userId, role: "advisor", reason: "approved" });
    expect(await t.query(api.advisors.list, {})).toHaveLength(1);
    await admin.as.mutation(api.users.setRole, { userId: client.userId, role: "client", reason: "revoked" });
    expect(await t.query(api.advisors.list, {})).toHaveLength(0);
  });

  it("does not audit a change to the same role", async () => {
    const t = newTest();
    const admin = await makeUser(t, "admin");
    const client = await makeUser(t, "client");
    await admin.as.mutation(api.users.setRole, { userId: client.userId, role: "client", reason: "revoked" });
    expect(await t.run((ctx) => ctx.db.query("auditLog").collect())).toHaveLength(0);
  });

  it("refuses an admin changing their own role", async () => {
    const t = newTest();
    const admin = await makeUser(t, "admin");
    await expect(admin.as.mutation(api.users.setRole, { userId: admin.userId, role: "client", reason: "stepping down" })).rejects.toMatchObject({
      data: { code: "CONFLICT" },
    });
  });

  it.each(["client", "advisor"] as const)("refuses a %s", async (role) => {
    const t = newTest();
    const caller = await makeUser(t, role);
    const other = await makeUser(t, "client");
    await expect(caller.as.mutation(api.users.setRole, { userId: other.userId, role: "admin", reason: "let me in" })).rejects.toMatchObject({
      data: { code: "FORBIDDEN" },
    });
    expect(await t.run((ctx) => ctx.db.query("auditLog").collect())).toHaveLength(0);
  });
});

describe("users.setRole reason", () => {
  it.each([
    { why: "an empty reason", reason: "" },
    { why: "a reason of only spaces", reason: "   " },
    { why: "a 501-character reason", reason: "x".repeat(TEXT_LIMITS.reason + 1) },
    { why: "a 200,000-character reason", reason: "x".repeat(200_000) },
  ])("refuses $why and changes nothing", async ({ reason }) => {
    const t = newTest();
    const admin = await makeUser(t, "admin");
    const client = await makeUser(t, "client");
    await expect(admin.as.mutation(api.users.setRole, { userId: client.userId, role: "advisor", reason })).rejects.toMatchObject({
      data: { code: "INVALID_ARGUMENT", message: "Give a reason of 1 to 500 characters; it goes to the audit log.", field: "reason" },
    });
    await expect(client.as.query(api.users.current, {})).resolves.toMatchObject({ role: "client" });
    expect(await t.run((ctx) => ctx.db.query("auditLog").collect())).toEqual([]);
    expect(await t.query(api.advisors.list, {})).toEqual([]);
  });

  it("records the reason trimmed, up to 500 characters", async () => {
    const t = newTest();
    const admin = await makeUser(t, "admin");
    const client = await makeUser(t, "client");
    const reason = "y".repeat(TEXT_LIMITS.reason);
    await admin.as.mutation(api.users.setRole, { userId: client.userId, role: "advisor", reason: `  ${reason}\n` });
    expect(await t.run((ctx) => ctx.db.query("auditLog").collect())).toMatchObject([{ reason }]);
  });
});

describe("users.setRole during a live session", () => {
  beforeEach(useFakeClock);
  afterEach(() => vi.useRealTimers());

  /** A client and an advisor in a session of `status`, and an admin. */
  async function inSession(status: "requested" | "active" | "paused") {
    const s = await setup({ balance: 10_000 });
    const admin = await makeUser(s.t, "admin");
    const sessionId = await s.client.as.mutation(api.sessions.requestSession, { advisorId: s.advisorId, kind: "chat" });
    if (status !== "requested") await s.advisor.as.mutation(api.sessions.acceptSession, { sessionId });
    if (status === "paused") await s.client.as.mutation(api.sessions.pauseSession, { sessionId });
    expect((await sessionDoc(s.t, sessionId)).status).toBe(status);
    return { ...s, admin, sessionId };
  }

  it.each(["requested", "active", "paused"] as const)(
    "refuses to change the role of the client or the advisor of a %s session, and changes nothing",
    async (status) => {
      const s = await inSession(status);
      for (const [party, role] of [
        [s.client, "advisor"],
        [s.client, "admin"],
        [s.advisor, "client"],
        [s.advisor, "admin"],
      ] as const) {
        await expect(s.admin.as.mutation(api.users.setRole, { userId: party.userId, role, reason: "Promotion" })).rejects.toMatchObject({
          data: { code: "CONFLICT", message: expect.stringContaining(`in a ${status} session`) },
        });
      }
      await expect(s.client.as.query(api.users.current, {})).resolves.toMatchObject({ role: "client" });
      await expect(s.advisor.as.query(api.users.current, {})).resolves.toMatchObject({ role: "advisor" });
      expect(await s.t.run((ctx) => ctx.db.query("auditLog").collect())).toEqual([]);
      expect(await s.t.query(api.advisors.list, {})).toHaveLength(1);
    },
  );

  it("changes the roles once the session has ended", async () => {
    const s = await inSession("active");
    await s.client.as.mutation(api.sessions.endSession, { sessionId: s.sessionId });
    await s.admin.as.mutation(api.users.setRole, { userId: s.advisor.userId, role: "client", reason: "Left the platform" });
    await s.admin.as.mutation(api.users.setRole, { userId: s.client.userId, role: "advisor", reason: "Approved" });
    await expect(s.advisor.as.query(api.users.current, {})).resolves.toMatchObject({ role: "client" });
    await expect(s.client.as.query(api.users.current, {})).resolves.toMatchObject({ role: "advisor" });
  });

  it("changes the roles once a request is cancelled", async () => {
    const s = await inSession("requested");
    await s.client.as.mutation(api.sessions.cancelRequest, { sessionId: s.sessionId });
    await s.admin.as.mutation(api.users.setRole, { userId: s.advisor.userId, role: "client", reason: "Left the platform" });
    await expect(s.advisor.as.query(api.users.current, {})).resolves.toMatchObject({ role: "client" });
  });
});

describe("users.list", () => {
  it("lists users for admins, filtered by role", async () => {
    const t = newTest();
    const admin = await makeUser(t, "admin");
    await makeUser(t, "client");
    await makeUser(t, "advisor");
    expect(await admin.as.query(api.users.list, {})).toHaveLength(3);
    expect(await admin.as.query(api.users.list, { role: "advisor" })).toMatchObject([{ role: "advisor" }]);
  });

  it("refuses clients", async () => {
    const t = newTest();
    const client = await makeUser(t, "client");
    await expect(client.as.query(api.users.list, {})).rejects.toMatchObject({ data: { code: "FORBIDDEN" } });
  });
});

describe("users.listLocalAccounts", () => {
  it("lists local accounts when the deployment runs local sign-in", async () => {
    vi.stubEnv("LOCAL_AUTH_JWKS", '{"keys":[]}');
    vi.stubEnv("CONVEX_CLOUD_URL", "http://127.0.0.1:3210");
    vi.stubEnv("LOCAL_AUTH_ISSUER", "https://auth.test.localhost");
    const t = newTest();
    await makeUser(t, "client", "c@example.com");
    await t.run((ctx) =>
      ctx.db.insert("users", { tokenIdentifier: "https://clerk.example|user_1", name: "Clerk", email: "k@example.com", role: "client" }),
    );
    await expect(t.query(api.users.listLocalAccounts, {})).resolves.toEqual([
      { name: "c", email: "c@example.com", role: "client" },
    ]);
  });

  it.each([
    { why: "without the local JWKS", env: { CONVEX_CLOUD_URL: "http://127.0.0.1:3210" } },
    {
      why: "when the deployment trusts Clerk",
      env: { LOCAL_AUTH_JWKS: '{"keys":[]}', CONVEX_CLOUD_URL: "http://127.0.0.1:3210", CLERK_JWT_ISSUER_DOMAIN: "https://x.clerk.accounts.dev" },
    },
    { why: "on a local backend marked as production", env: { LOCAL_AUTH_JWKS: '{"keys":[]}', CONVEX_CLOUD_URL: "http://127.0.0.1:3210", NODE_ENV: "production" } },
    {
      why: "on a cloud deployment, even with NODE_ENV unset and LOCAL_AUTH=1",
      env: { LOCAL_AUTH_JWKS: '{"keys":[]}', CONVEX_CLOUD_URL: "https://happy-otter-123.convex.cloud", NODE_ENV: undefined, LOCAL_AUTH: "1" },
    },
    { why: "when the deployment does not say where it runs", env: { LOCAL_AUTH_JWKS: '{"keys":[]}' } },
  ])("refuses $why", async ({ env }) => {
    vi.stubEnv("LOCAL_AUTH_JWKS", "");
    vi.stubEnv("CONVEX_CLOUD_URL", "");
    for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
    const t = newTest();
    await expect(t.query(api.users.listLocalAccounts, {})).rejects.toMatchObject({ data: { code: "FORBIDDEN" } });
  });
});

describe("seed.init", () => {
  it("loads the demo accounts once", async () => {
    const t = newTest();
    const first = await t.mutation(internal.seed.init, {});
    expect(first.created).toBe(true);
    const second = await t.mutation(internal.seed.init, {});
    expect(second.created).toBe(false);
    const users = await t.run((ctx) => ctx.db.query("users").collect());
    expect(users.filter((u) => u.role === "admin")).toHaveLength(1);
    // The two demo clients, and the client of Sam's past session (not a sign-in account).
    expect(users.filter((u) => u.role === "client").map((u) => u.email).sort()).toEqual(["chris@example.com", "dana@example.com", "pat.past@example.com"]);
    const advisors = await t.query(api.advisors.list, {});
    expect(advisors.length).toBeGreaterThanOrEqual(24);
    // Varied, so discovery's price sort and specialty filter have something to do.
    expect(new Set(advisors.map((a) => a.chatPricePerMinute)).size).toBeGreaterThanOrEqual(20);
    expect(new Set(advisors.flatMap((a) => a.specialties)).size).toBeGreaterThanOrEqual(15);
  });

  it("funds the demo clients through the ledger, once", async () => {
    const t = newTest();
    await t.mutation(internal.seed.init, {});
    await t.mutation(internal.seed.init, {});
    const funded = await t.run(async (ctx) => {
      const clients = await ctx.db.query("users").withIndex("by_role", (q) => q.eq("role", "client")).collect();
      return await Promise.all(clients.map(async (c) => ({ email: c.email, ...(await Ledger.walletBalance(ctx, c._id, "USD")) })));
    });
    expect(funded.map(({ email, cash }) => ({ email, cash })).sort((a, b) => a.email.localeCompare(b.email))).toEqual([
      { email: "chris@example.com", cash: 5000 },
      { email: "dana@example.com", cash: 2000 },
      { email: "pat.past@example.com", cash: 2000 },
    ]);
    const topUps = await t.run((ctx) => ctx.db.query("ledgerTransactions").withIndex("by_type_and_at", (q) => q.eq("type", "add")).collect());
    expect(topUps.map((tx) => tx.key).every((key) => key.startsWith("seed:"))).toBe(true);
    expect(topUps).toHaveLength(3);
  });
});
