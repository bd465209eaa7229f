/** The platform settings the app shows its users as rules (SPEC §8: a number the code uses is the one in settings). */
import { pick } from "convex-helpers";
import { v } from "convex/values";
import { userQuery } from "./functions";
import { getSettings, settingsFields } from "./model/settings";

const PUBLIC_LIMITS = ["currency", "pricePerMinuteMin", "pricePerMinuteMax", "earningsPendingHours", "withdrawalMin"] as const;

/**
 * The limits a signed-in user is told about: the range of per-minute prices an
 * advisor may set, how long an earning stays pending, and the smallest
 * withdrawal. Amounts in minor units of `currency`.
 */
export const publicLimits = userQuery({
  args: {},
  returns: v.object(pick(settingsFields, [...PUBLIC_LIMITS])),
  handler: async (ctx) => pick(await getSettings(ctx), [...PUBLIC_LIMITS]),
});
