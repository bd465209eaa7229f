/**
 * Every tunable number of the product (SPEC: "every number is a default that
 * lives in platformSettings"). The table holds at most one row of admin
 * overrides; anything not overridden falls back to DEFAULT_SETTINGS, so new
 * settings need no data migration.
 */
import { partial } from "convex-helpers/validators";
import { v, type Infer } from "convex/values";
import type { MutationCtx, QueryCtx } from "../_generated/server";
import type { Id } from "../_generated/dataModel";
import type { WarningThresholds } from "../../lib/billing";

export const settingsFields = {
  currency: v.string(),
  /** Platform fee in basis points of a charge (1000 = 10%). */
  feeBps: v.number(),
  /** Top-up amounts offered as buttons, in minor units. */
  topUpPresets: v.array(v.number()),
  topUpMin: v.number(),
  topUpMax: v.number(),
  /** Top-ups a client may start per hour (rate limit). */
  topUpMaxPerHour: v.number(),
  /** Smallest and largest promo credit an admin may grant at once, in minor units. */
  promoGrantMin: v.number(),
  promoGrantMax: v.number(),
  pricePerMinuteMin: v.number(),
  pricePerMinuteMax: v.number(),
  sessionMinBalanceMinutes: v.number(),
  sessionRequestTimeoutSeconds: v.number(),
  /** Session requests a client may make per hour (rate limit). */
  sessionRequestsMaxPerHour: v.number(),
  /** Chat messages a participant may send per minute in one session (rate limit). */
  chatMessagesMaxPerMinute: v.number(),
  /** WebRTC signals (offers, answers, ICE candidates) a participant may send per minute in one session (rate limit). */
  signalsMaxPerMinute: v.number(),
  /** Remaining seconds at which the first and second balance warnings fire (lib/billing/warnings.ts). */
  sessionFirstWarningSeconds: v.number(),
  sessionSecondWarningSeconds: v.number(),
  zeroBalanceResumeMinutes: v.number(),
  chatInactivitySeconds: v.number(),
  videoHeartbeatSeconds: v.number(),
  videoDisconnectSeconds: v.number(),
  videoReconnectGraceSeconds: v.number(),
  documentMaxBytes: v.number(),
  /** File name extensions a session document may have (lower case, no dot). */
  documentAllowedExtensions: v.array(v.string()),
  /** Document upload URLs a user may get per minute (rate limit). */
  documentUploadsMaxPerMinute: v.number(),
  /** How long an upload URL's slot may be used to attach the file it uploaded. */
  documentUploadValidMinutes: v.number(),
  ratingWindowDays: v.number(),
  ratingFeedbackMaxChars: v.number(),
  /** How long a session's earning stays pending before it can be withdrawn (shown to advisors). */
  earningsPendingHours: v.number(),
  /** The smallest withdrawal, in minor units (shown to advisors). */
  withdrawalMin: v.number(),
  /** Withdrawal requests an advisor may make per 24 hours (rate limit). */
  withdrawalRequestsMaxPerDay: v.number(),
  /** Requests for a refund of unused balance a client may make per 24 hours (rate limit). */
  balanceRefundRequestsMaxPerDay: v.number(),
  /** How long after a session ends its client may open a dispute on it. */
  disputeWindowHours: v.number(),
  /** Disputes a client may open per 24 hours (rate limit). */
  disputesMaxPerDay: v.number(),
  /** How long after a session ends its client may take a satisfaction credit on it. */
  satisfactionCreditWindowHours: v.number(),
  /** The largest satisfaction credit, in minor units (never more than the session's charge). */
  satisfactionCreditMax: v.number(),
  /** A client gets at most one satisfaction credit per this many days. */
  satisfactionCreditEveryDays: v.number(),
  /** The IANA time zone whose days the admin dashboard's daily figures use (ADR 013). */
  platformTimeZone: v.string(),
  // Bookings (SPEC §5). An advisor's own notice, buffer and daily cap start at the default and stay within the largest.
  bookingMinNoticeHours: v.number(),
  bookingMinNoticeMaxHours: v.number(),
  bookingBufferMinutes: v.number(),
  bookingBufferMaxMinutes: v.number(),
  bookingDailyCap: v.number(),
  bookingDailyCapMax: v.number(),
  /** How many days ahead clients may book. */
  bookingHorizonDays: v.number(),
  /** A client's cancellation or reschedule more than this before the start is free; within it the booking is charged in full. */
  bookingFreeCancelHours: v.number(),
  /** How early before the start both sides may join. */
  bookingJoinEarlyMinutes: v.number(),
  /** The client is a no-show if not joined within this share of the duration (basis points, floored to whole minutes). */
  bookingNoShowAfterBps: v.number(),
  /** What a client no-show is charged, in basis points of the price. */
  bookingClientNoShowChargeBps: v.number(),
  /** Reminders go this long before the start. */
  bookingFirstReminderHours: v.number(),
  bookingSecondReminderHours: v.number(),
  /** Bookings a client may make per 24 hours (rate limit). */
  bookingsMaxPerDay: v.number(),
  /** Email deliveries: attempts before a message is dead-lettered, and the first retry's delay (doubling after). */
  emailMaxAttempts: v.number(),
  emailRetryBaseSeconds: v.number(),
};

export const vPlatformSettings = v.object(settingsFields);
export type PlatformSettings = Infer<typeof vPlatformSettings>;

/** The stored row: every setting optional (absent = default) plus who changed it last. */
export const platformSettingsTable = {
  ...partial(settingsFields),
  updatedAt: v.number(),
  updatedBy: v.optional(v.id("users")),
};

