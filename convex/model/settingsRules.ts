/**
 * What an admin may set each platform setting to (SPEC §8 "Settings page"):
 * its label, unit, range and when a change takes effect, and the one
 * validation the settings mutation runs. A setting's number lives only in
 * platformSettings (model/settings.ts); this file holds the rules for
 * changing it. Every setting has a rule (the Record type makes a new setting
 * without one a type error).
 */
import { appError } from "../errors";
import { timeZoneProblem } from "../../lib/admin/platformFigures";
import { DOCUMENT_EXTENSIONS, formatSettingNumber, type SettingGroup, type SettingUnit } from "../../lib/admin/settingUnits";
import type { PlatformSettings } from "./settings";

export type SettingName = keyof PlatformSettings;
/** The audit log's action for a settings change (its target is the setting's name). */
export const SETTINGS_AUDIT_ACTION = "settings.update";
export type SettingValue = PlatformSettings[SettingName];

/** When a change takes effect: for sessions requested after it, for sessions that end after it, or at once. */
export type SettingEffect = "new_sessions" | "sessions_ending" | "immediately" | "read_only";

export type SettingRule = {
  label: string;
  group: SettingGroup;
  unit: SettingUnit;
  /** Bounds of the number, or of each amount of a list. */
  min?: number;
  max?: number;
  effect: SettingEffect;
  help: string;
};

const MAX_PRESETS = 6;
const MAX_TIME_ZONE_LENGTH = 64;
const MB = 1024 * 1024;
export { DOCUMENT_EXTENSIONS, SETTING_GROUPS, SETTING_UNITS, formatSettingNumber, type SettingGroup, type SettingUnit } from "../../lib/admin/settingUnits";

const r = (label: string, group: SettingGroup, unit: SettingUnit, min: number | undefined, max: number | undefined, effect: SettingEffect, help: string): SettingRule => ({
  label,
  group,
  unit,
  min,
  max,
  effect,
  help,
});

