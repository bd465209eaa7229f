import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { api } from "./_generated/api";
import * as Specialties from "./model/specialties";
import { makeUser, newTest, type TestConvex } from "./test.factories";

beforeEach(() => {
  vi.useFakeTimers({ now: new Date("2026-12-01T10:00:00Z") });
});
afterEach(() => vi.useRealTimers());

const APPLICATION = {
  displayName: "Rosa Méndez",
  headline: "Immigration lawyer for work and family visas",
  bio: "Fifteen years of visa cases.",
  specialties: ["Immigration", "Law"],
  languages: ["Spanish", "English"],
  yearsExperience: 15,
  sampleLinks: ["https://example.org/rosa"],
  chatPricePerMinute: 220,
  videoPricePerMinute: 340,
};

async function world() {
  const t = newTest();
  await t.run(async (ctx) => {
    for (const name of ["Immigration", "Law", "Tax"]) await Specialties.add(ctx, { name, now: Date.now() });
  });
  const client = await makeUser(t, "client", "rosa@example.com");
  const admin = await makeUser(t, "admin");
  return { t, client, admin };
}

const discoverText = (t: TestConvex, text: string) =>
  t.query(api.advisors.discover, { text, priceKind: "chat", onlineOnly: false, sort: "recommended", paginationOpts: { numItems: 10, cursor: null } });

describe("applications.submit", () => {
  it("records a pending application the client sees, and allows one at a time", async () => {
    const { client } = await world();
    expect(await client.as.query(api.applications.mine, {})).toBeNull();
    const id = await client.as.mutation(api.applications.submit, APPLICATION);
    expect(await client.as.query(api.applications.mine, {})).toMatchObject({ _id: id, status: "pending", displayName: "Rosa Méndez" });
    await expect(client.as.mutation(api.applications.submit, APPLICATION)).rejects.toMatchObject({ data: { code: "CONFLICT" } });
  });

  it.each([
    [{ displayName: "R" }, "displayName"],
    [{ headline: "" }, "headline"],
    [{ headline: "x".repeat(121) }, "headline"],
    [{ bio: "x".repeat(2001) }, "bio"],
    [{ specialties: ["Astrology"] }, "specialties"],
    [{ specialties: [] }, "specialties"],
    [{ languages: [] }, "languages"],
    [{ languages: ["Klingon"] }, "languages"],
    [{ yearsExperience: -1 }, "yearsExperience"],
    [{ yearsExperience: 2.5 }, "yearsExperience"],
    [{ sampleLinks: ["ftp://example.org"] }, "sampleLinks"],
    [{ sampleLinks: ["a", "b", "c", "d"].map((x) => `https://example.org/${x}`) }, "sampleLinks"],
    [{ chatPricePerMinute: 5 }, "chatPricePerMinute"],
    [{ videoPricePerMinute: 1e9 }, "videoPricePerMinute"],
  ])("refuses %j at its field and stores nothing", async (change, field) => {
    const { t, client } = await world();
    await expect(client.as.mutation(api.applications.submit, { ...APPLICATION, ...change })).rejects.toMatchObject({
      data: { code: "INVALID_ARGUMENT", field },
    });
    expect(await t.run((ctx) => ctx.db.query("advisorApplications").collect())).toEqual([]);
  });
});

describe("applications.approve and reject", () => {
  it("approval makes the client an advisor with the application's profile, listed in discovery, and is audited", async () => {
    const { t, client, admin } = await world();
    const id = await client.as.mutation(api.applications.submit, APPLICATION);
    expect((await discoverText(t, "Immigration")).page).toEqual([]);
    await admin.as.mutation(api.applications.approve, { id, note: "Welcome aboard" });
    expect(await client.as.query(api.users.current, {})).toMatchObject({ role: "advisor", name: "Rosa Méndez" });
    expect(await client.as.query(api.advisors.mine, {})).toMatchObject({
      headline: APPLICATION.headline,
      specialties: ["Immigration", "Law"],
      languages: ["Spanish", "English"],
      chatPricePerMinute: 220,
      status: "approved",
    });
    expect((await discoverText(t, "Immigration")).page).toEqual([expect.objectContaining({ name: "Rosa Méndez", chatPricePerMinute: 220 })]);
    const audit = await t.run((ctx) => ctx.db.query("auditLog").withIndex("by_targetId", (q) => q.eq("targetId", id)).collect());
    expect(audit).toEqual([expect.objectContaining({ action: "application.approve", after: { status: "approved", role: "advisor" }, reason: "Welcome aboard" })]);
    await expect(admin.as.mutation(api.applications.reject, { id, note: "late" })).rejects.toMatchObject({ data: { code: "CONFLICT" } });
  });

  it("rejection needs a note, which the client sees, and they may apply again", async () => {
    const { t, client, admin } = await world();
    const id = await client.as.mutation(api.applications.submit, APPLICATION);
    await expect(admin.as.mutation(api.applications.reject, { id, note: " " })).rejects.toMatchObject({ data: { field: "reason" } });
    await admin.as.mutation(api.applications.reject, { id, note: "Please add a sample of your work." });
    expect(await client.as.query(api.applications.mine, {})).toMatchObject({ status: "rejected", note: "Please add a sample of your work." });
    expect(await client.as.query(api.users.current, {})).toMatchObject({ role: "client" });
    await client.as.mutation(api.applications.submit, { ...APPLICATION, sampleLinks: ["https://example.org/case-study"] });
    const pending = await admin.as.query(api.applications.queue, { status: "pending", paginationOpts: { numItems: 10, cursor: null } });
    expect(pending.page).toEqual([expect.objectContaining({ email: "rosa@example.com", sampleLinks: ["https://example.org/case-study"] })]);
    expect(await t.run((ctx) => ctx.db.query("advisorApplications").collect())).toHaveLength(2);
  });

  it("is refused to everyone but admins, and applying to everyone but clients", async () => {
    const { t, client, admin } = await world();
    const advisor = await makeUser(t, "advisor");
    const id = await client.as.mutation(api.applications.submit, APPLICATION);
    for (const caller of [advisor.as, admin.as]) {
      await expect(caller.mutation(api.applications.submit, APPLICATION)).rejects.toMatchObject({ data: { code: "FORBIDDEN" } });
      expect(await caller.query(api.applications.mine, {})).toBeNull();
    }
    for (const caller of [client.as, advisor.as]) {
      await expect(caller.mutation(api.applications.approve, { id })).rejects.toMatchObject({ data: { code: "FORBIDDEN" } });
      await expect(caller.mutation(api.applications.reject, { id, note: "no" })).rejects.toMatchObject({ data: { code: "FORBIDDEN" } });
      await expect(caller.query(api.applications.queue, { paginationOpts: { numItems: 5, cursor: null } })).rejects.toMatchObject({ data: { code: "FORBIDDEN" } });
    }
    await expect(t.mutation(api.applications.submit, APPLICATION)).rejects.toMatchObject({ data: { code: "UNAUTHENTICATED" } });
    await expect(t.query(api.applications.mine, {})).rejects.toMatchObject({ data: { code: "UNAUTHENTICATED" } });
    expect(await client.as.query(api.applications.mine, {})).toMatchObject({ status: "pending" });
  });
});
