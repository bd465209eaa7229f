/**
 * How complete an advisor's profile is (issue 15 item 2): a score 0–100 and
 * what is missing, in words the advisor can act on. One rule for the profile
 * page and anything that ranks by it.
 */
export const GOOD_BIO_LENGTH = 80;
export const DEFAULT_HEADLINE = "New advisor";

type ProfileLike = { headline: string; bio: string; specialties: readonly string[]; languages: readonly string[]; hasPhoto: boolean };

const CHECKS: { done: (p: ProfileLike) => boolean; missing: string }[] = [
  { done: (p) => p.headline.trim() !== "" && p.headline.trim() !== DEFAULT_HEADLINE, missing: "a headline of your own" },
  { done: (p) => p.bio.trim().length >= GOOD_BIO_LENGTH, missing: `a bio of at least ${GOOD_BIO_LENGTH} characters` },
  { done: (p) => p.specialties.length >= 2, missing: "at least two specialties" },
  { done: (p) => p.languages.length >= 1, missing: "the languages you advise in" },
  { done: (p) => p.hasPhoto, missing: "a photo" },
];

export function profileCompletion(profile: ProfileLike): { score: number; missing: string[] } {
  const missing = CHECKS.filter((c) => !c.done(profile)).map((c) => c.missing);
  return { score: Math.round(((CHECKS.length - missing.length) * 100) / CHECKS.length), missing };
}
