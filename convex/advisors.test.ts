import { describe, expect, it } from "vitest";
import { api } from "./_generated/api";
import { MAX_SPECIALTIES, TEXT_LIMITS } from "../lib/forms/textLimits";
import * as Specialties from "./model/specialties";
import { makeUser, newTest, type TestConvex } from "./test.factories";

/** Profiles choose from the admins' specialty list: a fresh backend with these on it. */
async function withSpecialties(names: readonly string[] = ["Tax", "VAT", "Payroll"]) {
  const t = newTest();
  await listSpecialties(t, names);
  return t;
}

async function listSpecialties(t: TestConvex, names: readonly string[]) {
  await t.run(async (ctx) => {
    for (const name of names) await Specialties.add(ctx, { name, now: Date.now() });
  });
}

const profile = {
  headline: "Tax help",
  bio: "Plain answers.",
  specialties: ["Tax", " Tax ", "VAT"],
  chatPricePerMinute: 250,
  videoPricePerMinute: 400,
};

describe("advisors.updateProfile", () => {
  it("saves a valid profile, trimming and de-duplicating specialties", async () => {
    const t = await withSpecialties();
    const advisor = await makeUser(t, "advisor");
    await advisor.as.mutation(api.advisors.updateProfile, profile);
    await expect(advisor.as.query(api.advisors.mine, {})).resolves.toMatchObject({
      headline: "Tax help",
      specialties: ["Tax", "VAT"],
      chatPricePerMinute: 250,
      status: "approved",
    });
  });

  it.each([
    { problem: "chat price below 10¢", patch: { chatPricePerMinute: 9 }, field: "chatPricePerMinute" },
    { problem: "a $0.05 chat price", patch: { chatPricePerMinute: 5 }, field: "chatPricePerMinute" },
    { problem: "video price above $100", patch: { videoPricePerMinute: 10_001 }, field: "videoPricePerMinute" },
    { problem: "fractional cents", patch: { chatPricePerMinute: 12.5 }, field: "chatPricePerMinute" },
    { problem: "empty headline", patch: { headline: "  " }, field: "headline" },
    { problem: "a 121-character headline", patch: { headline: "h".repeat(TEXT_LIMITS.headline + 1) }, field: "headline" },
    { problem: "a 200-character headline", patch: { headline: "h".repeat(200) }, field: "headline" },
    { problem: "a 2,001-character bio", patch: { bio: "b".repeat(TEXT_LIMITS.bio + 1) }, field: "bio" },
    { problem: "a 3,000-character bio", patch: { bio: "b".repeat(3000) }, field: "bio" },
    { problem: "no specialties", patch: { specialties: [] }, field: "specialties" },
    { problem: "six specialties", patch: { specialties: ["a", "b", "c", "d", "e", "f"] }, field: "specialties" },
    { problem: "a 41-character specialty", patch: { specialties: ["s".repeat(TEXT_LIMITS.specialty + 1)] }, field: "specialties" },
    { problem: "a specialty not on the list", patch: { specialties: ["Tax", "Astrology"] }, field: "specialties" },
    { problem: "a listed name in other letter case", patch: { specialties: ["tax"] }, field: "specialties" },
  ])("rejects $problem naming the field $field, and changes nothing", async ({ patch, field }) => {
    const t = await withSpecialties();
    const advisor = await makeUser(t, "advisor");
    const before = await advisor.as.query(api.advisors.mine, {});
    await expect(advisor.as.mutation(api.advisors.updateProfile, { ...profile, ...patch })).rejects.toMatchObject({
      data: { code: "INVALID_ARGUMENT", field },
    });
    await expect(advisor.as.query(api.advisors.mine, {})).resolves.toEqual(before);
  });

  it("keeps text at exactly its limits whole (nothing is cut)", async () => {
    const longest = Array.from({ length: MAX_SPECIALTIES }, (_, i) => `${i}`.padEnd(TEXT_LIMITS.specialty, "s"));
    const t = await withSpecialties(longest);
    const advisor = await makeUser(t, "advisor");
    const full = {
      ...profile,
      headline: "h".repeat(TEXT_LIMITS.headline),
      bio: "b".repeat(TEXT_LIMITS.bio),
      specialties: longest,
    };
    await advisor.as.mutation(api.advisors.updateProfile, full);
    await expect(advisor.as.query(api.advisors.mine, {})).resolves.toMatchObject({
      headline: full.headline,
      bio: full.bio,
      specialties: full.specialties,
    });
  });

  it("lets an advisor keep a specialty taken off the list until they untick it, and not choose it again", async () => {
    const t = await withSpecialties();
    const advisor = await makeUser(t, "advisor");
    const admin = await makeUser(t, "admin");
    await advisor.as.mutation(api.advisors.updateProfile, { ...profile, specialties: ["Tax", "VAT"] });
    const vat = (await t.query(api.specialties.list, {})).find((s) => s.name === "VAT")!;
    await admin.as.mutation(api.specialties.remove, { id: vat._id, reason: "Merged into Tax" });

    await advisor.as.mutation(api.advisors.updateProfile, { ...profile, headline: "Still VAT", specialties: ["Tax", "VAT"] });
    await expect(advisor.as.query(api.advisors.mine, {})).resolves.toMatchObject({ headline: "Still VAT", specialties: ["Tax", "VAT"] });
    await advisor.as.mutation(api.advisors.updateProfile, { ...profile, specialties: ["Tax"] });
    await expect(advisor.as.mutation(api.advisors.updateProfile, { ...profile, specialties: ["Tax", "VAT"] })).rejects.toMatchObject({
      data: { code: "INVALID_ARGUMENT", field: "specialties", message: expect.stringContaining("VAT") },
    });
    await expect(advisor.as.query(api.advisors.mine, {})).resolves.toMatchObject({ specialties: ["Tax"] });
  });

  it.each(["client", "admin"] as const)("refuses a %s", async (role) => {
    const t = newTest();
    const user = await makeUser(t, role);
    await expect(user.as.mutation(api.advisors.updateProfile, profile)).rejects.toMatchObject({ data: { code: "FORBIDDEN" } });
  });
});

