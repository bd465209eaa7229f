/** The platform settings the app shows its users as rules (SPEC §8: a number the code uses is the one in settings). */
import { pick } from "convex-helpers";
import { paginationOptsValidator, paginationResultValidator } from "convex/server";
import { v } from "convex/values";
import { appError } from "./errors";
import { adminMutation, adminQuery, signedInQuery } from "./functions";
import { recordAudit, requireReason } from "./model/audit";
import { DEFAULT_SETTINGS, getSettings, settingsFields, updateSettings } from "./model/settings";
import { SETTINGS_AUDIT_ACTION, SETTING_NAMES, SETTING_RULES, isSettingName, requireValidSetting, type SettingValue } from "./model/settingsRules";

const PUBLIC_LIMITS = [
  "currency",
  "pricePerMinuteMin",
  "pricePerMinuteMax",
  "earningsPendingHours",
  "withdrawalMin",
  "documentMaxBytes",
  "documentAllowedExtensions",
] as const;

/**
 * The limits a signed-in user is told about: the range of per-minute prices an
 * advisor may set, how long an earning stays pending, the smallest
 * withdrawal, and what a session document may be. Amounts in minor units of `currency`.
 */
export const publicLimits = signedInQuery({
  args: {},
  returns: v.object(pick(settingsFields, [...PUBLIC_LIMITS])),
  handler: async (ctx) => pick(await getSettings(ctx), [...PUBLIC_LIMITS]),
});

// ---------------------------------------------------------------- the admin's settings page (issue 14)

const vSettingValue = v.union(v.number(), v.string(), v.array(v.number()), v.array(v.string()));
const MAX_NAME_LENGTH = 64;
const MAX_LIST_LENGTH = 20;

export const vSettingRow = v.object({
  name: v.string(),
  label: v.string(),
  group: v.string(),
  unit: v.string(),
  min: v.optional(v.number()),
  max: v.optional(v.number()),
  effect: v.union(v.literal("new_sessions"), v.literal("sessions_ending"), v.literal("immediately"), v.literal("read_only")),
  help: v.string(),
  value: vSettingValue,
  defaultValue: vSettingValue,
});

/** Every setting with its rule, its value in force and its default, in the order of the rules. */
export const adminList = adminQuery({
  args: {},
  returns: v.object({ currency: v.string(), settings: v.array(vSettingRow) }),
  handler: async (ctx) => {
    const settings = await getSettings(ctx);
    return {
      currency: settings.currency,
      settings: SETTING_NAMES.map((name) => ({ name, ...SETTING_RULES[name], value: settings[name], defaultValue: DEFAULT_SETTINGS[name] })),
    };
  },
});

/**
 * Changes one setting, with a reason, audited with its value before and after
 * ("settings.update", target the setting's name). A bad value is refused
 * naming the setting as the field and changes nothing. Sessions snapshot the
 * rules they run by when requested, so a change reaches new sessions only.
 */
export const update = adminMutation({
  args: { name: v.string(), value: vSettingValue, reason: v.string() },
  returns: v.null(),
  handler: async (ctx, args) => {
    if (args.name.length > MAX_NAME_LENGTH) throw appError("INVALID_ARGUMENT", "There is no such setting.", "name");
    if (Array.isArray(args.value) && args.value.length > MAX_LIST_LENGTH) throw appError("INVALID_ARGUMENT", `At most ${MAX_LIST_LENGTH} values.`, args.name);
    const now = Date.now();
    const current = await getSettings(ctx);
    const { name, value } = requireValidSetting(args.name, args.value, current, now);
    const reason = requireReason(args.reason);
    const before = current[name];
    if (JSON.stringify(before) === JSON.stringify(value)) throw appError("INVALID_ARGUMENT", `${SETTING_RULES[name].label} is already ${JSON.stringify(value)}.`, name);
    await updateSettings(ctx, { [name]: value }, { userId: ctx.user._id, now });
    await recordAudit(ctx, { actorId: ctx.user._id, action: SETTINGS_AUDIT_ACTION, targetType: "setting", targetId: name, before: { [name]: before }, after: { [name]: value }, reason }, now);
    return null;
  },
});

export const vSettingChange = v.object({
  _id: v.id("auditLog"),
  at: v.number(),
  name: v.string(),
  label: v.string(),
  unit: v.string(),
  before: vSettingValue,
  after: vSettingValue,
  reason: v.string(),
  actorName: v.string(),
});

/** The history of setting changes, newest first, paginated. */
export const history = adminQuery({
  args: { paginationOpts: paginationOptsValidator },
  returns: paginationResultValidator(vSettingChange),
  handler: async (ctx, { paginationOpts }) => {
    const result = await ctx.db
      .query("auditLog")
      .withIndex("by_action_and_at", (q) => q.eq("action", SETTINGS_AUDIT_ACTION))
      .order("desc")
      .paginate(paginationOpts);
    const names = new Map<string, string>();
    const page = [];
    for (const entry of result.page) {
      if (!isSettingName(entry.targetId)) continue;
      if (!names.has(entry.actorId)) names.set(entry.actorId, (await ctx.db.get(entry.actorId))?.name ?? "Deleted user");
      const rule = SETTING_RULES[entry.targetId];
      page.push({
        _id: entry._id,
        at: entry.at,
        name: entry.targetId,
        label: rule.label,
        unit: rule.unit,
        before: (entry.before as Record<string, SettingValue>)[entry.targetId],
        after: (entry.after as Record<string, SettingValue>)[entry.targetId],
        reason: entry.reason ?? "",
        actorName: names.get(entry.actorId)!,
      });
    }
    return { ...result, page };
  },
});
