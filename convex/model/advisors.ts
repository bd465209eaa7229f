/**
 * Advisor profiles: what visitors see (headline, specialties, prices, rating,
 * online status) and what the advisor edits.
 */
import type { Doc, Id } from "../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../_generated/server";
import { formatMoney } from "../../lib/money";
import { MAX_SPECIALTIES, TEXT_LIMITS, normalizeSpecialties, specialtiesError } from "../../lib/forms/textLimits";
import { LANGUAGES, MAX_LANGUAGES } from "../../lib/advisors/discovery";
import { appError } from "../errors";
import { syncListings, writeProfile } from "./advisorListings";
import { photoUrl } from "./advisorPhotoUrl";
import { tellWaiting } from "./onlineAlerts";
import { getSettings } from "./settings";
import * as Specialties from "./specialties";

export { MAX_SPECIALTIES };
export const MAX_SPECIALTY_LENGTH = TEXT_LIMITS.specialty;
export const MAX_HEADLINE_LENGTH = TEXT_LIMITS.headline;
export const MAX_BIO_LENGTH = TEXT_LIMITS.bio;
const PUBLIC_LIST_LIMIT = 100;

export type ProfileFields = {
  headline: string;
  bio: string;
  specialties: string[];
  chatPricePerMinute: number;
  videoPricePerMinute: number;
  /** Absent: keep the profile's languages. */
  languages?: string[];
};

/** A rating average to one decimal, or null before the first rating. */
export function ratingAverage(advisor: Pick<Doc<"advisors">, "ratingTotal" | "ratingCount">): number | null {
  if (advisor.ratingCount === 0) return null;
  return Math.round((advisor.ratingTotal * 10) / advisor.ratingCount) / 10;
}

export async function findProfile(ctx: QueryCtx, userId: Id<"users">) {
  return await ctx.db
    .query("advisors")
    .withIndex("by_userId", (q) => q.eq("userId", userId))
    .unique();
}

export async function loadProfileOrThrow(ctx: QueryCtx, userId: Id<"users">): Promise<Doc<"advisors">> {
  const profile = await findProfile(ctx, userId);
  if (profile === null) throw appError("NOT_FOUND", "No advisor profile yet.");
  return profile;
}

async function publicProfile(ctx: QueryCtx, advisor: Doc<"advisors">, user: Doc<"users">) {
  return {
    photoUrl: await photoUrl(ctx, advisor),
    _id: advisor._id,
    name: user.name,
    headline: advisor.headline,
    bio: advisor.bio,
    specialties: advisor.specialties,
    languages: advisor.languages ?? [],
    chatPricePerMinute: advisor.chatPricePerMinute,
    videoPricePerMinute: advisor.videoPricePerMinute,
    currency: advisor.currency,
    isOnline: advisor.isOnline,
    rating: ratingAverage(advisor),
    ratingCount: advisor.ratingCount,
  };
}
export type PublicAdvisor = Awaited<ReturnType<typeof publicProfile>>;

/** Approved advisors, online ones first, then by rating. */
export async function listPublic(ctx: QueryCtx): Promise<PublicAdvisor[]> {
  const byOnline = async (isOnline: boolean) =>
    await ctx.db
      .query("advisors")
      .withIndex("by_status_and_isOnline", (q) => q.eq("status", "approved").eq("isOnline", isOnline))
      .take(PUBLIC_LIST_LIMIT);
  const advisors = [...(await byOnline(true)), ...(await byOnline(false))].slice(0, PUBLIC_LIST_LIMIT);
  const listed: PublicAdvisor[] = [];
  for (const advisor of advisors) {
    const user = await ctx.db.get(advisor.userId);
    if (user !== null && user.role === "advisor") listed.push(await publicProfile(ctx, advisor, user));
  }
  const byRating = (a: PublicAdvisor, b: PublicAdvisor) => (b.rating ?? 0) - (a.rating ?? 0);
  return [...listed.filter((a) => a.isOnline).sort(byRating), ...listed.filter((a) => !a.isOnline).sort(byRating)];
}

export async function getPublic(ctx: QueryCtx, advisorId: Id<"advisors">): Promise<PublicAdvisor | null> {
  const advisor = await ctx.db.get(advisorId);
  if (advisor === null || advisor.status !== "approved") return null;
  const user = await ctx.db.get(advisor.userId);
  if (user === null || user.role !== "advisor") return null;
  return await publicProfile(ctx, advisor, user);
}