describe("advisors.setOnline", () => {
  it("shows online advisors first in the public list", async () => {
    const t = newTest();
    const first = await makeUser(t, "advisor");
    const second = await makeUser(t, "advisor");
    await second.as.mutation(api.advisors.setOnline, { isOnline: true });
    const list = await t.query(api.advisors.list, {});
    expect(list.map((a) => [a.name, a.isOnline])).toEqual([
      [second.identity.name, true],
      [first.identity.name, false],
    ]);
  });

  it("refuses a suspended advisor with CONFLICT", async () => {
    const t = newTest();
    const advisor = await makeUser(t, "advisor");
    await t.run(async (ctx) => {
      const row = await ctx.db.query("advisors").first();
      await ctx.db.patch(row!._id, { status: "suspended" });
    });
    await expect(advisor.as.mutation(api.advisors.setOnline, { isOnline: true })).rejects.toMatchObject({
      data: { code: "CONFLICT" },
    });
  });

  it("refuses anonymous callers", async () => {
    await expect(newTest().mutation(api.advisors.setOnline, { isOnline: true })).rejects.toMatchObject({
      data: { code: "UNAUTHENTICATED" },
    });
  });
});

describe("advisors.list", () => {
  it("shows visitors prices, specialties and rating but no email", async () => {
    const t = await withSpecialties();
    const advisor = await makeUser(t, "advisor");
    await advisor.as.mutation(api.advisors.updateProfile, profile);
    await t.run(async (ctx) => {
      const row = await ctx.db.query("advisors").first();
      await ctx.db.patch(row!._id, { ratingTotal: 14, ratingCount: 3 });
    });
    const [listed] = await t.query(api.advisors.list, {});
    expect(listed).toMatchObject({ chatPricePerMinute: 250, currency: "USD", rating: 4.7, ratingCount: 3 });
    expect(JSON.stringify(listed)).not.toContain("@example.com");
  });
});
