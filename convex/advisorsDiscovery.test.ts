import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { api, internal } from "./_generated/api";
import type { Id } from "./_generated/dataModel";
import { LANGUAGES, ratingTenths, type DiscoveryFilters } from "../lib/advisors/discovery";
import { writeProfile } from "./model/advisorListings";
import * as Advisors from "./model/advisors";
import * as Specialties from "./model/specialties";
import { makeUser, newTest, type TestConvex } from "./test.factories";

const SPECIALTIES = ["Tax", "Career coaching", "Relationships", "Law", "Fitness", "Startups"];
const LANGS = LANGUAGES.slice(0, 4);

type Row = {
  advisorId: Id<"advisors">;
  name: string;
  specialties: string[];
  languages: string[];
  chat: number;
  video: number;
  isOnline: boolean;
  tenths: number;
  reviews: number;
  suspended: boolean;
};

/** A seeded population: varied specialties, languages, prices, ratings and online status; a few suspended. */
async function population(t: TestConvex, seed: number, size = 36): Promise<Row[]> {
  let state = seed;
  const next = (n: number) => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state % n;
  };
  const rows: Row[] = [];
  for (let i = 0; i < size; i++) {
    const advisor = await makeUser(t, "advisor", `adv${i}@example.com`);
    const specialties = [...new Set([SPECIALTIES[next(6)], SPECIALTIES[next(6)]])];
    const languages = [...new Set([LANGS[next(4)], LANGS[next(4)]])];
    const chat = 50 + next(20) * 25;
    const video = chat + next(10) * 25;
    const reviews = next(4) === 0 ? 0 : 1 + next(40);
    const ratingTotal = reviews === 0 ? 0 : reviews * (2 + next(4)) + next(reviews + 1);
    const isOnline = next(2) === 0;
    const suspended = next(9) === 0;
    const advisorId = await t.run(async (ctx) => {
      const profile = (await Advisors.findProfile(ctx, advisor.userId))!;
      await writeProfile(ctx, profile._id, {
        headline: `Advisor number ${i}`,
        specialties,
        languages,
        chatPricePerMinute: chat,
        videoPricePerMinute: video,
        isOnline,
        ratingTotal,
        ratingCount: reviews,
      });
      if (suspended) await Advisors.suspendProfile(ctx, advisor.userId);
      return profile._id;
    });
    rows.push({ advisorId, name: advisor.identity.name, specialties, languages, chat, video, isOnline: isOnline && !suspended, tenths: ratingTenths(ratingTotal, reviews), reviews, suspended });
  }
  return rows;
}

function naive(rows: Row[], f: DiscoveryFilters): Row[] {
  return rows.filter((r) => {
    const price = f.priceKind === "chat" ? r.chat : r.video;
    return (
      !r.suspended &&
      (f.specialty === undefined || r.specialties.some((s) => s.toLowerCase() === f.specialty!.toLowerCase())) &&
      (f.language === undefined || r.languages.includes(f.language)) &&
      (f.priceMin === undefined || price >= f.priceMin) &&
      (f.priceMax === undefined || price <= f.priceMax) &&
      (f.minRating === undefined || r.tenths >= f.minRating * 10) &&
      (!f.onlineOnly || r.isOnline)
    );
  });
}

async function everyPage(t: TestConvex, f: DiscoveryFilters, numItems = 5) {
  const ids: Id<"advisors">[] = [];
  let cursor: string | null = null;
  for (let pages = 0; pages < 100; pages++) {
    const result: { page: { _id: Id<"advisors"> }[]; isDone: boolean; continueCursor: string } = await t.query(api.advisors.discover, {
      ...f,
      paginationOpts: { numItems, cursor },
    });
    ids.push(...result.page.map((a) => a._id));
    if (result.isDone) return ids;
    cursor = result.continueCursor;
  }
  throw new Error("discovery never finished paging");
}

const filtersArb: fc.Arbitrary<DiscoveryFilters> = fc.record({
  specialty: fc.option(fc.constantFrom(...SPECIALTIES, "tax"), { nil: undefined }),
  language: fc.option(fc.constantFrom(...LANGS), { nil: undefined }),
  priceKind: fc.constantFrom("chat" as const, "video" as const),
  priceMin: fc.option(fc.integer({ min: 0, max: 300 }), { nil: undefined }),
  priceMax: fc.option(fc.integer({ min: 300, max: 800 }), { nil: undefined }),
  minRating: fc.option(fc.constantFrom(1, 3, 3.5, 4, 4.5), { nil: undefined }),
  onlineOnly: fc.boolean(),
  sort: fc.constantFrom("recommended" as const, "rating" as const, "price" as const, "reviews" as const),
});