export const SETTING_RULES: Record<SettingName, SettingRule> = {
  currency: r("Currency", "Platform", "currency", undefined, undefined, "read_only", "Every account and price is in this currency; it cannot be changed once money has moved."),
  platformTimeZone: r("Platform time zone", "Platform", "time_zone", undefined, undefined, "immediately", "The days of the dashboard's figures (an IANA name offset from UTC by whole hours)."),
  feeBps: r("Platform fee", "Fees and money", "bps", 0, 5000, "new_sessions", "The platform's share of each session charge, rounded half up."),
  topUpMin: r("Smallest top-up", "Fees and money", "cents", 100, 100_000, "immediately", "The least a client may add to the wallet at once."),
  topUpMax: r("Largest top-up", "Fees and money", "cents", 500, 1_000_000, "immediately", "The most a client may add to the wallet at once."),
  topUpPresets: r("Top-up buttons", "Fees and money", "cents_list", 100, 1_000_000, "immediately", `1 to ${MAX_PRESETS} amounts offered as buttons, each within the top-up range.`),
  promoGrantMin: r("Smallest promo grant", "Fees and money", "cents", 1, 10_000, "immediately", "The least promo credit an admin may grant at once."),
  promoGrantMax: r("Largest promo grant", "Fees and money", "cents", 100, 1_000_000, "immediately", "The most promo credit an admin may grant at once."),
  pricePerMinuteMin: r("Lowest price per minute", "Fees and money", "cents", 1, 10_000, "immediately", "The lowest per-minute price an advisor may set."),
  pricePerMinuteMax: r("Highest price per minute", "Fees and money", "cents", 100, 100_000, "immediately", "The highest per-minute price an advisor may set."),
  withdrawalMin: r("Smallest withdrawal", "Earnings, disputes and credit", "cents", 100, 100_000, "immediately", "The least an advisor may withdraw."),
  sessionMinBalanceMinutes: r("Minimum start balance", "Sessions", "minutes", 1, 30, "new_sessions", "A client needs this many minutes at the rate to start a session."),
  sessionRequestTimeoutSeconds: r("Request expiry", "Sessions", "seconds", 15, 600, "new_sessions", "A request the advisor does not answer within this expires."),
  sessionFirstWarningSeconds: r("First balance warning", "Sessions", "seconds", 30, 900, "new_sessions", "Remaining time at which the first low-balance warning fires."),
  sessionSecondWarningSeconds: r("Second balance warning", "Sessions", "seconds", 10, 600, "new_sessions", "Remaining time at which the second warning fires (less than the first)."),
  zeroBalanceResumeMinutes: r("Zero-balance grace", "Sessions", "minutes", 1, 60, "new_sessions", "A session paused at zero balance ends if not resumed within this."),
  chatInactivitySeconds: r("Chat inactivity pause", "Sessions", "seconds", 30, 1800, "new_sessions", "Billing pauses after this long without a message."),
  videoHeartbeatSeconds: r("Video heartbeat interval", "Video", "seconds", 2, 30, "immediately", "How often each side reports that its call is up."),
  videoDisconnectSeconds: r("Video disconnection", "Video", "seconds", 5, 120, "new_sessions", "A side silent this long is disconnected and billing pauses (more than two heartbeats)."),
  videoReconnectGraceSeconds: r("Video reconnect grace", "Video", "seconds", 15, 600, "new_sessions", "A disconnected call ends if both sides are not back within this."),
  documentMaxBytes: r("Largest document", "Documents and ratings", "bytes", MB, 50 * MB, "immediately", "The largest file a participant may share in a session."),
  documentAllowedExtensions: r("Document types", "Documents and ratings", "extensions", undefined, undefined, "immediately", `Some of ${DOCUMENT_EXTENSIONS.join(", ")} (types checked from the file's bytes).`),
  documentUploadValidMinutes: r("Upload slot lifetime", "Documents and ratings", "minutes", 1, 60, "immediately", "How long an upload URL's slot may be used to attach its file."),
  ratingWindowDays: r("Rating window", "Documents and ratings", "days", 1, 60, "immediately", "How long after a session its client may rate it."),
  ratingFeedbackMaxChars: r("Longest rating feedback", "Documents and ratings", "characters", 100, 5000, "immediately", "The most characters a rating's feedback may have."),
  earningsPendingHours: r("Earnings hold", "Earnings, disputes and credit", "hours", 0, 720, "sessions_ending", "How long a session's earning stays pending before it can be withdrawn."),
  disputeWindowHours: r("Dispute window", "Earnings, disputes and credit", "hours", 1, 720, "immediately", "How long after a session ends its client may open a dispute."),
  satisfactionCreditWindowHours: r("Satisfaction credit window", "Earnings, disputes and credit", "hours", 1, 720, "immediately", "How long after a session ends its client may take a satisfaction credit."),
  satisfactionCreditMax: r("Satisfaction credit cap", "Earnings, disputes and credit", "cents", 0, 100_000, "immediately", "The largest satisfaction credit (never more than the session's charge)."),
  satisfactionCreditEveryDays: r("Satisfaction credit frequency", "Earnings, disputes and credit", "days", 1, 365, "immediately", "A client gets at most one satisfaction credit per this many days."),
  bookingMinNoticeHours: r("Default minimum notice", "Bookings", "hours", 0, 168, "immediately", "How far ahead a booking must start, for advisors who have not chosen their own."),
  bookingMinNoticeMaxHours: r("Longest minimum notice", "Bookings", "hours", 1, 720, "immediately", "The longest minimum notice an advisor may ask for."),
  bookingBufferMinutes: r("Default buffer", "Bookings", "minutes", 0, 120, "immediately", "Free time kept between two bookings, for advisors who have not chosen their own."),
  bookingBufferMaxMinutes: r("Longest buffer", "Bookings", "minutes", 0, 240, "immediately", "The longest buffer an advisor may keep between bookings."),
  bookingDailyCap: r("Default daily cap", "Bookings", "count", 1, 48, "immediately", "Bookings a day an advisor takes, unless they choose another number."),
  bookingDailyCapMax: r("Largest daily cap", "Bookings", "count", 1, 96, "immediately", "The most bookings a day an advisor may take."),
  bookingHorizonDays: r("Booking horizon", "Bookings", "days", 1, 365, "immediately", "How many days ahead clients may book."),
  bookingFreeCancelHours: r("Free cancellation window", "Bookings", "hours", 0, 168, "new_sessions", "A client may cancel or reschedule free until this long before the start; later, the booking is charged in full."),
  bookingJoinEarlyMinutes: r("Join opens early", "Bookings", "minutes", 0, 30, "immediately", "How long before the start both sides may join."),
  bookingNoShowAfterBps: r("No-show after", "Bookings", "bps", 1000, 9000, "new_sessions", "A side not joined within this share of the duration (whole minutes, rounded down) is a no-show."),
  bookingClientNoShowChargeBps: r("Client no-show charge", "Bookings", "bps", 0, 10000, "new_sessions", "The share of the price a client who does not join is charged."),
  bookingFirstReminderHours: r("First reminder", "Bookings", "hours", 2, 168, "immediately", "The first reminder goes this long before the start."),
  bookingSecondReminderHours: r("Second reminder", "Bookings", "hours", 1, 24, "immediately", "The second reminder goes this long before the start (less than the first)."),
  emailMaxAttempts: r("Email attempts", "Email", "count", 1, 20, "immediately", "Sending attempts before an email is set aside as undeliverable."),
  emailRetryBaseSeconds: r("Email retry delay", "Email", "seconds", 5, 3600, "immediately", "The wait before the first retry; each later retry waits twice as long."),
  bookingsMaxPerDay: r("Bookings per day", "Rate limits", "count", 1, 100, "immediately", "Bookings a client may make per 24 hours."),
  topUpMaxPerHour: r("Top-ups per hour", "Rate limits", "count", 1, 100, "immediately", "Top-ups a client may start per hour."),
  sessionRequestsMaxPerHour: r("Session requests per hour", "Rate limits", "count", 1, 200, "immediately", "Session requests a client may make per hour."),
  chatMessagesMaxPerMinute: r("Chat messages per minute", "Rate limits", "count", 5, 300, "immediately", "Messages a participant may send per minute in a session."),
  signalsMaxPerMinute: r("Video signals per minute", "Rate limits", "count", 30, 1000, "immediately", "Call set-up signals a participant may send per minute."),
  documentUploadsMaxPerMinute: r("Document uploads per minute", "Rate limits", "count", 1, 60, "immediately", "Upload URLs a user may get per minute."),
  withdrawalRequestsMaxPerDay: r("Withdrawal requests per day", "Rate limits", "count", 1, 20, "immediately", "Withdrawal requests an advisor may make per 24 hours."),
  balanceRefundRequestsMaxPerDay: r("Balance refund requests per day", "Rate limits", "count", 1, 20, "immediately", "Requests for unused balance back a client may make per 24 hours."),
  disputesMaxPerDay: r("Disputes per day", "Rate limits", "count", 1, 50, "immediately", "Disputes a client may open per 24 hours."),
};

