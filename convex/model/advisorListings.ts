/**
 * Discovery (issue 15 item 3): the listing rows an advisor's profile is
 * indexed by (advisorsSchema.ts) and the query over them.
 *
 * Without search text, a query picks the facet that narrows most (a specialty,
 * else a language, else "all") and the index of its sort, puts the filters on
 * that index's field into the index range (online-only under "recommended",
 * the minimum rating under "rating", the price range under "price"), and
 * checks the rest on each row. With search text it uses the advisors' search
 * index (relevance order) with status and online as filter fields.
 */
import { v } from "convex/values";
import type { PaginationOptions } from "convex/server";
import { filter } from "convex-helpers/server/filter";
import type { Doc, Id } from "../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../_generated/server";
import {
  LANGUAGES,
  MAX_SEARCH_TEXT_LENGTH,
  MAX_SEARCH_WORDS,
  ONLINE_SCORE_FLOOR,
  facetKey,
  ratingTenths,
  recommendedScore,
  type DiscoveryFilters,
} from "../../lib/advisors/discovery";
import { appError } from "../errors";
import { advisorPresence } from "./sessions";
import { photoUrl } from "./advisorPhotoUrl";

type ListingFields = Omit<Doc<"advisorListings">, "_id" | "_creationTime" | "facet">;

function listingFields(advisor: Doc<"advisors">): ListingFields {
  const rating = ratingTenths(advisor.ratingTotal, advisor.ratingCount);
  return {
    advisorId: advisor._id,
    isOnline: advisor.isOnline,
    recommended: recommendedScore(advisor.isOnline, rating, advisor.ratingCount),
    rating,
    reviews: advisor.ratingCount,
    chatPrice: advisor.chatPricePerMinute,
    videoPrice: advisor.videoPricePerMinute,
    specialties: advisor.specialties.map((s) => s.trim().toLowerCase()),
    languages: (advisor.languages ?? []).map((l) => l.toLowerCase()),
  };
}

function searchTextOf(advisor: Doc<"advisors">, user: Doc<"users">): string {
  return [user.name, advisor.headline, ...advisor.specialties, ...(advisor.languages ?? [])].join(" ");
}

function sameListing(row: Doc<"advisorListings">, fields: ListingFields): boolean {
  return (Object.keys(fields) as (keyof ListingFields)[]).every((key) => JSON.stringify(row[key]) === JSON.stringify(fields[key]));
}

/**
 * Brings an advisor's listing rows and search text in line with their profile:
 * rows for each facet while they are an approved advisor, none otherwise.
 * Every write to a profile's listed fields calls it (one home: writeProfile).
 */
export async function syncListings(ctx: MutationCtx, advisorId: Id<"advisors">): Promise<void> {
  const advisor = await ctx.db.get(advisorId);
  const rows = await ctx.db
    .query("advisorListings")
    .withIndex("by_advisorId", (q) => q.eq("advisorId", advisorId))
    .collect();
  const user = advisor === null ? null : await ctx.db.get(advisor.userId);
  const listed = advisor !== null && user !== null && advisor.status === "approved" && user.role === "advisor";
  if (!listed) {
    for (const row of rows) await ctx.db.delete(row._id);
    return;
  }
  const searchText = searchTextOf(advisor, user);
  if (advisor.searchText !== searchText) await ctx.db.patch(advisor._id, { searchText });
  const fields = listingFields(advisor);
  const facets = new Set([facetKey.all, ...advisor.specialties.map(facetKey.specialty), ...(advisor.languages ?? []).map(facetKey.language)]);
  for (const row of rows) {
    if (!facets.has(row.facet)) await ctx.db.delete(row._id);
    else if (!sameListing(row, fields)) await ctx.db.patch(row._id, fields);
    facets.delete(row.facet);
  }
  for (const facet of facets) await ctx.db.insert("advisorListings", { ...fields, facet });
}

