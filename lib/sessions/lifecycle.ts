/**
 * The rules of a live session's pauses (SPEC §4), in one place for the
 * server (which enforces them) and the room's controls (which offer only what
 * the server would accept): who may resume each kind of pause and how, and
 * the time limits after which a live session ends whenever anything runs.
 * Plain data in, plain data out; `now` and the settings are passed in.
 */

export const SESSION_KINDS = ["chat", "video"] as const;
export type SessionKind = (typeof SESSION_KINDS)[number];

export const SESSION_STATUSES = ["requested", "active", "paused", "ended", "declined", "expired", "cancelled"] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];
/** A client or advisor may be in at most one of these at a time. */
export const LIVE_STATUSES = ["requested", "active", "paused"] as const satisfies readonly SessionStatus[];
/** An advisor in one of these is busy. */
export const BUSY_STATUSES = ["active", "paused"] as const satisfies readonly SessionStatus[];

export const PAUSE_KINDS = ["manual", "inactive", "disconnected", "zero_balance"] as const;
export type PauseKind = (typeof PAUSE_KINDS)[number];

export const END_REASONS = [
  "client_ended",
  "advisor_ended",
  "admin_ended",
  "zero_balance_timeout",
  "disconnected",
  /** A booked session's prepaid time ran out and the two did not agree to go on (SPEC §5). */
  "booked_time_over",
  /** A booked session whose other side did not come in time (SPEC §5). */
  "booking_no_show",
] as const;
export type EndReason = (typeof END_REASONS)[number];

export type Participant = "client" | "advisor";

/** What can happen to a session, and from which statuses (the state machine of SPEC §4). */
export const TRANSITIONS = {
  accept: ["requested"],
  decline: ["requested"],
  cancel: ["requested"],
  expire: ["requested"],
  pause: ["active"],
  resume: ["paused"],
  end: ["active", "paused"],
} as const satisfies Record<string, readonly SessionStatus[]>;
export type SessionAction = keyof typeof TRANSITIONS;

/** Null when `action` may happen to a session in `status`, else why not, in words. */
export function transitionRefusal(status: SessionStatus, action: SessionAction): string | null {
  if ((TRANSITIONS[action] as readonly SessionStatus[]).includes(status)) return null;
  if (status === "requested") return "The session has not started yet.";
  if (status === "active" || status === "paused") return action === "resume" ? "The session is not paused." : `The session is already ${status}.`;
  return `The session is already ${status}.`;
}

/** How a resume is asked for: a participant's click or chat message, or the system seeing both video sides back. */
export type ResumeTrigger = { via: "click" | "message"; by: Participant } | { via: "presence" };

type ResumeRule = {
  /** Participants whose Resume click restarts billing. */
  click: readonly Participant[];
  /** A chat message from either side restarts billing. */
  message: boolean;
  /** Both video sides reporting a live call restarts billing by itself. */
  presence: boolean;
  /** Said to whoever may not resume this pause. */
  refusal: string;
};

/**
 * One rule per kind. Billing restarts only with the payer's consent or when
 * its cause is gone: after a zero-balance pause only the client, who pays,
 * restarts it; a disconnection is never clicked away, it ends when both
 * sides are back.
 */
export const RESUME_RULES: Record<PauseKind, ResumeRule> = {
  manual: { click: ["client", "advisor"], message: false, presence: false, refusal: "Either of you can resume." },
  inactive: { click: ["client", "advisor"], message: true, presence: false, refusal: "Send a message to resume." },
  zero_balance: { click: ["client"], message: false, presence: false, refusal: "Only the client can resume after topping up." },
  disconnected: {
    click: [],
    message: false,
    presence: true,
    refusal: "Billing resumes by itself when both of you are connected again.",
  },
};

export type PresenceTimings = {
  /** A side silent this long is disconnected (videoDisconnectSeconds). */
  disconnectMs: number;
  /** A disconnection longer than this ends the session (videoReconnectGraceSeconds). */
  graceMs: number;
};

export type LimitTimings = PresenceTimings & {
  /** A zero-balance pause longer than this ends the session (zeroBalanceResumeMinutes). */
  zeroBalanceMs: number;
};

