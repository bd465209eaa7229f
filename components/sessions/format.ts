import type { SessionView } from "@/convex/model/sessionsViews";

export type SessionStatus = SessionView["status"];
export type PauseReason = NonNullable<SessionView["pauseReason"]>;
export type EndReason = NonNullable<SessionView["endReason"]>;
export type TimerColour = SessionView["timerColour"];

/** Whole seconds as HH:MM:SS (hours may exceed 99). */
export function formatDuration(totalSeconds: number): string {
  const seconds = Math.max(0, Math.floor(totalSeconds));
  const pad = (n: number) => n.toString().padStart(2, "0");
  return `${pad(Math.floor(seconds / 3600))}:${pad(Math.floor((seconds % 3600) / 60))}:${pad(seconds % 60)}`;
}

/** Time left on a live meter beyond which the exact figure says nothing useful (and a huge one looks like a fault). */
export const TIME_LEFT_CAP_SECONDS = 24 * 60 * 60;

/** A live meter's time left: HH:MM:SS up to a day, "More than 24 h" beyond. */
export function formatTimeLeft(totalSeconds: number): string {
  return totalSeconds > TIME_LEFT_CAP_SECONDS ? "More than 24 h" : formatDuration(totalSeconds);
}

/** Seconds as M:SS for short countdowns. */
export function formatCountdown(totalSeconds: number): string {
  const seconds = Math.max(0, Math.ceil(totalSeconds));
  return `${Math.floor(seconds / 60)}:${(seconds % 60).toString().padStart(2, "0")}`;
}

export const KIND_LABEL = { chat: "Chat", video: "Video" } as const;

export const STATUS_LABEL: Record<SessionStatus, string> = {
  requested: "Requested",
  active: "Active",
  paused: "Paused",
  ended: "Ended",
  declined: "Declined",
  expired: "Expired",
  cancelled: "Cancelled",
};

export const STATUS_TONE: Record<SessionStatus, "green" | "amber" | "neutral" | "red" | "brand"> = {
  requested: "brand",
  active: "green",
  paused: "amber",
  ended: "neutral",
  declined: "red",
  expired: "neutral",
  cancelled: "neutral",
};

export const PAUSE_REASON_LABEL: Record<PauseReason, string> = {
  manual: "paused by a participant",
  inactive: "no messages for a while",
  disconnected: "reconnecting",
  zero_balance: "balance used up",
};

export const END_REASON_LABEL: Record<EndReason, string> = {
  client_ended: "Ended by the client",
  advisor_ended: "Ended by the advisor",
  admin_ended: "Ended by an administrator",
  zero_balance_timeout: "Ended because the balance was not topped up in time",
  disconnected: "Ended because a participant did not reconnect in time",
  booked_time_over: "Ended at the end of the booked time",
  booking_no_show: "Ended because the other side did not join the booking in time",
};

export const WARNING_LABEL: Record<"two_minutes" | "one_minute" | "exhausted", string> = {
  two_minutes: "2 minutes left",
  one_minute: "1 minute left",
  exhausted: "Balance exhausted",
};

/** Tailwind classes per timer colour (SPEC §4: green > 2 min, amber 1–2, red < 1, black at 0). */
export const TIMER_COLOUR_CLASSES: Record<TimerColour, string> = {
  green: "bg-emerald-50 text-emerald-900 ring-emerald-200",
  amber: "bg-amber-50 text-amber-900 ring-amber-300",
  red: "bg-red-50 text-red-900 ring-red-300",
  black: "bg-slate-900 text-white ring-slate-900",
};

export const TIMER_COLOUR_LABEL: Record<TimerColour, string> = {
  green: "More than 2 minutes left",
  amber: "1 to 2 minutes left",
  red: "Less than 1 minute left",
  black: "No balance left",
};

export const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });
export const timeFormat = new Intl.DateTimeFormat(undefined, { timeStyle: "medium" });

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(Math.round((bytes / (1024 * 1024)) * 10) / 10).toString()} MB`;
}