/** Patches a profile and keeps its listings in line: the one way discovery-visible fields change. */
export async function writeProfile(ctx: MutationCtx, advisorId: Id<"advisors">, patch: Partial<Doc<"advisors">>): Promise<void> {
  await ctx.db.patch(advisorId, patch);
  await syncListings(ctx, advisorId);
}

// ——— The query ———

export const vDiscoveryArgs = {
  text: v.optional(v.string()),
  specialty: v.optional(v.string()),
  language: v.optional(v.string()),
  priceKind: v.union(v.literal("chat"), v.literal("video")),
  priceMin: v.optional(v.number()),
  priceMax: v.optional(v.number()),
  minRating: v.optional(v.number()),
  onlineOnly: v.boolean(),
  sort: v.union(v.literal("recommended"), v.literal("rating"), v.literal("price"), v.literal("reviews")),
};

const MAX_PAGE = 48;
const MAX_PRICE = 10_000_000;

function validate(filters: DiscoveryFilters, paginationOpts: PaginationOptions): DiscoveryFilters {
  const refuse = (field: string, message: string) => appError("INVALID_ARGUMENT", message, field);
  const text = filters.text?.trim() || undefined;
  if (text !== undefined && text.length > MAX_SEARCH_TEXT_LENGTH) throw refuse("text", `Search for at most ${MAX_SEARCH_TEXT_LENGTH} characters.`);
  // Convex search takes at most 16 terms.
  if (text !== undefined && text.split(/[^\p{L}\p{N}]+/u).filter((w) => w !== "").length > MAX_SEARCH_WORDS) {
    throw refuse("text", `Search for at most ${MAX_SEARCH_WORDS} words.`);
  }
  const specialty = filters.specialty?.trim() || undefined;
  if (specialty !== undefined && specialty.length > 40) throw refuse("specialty", "That is not a specialty.");
  const language = filters.language?.trim() || undefined;
  if (language !== undefined && !LANGUAGES.some((l) => l.toLowerCase() === language.toLowerCase())) throw refuse("language", "That is not a language advisors list.");
  for (const [field, price] of [["priceMin", filters.priceMin], ["priceMax", filters.priceMax]] as const) {
    if (price !== undefined && (!Number.isInteger(price) || price < 0 || price > MAX_PRICE)) throw refuse(field, "Give a price in whole cents.");
  }
  if (filters.priceMin !== undefined && filters.priceMax !== undefined && filters.priceMin > filters.priceMax) {
    throw refuse("priceMax", "The highest price must not be below the lowest.");
  }
  if (filters.minRating !== undefined && !(filters.minRating >= 1 && filters.minRating <= 5)) throw refuse("minRating", "A minimum rating is from 1 to 5.");
  if (!Number.isInteger(paginationOpts.numItems) || paginationOpts.numItems < 1 || paginationOpts.numItems > MAX_PAGE) {
    throw refuse("numItems", `Ask for 1 to ${MAX_PAGE} advisors at a time.`);
  }
  return { ...filters, text, specialty, language };
}

/** Whether a listing row (or an advisor's fields in the same shape) passes every filter. */
function passes(row: ListingFields, f: DiscoveryFilters): boolean {
  const price = f.priceKind === "chat" ? row.chatPrice : row.videoPrice;
  return (
    (f.specialty === undefined || row.specialties.includes(f.specialty.toLowerCase())) &&
    (f.language === undefined || row.languages.includes(f.language.toLowerCase())) &&
    (f.priceMin === undefined || price >= f.priceMin) &&
    (f.priceMax === undefined || price <= f.priceMax) &&
    (f.minRating === undefined || row.rating >= Math.round(f.minRating * 10)) &&
    (!f.onlineOnly || row.isOnline)
  );
}

