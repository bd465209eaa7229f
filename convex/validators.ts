import { v, type Infer } from "convex/values";

export const vRole = v.union(v.literal("client"), v.literal("advisor"), v.literal("admin"));
export type Role = Infer<typeof vRole>;

/** A user's standing: a suspended user is signed in but refused every action (issue 14). */
export const vUserStatus = v.union(v.literal("active"), v.literal("suspended"));
export type UserStatus = Infer<typeof vUserStatus>;

/** pending: applied, waiting for an admin; approved: listed and bookable; rejected; suspended: role revoked or blocked. */
export const vAdvisorStatus = v.union(
  v.literal("pending"),
  v.literal("approved"),
  v.literal("rejected"),
  v.literal("suspended"),
);
export type AdvisorStatus = Infer<typeof vAdvisorStatus>;

// Bounds of string arguments that have no rule of their own (SPEC §10: every text argument has a bound).

/** The longest email address SMTP allows (RFC 5321 path limit). */
export const MAX_EMAIL_LENGTH = 254;
/** A document id's text is ~32 characters; anything much longer is not an id. */
export const MAX_ID_TEXT_LENGTH = 64;
