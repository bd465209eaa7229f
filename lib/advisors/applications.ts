/** Applications to become an advisor (SPEC §1a): statuses and the bounds of what an applicant types. */
export const APPLICATION_STATUSES = ["pending", "approved", "rejected"] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

export const APPLICATION_LIMITS = {
  displayName: 80,
  maxLinks: 3,
  link: 200,
  maxYears: 70,
} as const;

/** An http(s) link of at most APPLICATION_LIMITS.link characters, or null with the reason. */
export function linkError(link: string): string | null {
  if (link.length > APPLICATION_LIMITS.link) return `A link has at most ${APPLICATION_LIMITS.link} characters.`;
  try {
    const url = new URL(link);
    return url.protocol === "https:" || url.protocol === "http:" ? null : "Links start with https://.";
  } catch {
    return `“${link.slice(0, 40)}” is not a web address.`;
  }
}