function listingPage(ctx: QueryCtx, f: DiscoveryFilters) {
  const facet = f.specialty !== undefined ? facetKey.specialty(f.specialty) : f.language !== undefined ? facetKey.language(f.language) : facetKey.all;
  const listings = ctx.db.query("advisorListings");
  switch (f.sort) {
    case "recommended":
      return listings
        .withIndex("by_facet_and_recommended", (q) => (f.onlineOnly ? q.eq("facet", facet).gte("recommended", ONLINE_SCORE_FLOOR) : q.eq("facet", facet)))
        .order("desc");
    case "rating":
      return listings
        .withIndex("by_facet_and_rating", (q) => (f.minRating !== undefined ? q.eq("facet", facet).gte("rating", Math.round(f.minRating * 10)) : q.eq("facet", facet)))
        .order("desc");
    case "reviews":
      return listings.withIndex("by_facet_and_reviews", (q) => q.eq("facet", facet)).order("desc");
    case "price": {
      const index = f.priceKind === "chat" ? "by_facet_and_chatPrice" : "by_facet_and_videoPrice";
      const field = f.priceKind === "chat" ? "chatPrice" : "videoPrice";
      return listings
        .withIndex(index, (q) => {
          const base = q.eq("facet", facet);
          const lower = f.priceMin === undefined ? base : base.gte(field, f.priceMin);
          return f.priceMax === undefined ? lower : lower.lte(field, f.priceMax);
        })
        .order("asc");
    }
  }
}

/** An advisor as a discovery card: public fields, live presence and languages. */
export async function discoveryCard(ctx: QueryCtx, advisor: Doc<"advisors">) {
  const user = await ctx.db.get(advisor.userId);
  if (user === null) return null;
  return {
    _id: advisor._id,
    name: user.name,
    headline: advisor.headline,
    specialties: advisor.specialties,
    languages: advisor.languages ?? [],
    chatPricePerMinute: advisor.chatPricePerMinute,
    videoPricePerMinute: advisor.videoPricePerMinute,
    currency: advisor.currency,
    isOnline: advisor.isOnline,
    presence: await advisorPresence(ctx, advisor),
    photoUrl: await photoUrl(ctx, advisor),
    rating: advisor.ratingCount === 0 ? null : ratingTenths(advisor.ratingTotal, advisor.ratingCount) / 10,
    ratingCount: advisor.ratingCount,
  };
}

export const vDiscoveryCard = v.object({
  _id: v.id("advisors"),
  name: v.string(),
  headline: v.string(),
  specialties: v.array(v.string()),
  languages: v.array(v.string()),
  chatPricePerMinute: v.number(),
  videoPricePerMinute: v.number(),
  currency: v.string(),
  isOnline: v.boolean(),
  presence: v.union(v.literal("online"), v.literal("busy"), v.literal("offline")),
  photoUrl: v.union(v.null(), v.string()),
  rating: v.union(v.null(), v.number()),
  ratingCount: v.number(),
});

/** One page of discovery results; a page may hold fewer than asked when rows fail a filter no index covers. */
export async function discoverPage(ctx: QueryCtx, raw: DiscoveryFilters, paginationOpts: PaginationOptions) {
  const f = validate(raw, paginationOpts);
  if (f.text !== undefined) {
    const text = f.text;
    const found = await filter(
      ctx.db.query("advisors").withSearchIndex("search_text", (q) => {
        const approved = q.search("searchText", text).eq("status", "approved");
        return f.onlineOnly ? approved.eq("isOnline", true) : approved;
      }),
      (advisor) => passes(listingFields(advisor), f),
    ).paginate(paginationOpts);
    const page = [];
    for (const advisor of found.page) {
      const shown = await discoveryCard(ctx, advisor);
      if (shown !== null) page.push(shown);
    }
    return { ...found, page };
  }
  const found = await filter(listingPage(ctx, f), (row) => passes(row, f)).paginate(paginationOpts);
  const page = [];
  for (const row of found.page) {
    const advisor = await ctx.db.get(row.advisorId);
    const shown = advisor === null ? null : await discoveryCard(ctx, advisor);
    if (shown !== null) page.push(shown);
  }
  return { ...found, page };
}