describe("advisors.discover", () => {
  it("returns exactly the advisors a naive filter over the same rows finds, in the sort's order, across pages", async () => {
    const t = newTest();
    const rows = await population(t, 7);
    const byId = new Map(rows.map((r) => [r.advisorId, r]));
    await fc.assert(
      fc.asyncProperty(filtersArb, async (f) => {
        const found = await everyPage(t, f);
        expect(new Set(found).size).toBe(found.length);
        expect(new Set(found)).toEqual(new Set(naive(rows, f).map((r) => r.advisorId)));
        const shown = found.map((id) => byId.get(id)!);
        const key = (r: Row) =>
          f.sort === "rating" ? -r.tenths : f.sort === "reviews" ? -r.reviews : f.sort === "price" ? (f.priceKind === "chat" ? r.chat : r.video) : -(Number(r.isOnline) * 1e9 + r.tenths * 1e6 + r.reviews);
        for (let i = 1; i < shown.length; i++) expect(key(shown[i - 1])).toBeLessThanOrEqual(key(shown[i]));
      }),
      { numRuns: 60, seed: 15 },
    );
  }, 120_000);

  it("finds advisors by text in name, headline and specialties, with the other filters, never suspended ones", async () => {
    const t = newTest();
    const rows = await population(t, 11, 20);
    const found = async (f: Partial<DiscoveryFilters>) =>
      new Set(await everyPage(t, { priceKind: "chat", onlineOnly: false, sort: "recommended", ...f }));
    const expected = (f: Partial<DiscoveryFilters>, match: (r: Row) => boolean) =>
      new Set(naive(rows, { priceKind: "chat", onlineOnly: false, sort: "recommended", ...f }).filter(match).map((r) => r.advisorId));
    expect(await found({ text: "Startups" })).toEqual(expected({}, (r) => r.specialties.includes("Startups")));
    expect(await found({ text: "Relationships", onlineOnly: true, language: LANGS[1] })).toEqual(
      expected({ onlineOnly: true, language: LANGS[1] }, (r) => r.specialties.includes("Relationships")),
    );
    const someone = rows.find((r) => !r.suspended)!;
    expect(await found({ text: someone.name })).toEqual(new Set([someone.advisorId]));
    const suspended = rows.find((r) => r.suspended);
    if (suspended !== undefined) expect(await found({ text: suspended.name })).toEqual(new Set());
  });

  it("follows the profile: a price change, going online, a new rating and a suspension move the listing", async () => {
    const t = newTest();
    const advisor = await makeUser(t, "advisor", "mover@example.com");
    const base: DiscoveryFilters = { priceKind: "chat", onlineOnly: true, sort: "recommended", specialty: "Tax" };
    await t.run((ctx) => Specialties.add(ctx, { name: "Tax", now: Date.now() }));
    await advisor.as.mutation(api.advisors.updateProfile, {
      headline: "Tax help",
      bio: "",
      specialties: ["Tax"],
      chatPricePerMinute: 120,
      videoPricePerMinute: 200,
      languages: ["Spanish"],
    });
    expect(await everyPage(t, base)).toEqual([]);
    await advisor.as.mutation(api.advisors.setOnline, { isOnline: true });
    const [id] = await everyPage(t, base);
    expect(id).toBeDefined();
    expect(await everyPage(t, { ...base, language: "Spanish", priceMax: 119 })).toEqual([]);
    expect(await everyPage(t, { ...base, language: "Spanish", priceMax: 120 })).toEqual([id]);
    await t.run(async (ctx) => Advisors.suspendProfile(ctx, advisor.userId));
    expect(await everyPage(t, { ...base, onlineOnly: false })).toEqual([]);
    expect(await t.run((ctx) => ctx.db.query("advisorListings").collect())).toEqual([]);
  });

  it("refuses bad filters at their field and asks for at most 48 at a time", async () => {
    const t = newTest();
    const ok: DiscoveryFilters = { priceKind: "chat", onlineOnly: false, sort: "recommended" };
    const page = { numItems: 12, cursor: null };
    const refused = (args: Partial<DiscoveryFilters>, field: string, numItems = 12) =>
      expect(t.query(api.advisors.discover, { ...ok, ...args, paginationOpts: { ...page, numItems } })).rejects.toMatchObject({
        data: { code: "INVALID_ARGUMENT", field },
      });
    await refused({ text: "x".repeat(101) }, "text");
    await refused({ text: "a b c d e f g h i j k l m n o p q" }, "text");
    await refused({ language: "Klingon" }, "language");
    await refused({ priceMin: -1 }, "priceMin");
    await refused({ priceMin: 1.5 }, "priceMin");
    await refused({ priceMin: 500, priceMax: 100 }, "priceMax");
    await refused({ minRating: 6 }, "minRating");
    await refused({}, "numItems", 49);
    await expect(t.query(api.advisors.discover, { ...ok, paginationOpts: page })).resolves.toMatchObject({ page: [] });
  });
});

describe("the demo data", () => {
  it("lists at least 24 advisors with varied specialties, languages, prices and ratings", async () => {
    const t = newTest();
    await t.mutation(internal.seed.init, {});
    const all: DiscoveryFilters = { priceKind: "chat", onlineOnly: false, sort: "recommended" };
    expect((await everyPage(t, all, 10)).length).toBeGreaterThanOrEqual(24);
    expect((await everyPage(t, { ...all, language: "Spanish" })).length).toBeGreaterThanOrEqual(3);
    expect((await everyPage(t, { ...all, specialty: "Tax" })).length).toBeGreaterThanOrEqual(3);
    expect((await everyPage(t, { ...all, onlineOnly: true })).length).toBeGreaterThanOrEqual(5);
    expect((await everyPage(t, { ...all, minRating: 4.8 })).length).toBeGreaterThanOrEqual(3);
    expect((await everyPage(t, { ...all, priceMax: 100 })).length).toBeGreaterThanOrEqual(3);
  });
});

describe("the demo ratings", () => {
  it("have star histograms that add up to each advisor's count and total", async () => {
    const t = newTest();
    await t.mutation(internal.seed.init, {});
    const advisors = await t.run((ctx) => ctx.db.query("advisors").collect());
    for (const advisor of advisors) {
      const counts = advisor.starCounts ?? [0, 0, 0, 0, 0];
      expect(counts.reduce((a, b) => a + b, 0)).toBe(advisor.ratingCount);
      expect(counts.reduce((sum, n, i) => sum + n * (i + 1), 0)).toBe(advisor.ratingTotal);
    }
  });
});
