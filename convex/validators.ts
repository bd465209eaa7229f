import { v, type Infer } from "convex/values";

export const vRole = v.union(v.literal("client"), v.literal("advisor"), v.literal("admin"));
export type Role = Infer<typeof vRole>;

/** pending: applied, waiting for an admin; approved: listed and bookable; rejected; suspended: role revoked or blocked. */
export const vAdvisorStatus = v.union(
  v.literal("pending"),
  v.literal("approved"),
  v.literal("rejected"),
  v.literal("suspended"),
);
export type AdvisorStatus = Infer<typeof vAdvisorStatus>;