type PriceBounds = { min: number; max: number; currency: string };

/** The profile field a refusal names, so the form shows it next to that field. */
export type ProfileField = keyof ProfileFields;

/** Checks the advisor's edit and returns what is stored; too-long text is refused with the field named, never cut. */
export function validateProfile(fields: ProfileFields, prices: PriceBounds): ProfileFields {
  const headline = fields.headline.trim();
  const bio = fields.bio.trim();
  const specialties = normalizeSpecialties(fields.specialties);
  const refuse = (field: ProfileField, message: string) => appError("INVALID_ARGUMENT", message, field);
  if (headline === "" || headline.length > MAX_HEADLINE_LENGTH) {
    throw refuse("headline", `The headline must be 1–${MAX_HEADLINE_LENGTH} characters; it has ${headline.length}.`);
  }
  if (bio.length > MAX_BIO_LENGTH) throw refuse("bio", `The bio must be at most ${MAX_BIO_LENGTH.toLocaleString("en-US")} characters; it has ${bio.length.toLocaleString("en-US")}.`);
  const specialtiesProblem = specialtiesError(specialties);
  if (specialtiesProblem !== null) throw refuse("specialties", specialtiesProblem);
  const languages = fields.languages === undefined ? undefined : [...new Set(fields.languages)];
  if (languages !== undefined) {
    const unknown = languages.find((l) => !(LANGUAGES as readonly string[]).includes(l));
    if (unknown !== undefined) throw refuse("languages", `“${unknown.slice(0, 40)}” is not one of the languages listed.`);
    if (languages.length > MAX_LANGUAGES) throw refuse("languages", `List at most ${MAX_LANGUAGES} languages.`);
  }
  for (const [field, label, price] of [
    ["chatPricePerMinute", "chat", fields.chatPricePerMinute],
    ["videoPricePerMinute", "video", fields.videoPricePerMinute],
  ] as const) {
    if (!Number.isInteger(price) || price < prices.min || price > prices.max) {
      const range = `${formatMoney(prices.min, prices.currency)} to ${formatMoney(prices.max, prices.currency)}`;
      throw refuse(field, `The ${label} price per minute must be from ${range}, in whole cents.`);
    }
  }
  return { ...fields, headline, bio, specialties, ...(languages === undefined ? {} : { languages }) };
}

export async function updateProfile(ctx: MutationCtx, userId: Id<"users">, fields: ProfileFields) {
  const profile = await loadProfileOrThrow(ctx, userId);
  const settings = await getSettings(ctx);
  const prices = { min: settings.pricePerMinuteMin, max: settings.pricePerMinuteMax, currency: profile.currency };
  const valid = validateProfile(fields, prices);
  await Specialties.requireListed(ctx, valid.specialties, "specialties", profile.specialties);
  await writeProfile(ctx, profile._id, valid);
}

export async function setOnline(ctx: MutationCtx, userId: Id<"users">, isOnline: boolean) {
  const profile = await loadProfileOrThrow(ctx, userId);
  if (profile.status !== "approved") throw appError("CONFLICT", "Only approved advisors can go online.");
  await writeProfile(ctx, profile._id, { isOnline });
  if (isOnline && !profile.isOnline) await tellWaiting(ctx, profile._id, Date.now());
}

/** Called when a user is granted the advisor role: (re)activates or starts their profile. */
export async function activateProfile(ctx: MutationCtx, userId: Id<"users">, fields?: Partial<ProfileFields>) {
  const profile = await findProfile(ctx, userId);
  if (profile !== null) {
    await writeProfile(ctx, profile._id, { status: "approved", ...(fields ?? {}) });
    return profile._id;
  }
  const settings = await getSettings(ctx);
  const id = await ctx.db.insert("advisors", {
    userId,
    headline: "New advisor",
    bio: "",
    specialties: ["General advice"],
    chatPricePerMinute: 100,
    videoPricePerMinute: 200,
    currency: settings.currency,
    status: "approved",
    isOnline: false,
    ratingTotal: 0,
    ratingCount: 0,
    ...(fields ?? {}),
  });
  await syncListings(ctx, id);
  return id;
}

/** Called when the advisor role is revoked: hides the profile and takes it offline. */
export async function suspendProfile(ctx: MutationCtx, userId: Id<"users">) {
  const profile = await findProfile(ctx, userId);
  if (profile !== null) await writeProfile(ctx, profile._id, { status: "suspended", isOnline: false });
}
