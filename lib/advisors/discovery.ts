/**
 * Advisor discovery (SPEC §1, issue 15): the filters and sorts a client can
 * choose, how they travel in the URL, and the keys the backend's listing rows
 * are indexed by. Shared by the advisors page and convex/model/advisorListings.ts.
 */
import { z } from "zod";

export const DISCOVERY_SORTS = ["recommended", "rating", "price", "reviews"] as const;
export type DiscoverySort = (typeof DISCOVERY_SORTS)[number];
export const SORT_LABEL: Record<DiscoverySort, string> = {
  recommended: "Recommended",
  rating: "Highest rated",
  price: "Lowest price",
  reviews: "Most reviews",
};

export const PRICE_KINDS = ["chat", "video"] as const;
export type PriceKind = (typeof PRICE_KINDS)[number];

/** The languages an advisor can list; a fixed list, so filters and profiles spell them one way. */
export const LANGUAGES = [
  "English",
  "Spanish",
  "French",
  "German",
  "Portuguese",
  "Italian",
  "Dutch",
  "Polish",
  "Arabic",
  "Hindi",
  "Mandarin",
  "Japanese",
  "Korean",
] as const;
export type Language = (typeof LANGUAGES)[number];
export const MAX_LANGUAGES = 6;

export const MAX_SEARCH_TEXT_LENGTH = 100;
export const MAX_SEARCH_WORDS = 16;
/** How many advisors a client can save as favourites. */
export const MAX_FAVOURITES = 200;

/** The specialty list a fresh backend starts with (admins manage it from then on) and the demo advisors use. */
export const DEFAULT_SPECIALTIES = [
  "Career coaching",
  "Leadership",
  "Interviews",
  "Tax",
  "Small business",
  "Bookkeeping",
  "Relationships",
  "Stress",
  "Wellbeing",
  "Software",
  "Architecture",
  "Debugging",
  "Law",
  "Immigration",
  "Real estate",
  "Nutrition",
  "Fitness",
  "Parenting",
  "Startups",
  "Marketing",
  "Design",
  "Investing",
  "Languages",
  "Writing",
] as const;

export type DiscoveryFilters = {
  text?: string;
  specialty?: string;
  language?: string;
  priceKind: PriceKind;
  /** Inclusive bounds of the per-minute price of `priceKind`, in minor units. */
  priceMin?: number;
  priceMax?: number;
  /** Smallest average rating, 1 to 5 (averages are kept to one decimal). */
  minRating?: number;
  onlineOnly: boolean;
  sort: DiscoverySort;
};

export const DEFAULT_FILTERS: DiscoveryFilters = { priceKind: "chat", onlineOnly: false, sort: "recommended" };

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((s) => (s === "" ? undefined : s))
    .optional()
    .catch(undefined);
const optionalCents = z.coerce.number().int().min(0).max(10_000_000).optional().catch(undefined);

/** The URL's query (`?q=tax&language=Spanish&sort=rating`) as filters; anything malformed falls back to its default. */
const urlSchema = z.object({
  q: optionalText(MAX_SEARCH_TEXT_LENGTH),
  specialty: optionalText(40),
  language: optionalText(40),
  kind: z.enum(PRICE_KINDS).catch("chat"),
  min: optionalCents,
  max: optionalCents,
  rating: z.coerce.number().min(1).max(5).optional().catch(undefined),
  online: z
    .string()
    .optional()
    .transform((s) => s === "1")
    .catch(false),
  sort: z.enum(DISCOVERY_SORTS).catch("recommended"),
});

export function filtersFromSearchParams(params: Record<string, string | string[] | undefined>): DiscoveryFilters {
  const first = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  const p = urlSchema.parse(first);
  return {
    text: p.q,
    specialty: p.specialty,
    language: p.language,
    priceKind: p.kind,
    priceMin: p.min,
    priceMax: p.max,
    minRating: p.rating,
    onlineOnly: p.online,
    sort: p.sort,
  };
}

/** The filters as a URL query, leaving out defaults, so a shared link is short and stable. */
export function filtersToSearchParams(filters: DiscoveryFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.text) params.set("q", filters.text);
  if (filters.specialty) params.set("specialty", filters.specialty);
  if (filters.language) params.set("language", filters.language);
  if (filters.priceKind !== "chat") params.set("kind", filters.priceKind);
  if (filters.priceMin !== undefined) params.set("min", String(filters.priceMin));
  if (filters.priceMax !== undefined) params.set("max", String(filters.priceMax));
  if (filters.minRating !== undefined) params.set("rating", String(filters.minRating));
  if (filters.onlineOnly) params.set("online", "1");
  if (filters.sort !== "recommended") params.set("sort", filters.sort);
  return params;
}

// ——— Listing keys (the backend's index fields) ———

/** A rating average in tenths (4.7 → 47), 0 before the first rating. */
export function ratingTenths(ratingTotal: number, ratingCount: number): number {
  return ratingCount === 0 ? 0 : Math.round((ratingTotal * 10) / ratingCount);
}

/** Online first, then rating, then number of reviews: one number, so one index orders by it. */
export function recommendedScore(isOnline: boolean, tenths: number, reviews: number): number {
  return (isOnline ? 1_000_000_000 : 0) + tenths * 1_000_000 + Math.min(reviews, 999_999);
}
export const ONLINE_SCORE_FLOOR = 1_000_000_000;

export const facetKey = {
  all: "all",
  specialty: (name: string) => `specialty:${name.trim().toLowerCase()}`,
  language: (name: string) => `language:${name.trim().toLowerCase()}`,
};
