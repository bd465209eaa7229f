/** Reviews (SPEC §4): the optional sub-ratings a client may give beside the stars. */
export const SUB_RATINGS = ["expertise", "communication", "helpfulness"] as const;
export type SubRating = (typeof SUB_RATINGS)[number];
export const SUB_RATING_LABEL: Record<SubRating, string> = {
  expertise: "Expertise",
  communication: "Communication",
  helpfulness: "Helpfulness",
};

/** "Chris Client" → "Chris C.": how a reviewer is named on a public page. */
export function reviewerName(fullName: string): string {
  const [first, ...rest] = fullName.trim().split(/\s+/);
  const last = rest.at(-1);
  return last === undefined ? (first ?? "A client") : `${first} ${last[0]!.toUpperCase()}.`;
}