export type PresenceState = {
  kind: "chat" | "video";
  /** Last heartbeat of each side that reported a live call. */
  clientSeenAt?: number;
  advisorSeenAt?: number;
};

/** Whether both video sides reported a live call within the disconnect window. Chat has no presence. */
export function bothPresent(s: PresenceState, now: number, timings: Pick<PresenceTimings, "disconnectMs">): boolean {
  if (s.kind !== "video") return true;
  const fresh = (seenAt: number | undefined) => seenAt !== undefined && now - seenAt < timings.disconnectMs;
  return fresh(s.clientSeenAt) && fresh(s.advisorSeenAt);
}

/**
 * When the missing video side was last seen: the moment a disconnection
 * began, from which billing stops and the grace runs. Never before `floor`
 * (billing cannot stop before it started; a side never seen is missing from it).
 */
export function lastSeenOfMissingSide(s: PresenceState, floor: number): number {
  return Math.max(Math.min(s.clientSeenAt ?? floor, s.advisorSeenAt ?? floor), floor);
}

export type LimitState = {
  status: SessionStatus;
  pauseReason?: PauseKind;
  pausedAt?: number;
  /** Set while a video side is missing: when the disconnection began. */
  disconnectedAt?: number;
};

export type EndLimit = { at: number; reason: "zero_balance_timeout" | "disconnected" };

/**
 * When a live session must end however late anything runs: 5 minutes after a
 * zero-balance pause, or the grace after a disconnection began, whatever
 * pauses or resumes happened since. The earlier of the two, or null.
 */
export function endLimit(s: LimitState, timings: LimitTimings): EndLimit | null {
  if (s.status !== "active" && s.status !== "paused") return null;
  const limits: EndLimit[] = [];
  if (s.status === "paused" && s.pauseReason === "zero_balance" && s.pausedAt !== undefined) {
    limits.push({ at: s.pausedAt + timings.zeroBalanceMs, reason: "zero_balance_timeout" });
  }
  if (s.disconnectedAt !== undefined) limits.push({ at: s.disconnectedAt + timings.graceMs, reason: "disconnected" });
  return limits.reduce<EndLimit | null>((first, limit) => (first === null || limit.at < first.at ? limit : first), null);
}

export type ResumeInput = PresenceState &
  LimitState & {
    trigger: ResumeTrigger;
    /** The client can pay for at least one more second. */
    affordable: boolean;
    now: number;
    timings: LimitTimings;
  };

export type ResumeRefusal = {
  code: "CONFLICT" | "FORBIDDEN" | "INSUFFICIENT_FUNDS";
  message: string;
};

/** Null when the resume is allowed, else why not, in words for the person asking. */
export function resumeRefusal(input: ResumeInput): ResumeRefusal | null {
  const notPaused = transitionRefusal(input.status, "resume");
  if (notPaused !== null || input.pauseReason === undefined) return { code: "CONFLICT", message: notPaused ?? "The session is not paused." };
  const limit = endLimit(input, input.timings);
  if (limit !== null && limit.at <= input.now) return { code: "CONFLICT", message: "The session has reached its time limit and ends." };
  const rule = RESUME_RULES[input.pauseReason];
  const { trigger } = input;
  const allowed =
    trigger.via === "presence" ? rule.presence
    : trigger.via === "message" ? rule.message
    : rule.click.includes(trigger.by);
  if (!allowed) return { code: "FORBIDDEN", message: rule.refusal };
  if (!bothPresent(input, input.now, input.timings)) {
    return { code: "CONFLICT", message: "Billing can resume only while both of you are connected to the call." };
  }
  if (!input.affordable) return { code: "INSUFFICIENT_FUNDS", message: "Top up the wallet to resume the session." };
  return null;
}

/** A participant may pause a session whose billing is running (a video call still connecting has nothing to pause). */
export function mayPause(s: { status: SessionStatus; resumedAt: number | null }): boolean {
  return transitionRefusal(s.status, "pause") === null && s.resumedAt !== null;
}