export const SETTING_NAMES = Object.keys(SETTING_RULES) as SettingName[];

export function isSettingName(name: string): name is SettingName {
  return Object.hasOwn(SETTING_RULES, name);
}

/**
 * Checks a new value for one setting against its rule and the settings it
 * must agree with; throws INVALID_ARGUMENT naming the setting as the field.
 * Returns the value as it will be stored (a time zone trimmed, a list sorted).
 */
export function requireValidSetting(name: string, value: unknown, current: PlatformSettings, now: number): { name: SettingName; value: SettingValue } {
  if (!isSettingName(name)) throw appError("INVALID_ARGUMENT", "There is no such setting.", "name");
  const rule = SETTING_RULES[name];
  const fail = (message: string): never => {
    throw appError("INVALID_ARGUMENT", `${rule.label}: ${message}`, name);
  };
  const show = (n: number) => formatSettingNumber(n, rule.unit, current.currency);
  const inRange = (n: unknown): number => {
    if (typeof n !== "number" || !Number.isSafeInteger(n)) return fail("give a whole number.");
    if ((rule.min !== undefined && n < rule.min) || (rule.max !== undefined && n > rule.max)) {
      return fail(`must be from ${show(rule.min!)} to ${show(rule.max!)}; ${show(n)} is outside.`);
    }
    return n;
  };

  switch (rule.unit) {
    case "currency":
      return fail("cannot be changed here.");
    case "time_zone": {
      if (typeof value !== "string" || value.trim() === "" || value.length > MAX_TIME_ZONE_LENGTH) return fail(`give an IANA time zone name of at most ${MAX_TIME_ZONE_LENGTH} characters.`);
      const problem = timeZoneProblem(value.trim(), now);
      if (problem !== null) fail(problem);
      return { name, value: value.trim() };
    }
    case "cents_list": {
      if (!Array.isArray(value) || value.length < 1 || value.length > MAX_PRESETS) return fail(`give 1 to ${MAX_PRESETS} amounts.`);
      const amounts = value.map(inRange);
      for (const amount of amounts) {
        if (amount < current.topUpMin || amount > current.topUpMax) fail(`${show(amount)} is outside the top-up range ${show(current.topUpMin)} to ${show(current.topUpMax)}.`);
      }
      if (new Set(amounts).size !== amounts.length) fail("each amount may appear once.");
      return { name, value: [...amounts].sort((a, b) => a - b) };
    }
    case "extensions": {
      if (!Array.isArray(value) || value.length < 1 || value.length > DOCUMENT_EXTENSIONS.length) return fail("choose at least one type.");
      for (const ext of value) {
        if (typeof ext !== "string" || !(DOCUMENT_EXTENSIONS as readonly string[]).includes(ext)) fail(`choose from ${DOCUMENT_EXTENSIONS.join(", ")}.`);
      }
      if (new Set(value).size !== value.length) fail("each type may appear once.");
      return { name, value: DOCUMENT_EXTENSIONS.filter((ext) => (value as string[]).includes(ext)) };
    }
    default: {
      const n = inRange(value);
      const next = { ...current, [name]: n };
      const label = (other: SettingName) => SETTING_RULES[other].label.toLowerCase();
      type NumberName = { [K in SettingName]: PlatformSettings[K] extends number ? K : never }[SettingName];
      const order = (low: NumberName, high: NumberName, strict = false) => {
        const [a, b] = [next[low] as number, next[high] as number];
        if (strict ? a >= b : a > b) {
          const text = (k: NumberName, n: number) => formatSettingNumber(n, SETTING_RULES[k].unit, current.currency);
          fail(`the ${label(low)} (${text(low, a)}) must be ${strict ? "less than" : "at most"} the ${label(high)} (${text(high, b)}).`);
        }
      };
      order("topUpMin", "topUpMax");
      order("promoGrantMin", "promoGrantMax");
      order("pricePerMinuteMin", "pricePerMinuteMax");
      order("sessionSecondWarningSeconds", "sessionFirstWarningSeconds", true);
      order("bookingMinNoticeHours", "bookingMinNoticeMaxHours");
      order("bookingBufferMinutes", "bookingBufferMaxMinutes");
      order("bookingDailyCap", "bookingDailyCapMax");
      order("bookingSecondReminderHours", "bookingFirstReminderHours", true);
      if (next.videoDisconnectSeconds <= 2 * next.videoHeartbeatSeconds) {
        fail(`the video disconnection (${next.videoDisconnectSeconds} s) must be more than two heartbeats (${2 * next.videoHeartbeatSeconds} s).`);
      }
      if ((name === "topUpMin" || name === "topUpMax") && next.topUpPresets.some((p) => p < next.topUpMin || p > next.topUpMax)) {
        fail("a top-up button's amount would fall outside the range; change the buttons first.");
      }
      return { name, value: n };
    }
  }
}