export const DEFAULT_SETTINGS: PlatformSettings = {
  currency: "USD",
  feeBps: 1000,
  topUpPresets: [1000, 2500, 5000, 10000],
  topUpMin: 500,
  topUpMax: 100000,
  topUpMaxPerHour: 20,
  promoGrantMin: 1,
  promoGrantMax: 50000,
  pricePerMinuteMin: 10,
  pricePerMinuteMax: 10000,
  sessionMinBalanceMinutes: 3,
  sessionRequestTimeoutSeconds: 60,
  sessionRequestsMaxPerHour: 20,
  chatMessagesMaxPerMinute: 30,
  // A call's setup trickles 20–40 ICE candidates plus offer and answer, and a
  // reconnect does it again: 120 a minute never bothers a real call.
  signalsMaxPerMinute: 120,
  sessionFirstWarningSeconds: 120,
  sessionSecondWarningSeconds: 60,
  zeroBalanceResumeMinutes: 5,
  chatInactivitySeconds: 90,
  videoHeartbeatSeconds: 5,
  videoDisconnectSeconds: 15,
  videoReconnectGraceSeconds: 60,
  documentMaxBytes: 10 * 1024 * 1024,
  documentAllowedExtensions: ["pdf", "png", "jpg", "jpeg", "txt", "docx"],
  documentUploadsMaxPerMinute: 10,
  documentUploadValidMinutes: 10,
  ratingWindowDays: 7,
  ratingFeedbackMaxChars: 1000,
  earningsPendingHours: 24,
  withdrawalMin: 2000,
  withdrawalRequestsMaxPerDay: 3,
  balanceRefundRequestsMaxPerDay: 3,
  disputeWindowHours: 72,
  disputesMaxPerDay: 5,
  satisfactionCreditWindowHours: 72,
  satisfactionCreditMax: 2500,
  satisfactionCreditEveryDays: 30,
  platformTimeZone: "UTC",
  bookingMinNoticeHours: 4,
  bookingMinNoticeMaxHours: 168,
  bookingBufferMinutes: 10,
  bookingBufferMaxMinutes: 120,
  bookingDailyCap: 8,
  bookingDailyCapMax: 24,
  bookingHorizonDays: 60,
  bookingFreeCancelHours: 24,
  bookingJoinEarlyMinutes: 5,
  bookingNoShowAfterBps: 3300,
  bookingClientNoShowChargeBps: 5000,
  bookingFirstReminderHours: 24,
  bookingSecondReminderHours: 1,
  bookingsMaxPerDay: 10,
  emailMaxAttempts: 5,
  emailRetryBaseSeconds: 60,
};

export async function getSettings(ctx: QueryCtx): Promise<PlatformSettings> {
  const row = await ctx.db.query("platformSettings").first();
  if (row === null) return DEFAULT_SETTINGS;
  const overrides = Object.fromEntries(
    Object.keys(settingsFields)
      .map((name) => [name, row[name as keyof PlatformSettings]] as const)
      .filter(([, value]) => value !== undefined),
  );
  return { ...DEFAULT_SETTINGS, ...overrides };
}

/** The warning thresholds the settings give a new session. */
export function warningThresholds(settings: PlatformSettings): WarningThresholds {
  return { first: settings.sessionFirstWarningSeconds, second: settings.sessionSecondWarningSeconds };
}

/** The timings a running session's pauses and ends follow, snapshotted with its other rules. */
export const SESSION_TIMING_FIELDS = ["chatInactivitySeconds", "videoDisconnectSeconds", "videoReconnectGraceSeconds", "zeroBalanceResumeMinutes"] as const;
export type SessionTimings = Pick<PlatformSettings, (typeof SESSION_TIMING_FIELDS)[number]>;
function timingsOf(settings: PlatformSettings): SessionTimings {
  return Object.fromEntries(SESSION_TIMING_FIELDS.map((k) => [k, settings[k]])) as SessionTimings;
}

/** The numbers of a session's rules that settings decide, snapshotted on it when it is requested. */
export type SessionRules = { feeBps: number; warningSeconds: WarningThresholds; timings: SessionTimings };

/**
 * What a new session snapshots (SPEC §8: a settings change takes effect for
 * new sessions only), beside its rate.
 */
export function sessionRulesSnapshot(settings: PlatformSettings): SessionRules {
  return { feeBps: settings.feeBps, warningSeconds: warningThresholds(settings), timings: timingsOf(settings) };
}

/**
 * The rules a session runs by: its snapshot, or today's settings for a
 * session requested before sessions had one.
 */
export function sessionRules(session: Partial<SessionRules>, settings: PlatformSettings): SessionRules {
  return {
    feeBps: session.feeBps ?? settings.feeBps,
    warningSeconds: session.warningSeconds ?? warningThresholds(settings),
    timings: session.timings ?? timingsOf(settings),
  };
}

/** Writes overrides (the caller checks the admin role and writes the audit log). */
export async function updateSettings(
  ctx: MutationCtx,
  changes: Partial<PlatformSettings>,
  by: { userId?: Id<"users">; now: number },
): Promise<PlatformSettings> {
  const row = await ctx.db.query("platformSettings").first();
  const patch = { ...changes, updatedAt: by.now, updatedBy: by.userId };
  if (row === null) await ctx.db.insert("platformSettings", patch);
  else await ctx.db.patch(row._id, patch);
  return await getSettings(ctx);
}
