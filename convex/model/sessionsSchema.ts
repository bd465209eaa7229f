/**
 * Tables of live sessions (SPEC §4): the session with its billing clock,
 * its event timeline, balance warnings, chat messages, WebRTC signals,
 * documents, ratings and the billing clock's singleton row.
 */
import { defineTable } from "convex/server";
import { v, type GenericId, type Infer } from "convex/values";
import { END_REASONS, PAUSE_KINDS, SESSION_KINDS, SESSION_STATUSES, type PauseKind } from "../../lib/sessions/lifecycle";

/** A validator for one of `values`. */
function literals<T extends string>(values: readonly [T, T, ...T[]]) {
  const [first, second, ...rest] = values.map((value) => v.literal(value));
  return v.union(first, second, ...rest);
}

export const vSessionKind = literals(SESSION_KINDS);
export type { SessionKind, SessionStatus, EndReason } from "../../lib/sessions/lifecycle";
export { SESSION_STATUSES, LIVE_STATUSES, BUSY_STATUSES } from "../../lib/sessions/lifecycle";
export const vSessionStatus = literals(SESSION_STATUSES);
/** Who may resume each kind: lib/sessions/lifecycle.ts RESUME_RULES. */
export const vPauseReason = literals(PAUSE_KINDS);
export type PauseReason = PauseKind;
export const vEndReason = literals(END_REASONS);

export const vBalanceWarning = v.union(v.literal("two_minutes"), v.literal("one_minute"), v.literal("exhausted"));
export const vWarningLevel = v.union(v.literal("none"), vBalanceWarning);
export const vTimerColour = v.union(v.literal("green"), v.literal("amber"), v.literal("red"), v.literal("black"));

export const vActorRole = v.union(v.literal("client"), v.literal("advisor"), v.literal("admin"), v.literal("system"));
export type ActorRole = Infer<typeof vActorRole>;

export const vSessionEventKind = v.union(
  v.literal("requested"),
  v.literal("accepted"),
  /** A video session's billing starts once both sides are connected. */
  v.literal("billing_started"),
  /** A participant joined a booked session (SPEC §5): its booked time is prepaid, so this starts no billing. */
  v.literal("joined"),
  v.literal("declined"),
  v.literal("expired"),
  v.literal("cancelled"),
  v.literal("paused"),
  v.literal("resumed"),
  v.literal("ended"),
);
export type SessionEventKind = Infer<typeof vSessionEventKind>;

/** `hello` announces a newly opened call page, so the other side (re)starts the call with it. */
export const vSignalKind = v.union(v.literal("hello"), v.literal("offer"), v.literal("answer"), v.literal("ice"), v.literal("bye"));

export const sessionFields = {
  clientId: v.id("users"),
  advisorId: v.id("advisors"),
  advisorUserId: v.id("users"),
  kind: vSessionKind,
  status: vSessionStatus,
  /** Snapshotted at request time; never changes during the session. */
  rateCentsPerMinute: v.number(),
  currency: v.string(),
  /**
   * Also snapshotted at request from platformSettings (model/settings.ts
   * sessionRules): the platform fee in basis points applied at settlement, and
   * the remaining seconds of the first and second balance warnings. Absent on
   * sessions requested before the snapshot existed: today's settings apply.
   */
  feeBps: v.optional(v.number()),
  warningSeconds: v.optional(v.object({ first: v.number(), second: v.number() })),
  /** Also snapshotted (issue 14): the inactivity, disconnection, reconnect-grace and zero-balance timings it runs by. */
  timings: v.optional(
    v.object({ chatInactivitySeconds: v.number(), videoDisconnectSeconds: v.number(), videoReconnectGraceSeconds: v.number(), zeroBalanceResumeMinutes: v.number() }),
  ),
  requestedAt: v.number(),
  /** A request not accepted by then expires. */
  expiresAt: v.number(),
  acceptedAt: v.optional(v.number()),
  endedAt: v.optional(v.number()),
  /** Client's available balance when the session started. */
  availableAtStartCents: v.optional(v.number()),

  // Billing state (ARCHITECTURE "Billing clock"): totals, never increments.
  billedMs: v.number(),
  resumedAt: v.union(v.null(), v.number()),
  // Derived by the clock at `syncedAt`, what the meter shows.
  billedSeconds: v.number(),
  chargeCents: v.number(),
  /** Client's available balance after this session's running charge. */
  availableCents: v.number(),
  remainingSeconds: v.number(),
  warningLevel: vWarningLevel,
  timerColour: vTimerColour,
  firedWarnings: v.array(vBalanceWarning),
  syncedAt: v.number(),
  /** The wallet hold carrying the running charge; created at the first billed cent. */
  holdId: v.optional(v.id("ledgerHolds")),

  pauseReason: v.optional(vPauseReason),
  pausedAt: v.optional(v.number()),
  /**
   * Video: while a side is missing (or before both first connect), when that
   * began. The reconnect grace runs from it whatever pauses or resumes happen
   * meanwhile; cleared when both sides are connected again.
   */
  disconnectedAt: v.optional(v.number()),
  endReason: v.optional(vEndReason),
  endedBy: v.optional(v.id("users")),

  /** Chat inactivity is measured from the later of this and the last resume. */
  lastMessageAt: v.optional(v.number()),
  /** Video: each side's last heartbeat reporting a live call. */
  clientSeenAt: v.optional(v.number()),
  advisorSeenAt: v.optional(v.number()),

  // Settlement, set at end: chargeCents = feeCents + earningCents.
  feeCents: v.optional(v.number()),
  earningCents: v.optional(v.number()),
  walletBeforeCents: v.optional(v.number()),
  walletAfterCents: v.optional(v.number()),
  settlementTransactionId: v.optional(v.id("ledgerTransactions")),
  /** When the advisor's earning moves from pending to available (settlement time + the earnings hold then in force). */
  earningReleaseAt: v.optional(v.number()),
  rated: v.optional(v.boolean()),
  /**
   * A booked session (SPEC §5): its booking, and the end of the prepaid booked
   * time. It bills nothing until then; past it, only if both agreed to go on
   * (then per second at its rate, like any live session), else it ends.
   */
  bookingId: v.optional(v.id("bookings")),
  bookedUntil: v.optional(v.number()),
  continueAgreed: v.optional(v.object({ client: v.boolean(), advisor: v.boolean() })),
};

/** A session document, typed from its fields here so model code need not import the generated data model for it. */
export const vSessionDoc = v.object(sessionFields);
export type Session = Infer<typeof vSessionDoc> & { _id: GenericId<"sessions">; _creationTime: number };

export const sessionsTables = {
  sessions: defineTable(sessionFields)
    .index("by_status", ["status"])
    /** Ended sessions by end time: the platform rollups' recomputation (ADR 013). */
    .index("by_status_and_endedAt", ["status", "endedAt"])
    .index("by_clientId_and_status", ["clientId", "status"])
    .index("by_advisorUserId_and_status", ["advisorUserId", "status"])
    .index("by_clientId_and_requestedAt", ["clientId", "requestedAt"])
    .index("by_advisorUserId_and_requestedAt", ["advisorUserId", "requestedAt"])
    .index("by_advisorUserId_and_earningReleaseAt", ["advisorUserId", "earningReleaseAt"]),

  sessionEvents: defineTable({
    sessionId: v.id("sessions"),
    kind: vSessionEventKind,
    actorRole: vActorRole,
    actorId: v.optional(v.id("users")),
    reason: v.optional(v.string()),
    billedSeconds: v.number(),
    at: v.number(),
  }).index("by_sessionId_and_at", ["sessionId", "at"]),

  balanceWarnings: defineTable({
    sessionId: v.id("sessions"),
    warning: vBalanceWarning,
    atBilledSecond: v.number(),
    at: v.number(),
  }).index("by_sessionId_and_at", ["sessionId", "at"]),

  messages: defineTable({
    sessionId: v.id("sessions"),
    /** Absent for system messages. */
    authorId: v.optional(v.id("users")),
    kind: v.union(v.literal("user"), v.literal("system")),
    body: v.string(),
    at: v.number(),
  }).index("by_sessionId_and_at", ["sessionId", "at"]),

  signals: defineTable({
    sessionId: v.id("sessions"),
    fromUserId: v.id("users"),
    toUserId: v.id("users"),
    kind: vSignalKind,
    /** Opaque JSON text of the SDP or ICE candidate. */
    payload: v.string(),
    at: v.number(),
  })
    .index("by_sessionId_and_toUserId", ["sessionId", "toUserId"])
    .index("by_sessionId_and_fromUserId_and_at", ["sessionId", "fromUserId", "at"]),

  sessionDocuments: defineTable({
    sessionId: v.id("sessions"),
    uploaderId: v.id("users"),
    storageId: v.id("_storage"),
    fileName: v.string(),
    contentType: v.string(),
    size: v.number(),
    at: v.number(),
  })
    .index("by_sessionId", ["sessionId"])
    .index("by_storageId", ["storageId"]),

  /**
   * One per upload URL handed out: binds the coming file (its name, size and
   * SHA-256) to the session and uploader before any byte is sent.
   * `documents.attach` uses a slot once.
   */
  documentUploads: defineTable({
    sessionId: v.id("sessions"),
    uploaderId: v.id("users"),
    issuedAt: v.number(),
    fileName: v.string(),
    size: v.number(),
    /** Lower-case hex SHA-256 of the file's bytes, as the uploader declared it. */
    sha256: v.string(),
    status: v.union(v.literal("issued"), v.literal("attached"), v.literal("rejected")),
    /** The file attached or rejected through this slot. */
    storageId: v.optional(v.id("_storage")),
    documentId: v.optional(v.id("sessionDocuments")),
  })
    .index("by_uploaderId_and_issuedAt", ["uploaderId", "issuedAt"])
    .index("by_storageId", ["storageId"]),

  documentDownloads: defineTable({
    documentId: v.id("sessionDocuments"),
    sessionId: v.id("sessions"),
    userId: v.id("users"),
    at: v.number(),
  }).index("by_documentId", ["documentId"]),

  ratings: defineTable({
    sessionId: v.id("sessions"),
    clientId: v.id("users"),
    advisorId: v.id("advisors"),
    stars: v.number(),
    text: v.optional(v.string()),
    /** Optional sub-ratings, 1 to 5 each (lib/advisors/reviews.ts). */
    expertise: v.optional(v.number()),
    communication: v.optional(v.number()),
    helpfulness: v.optional(v.number()),
    /** The advisor's one public reply. */
    reply: v.optional(v.object({ text: v.string(), at: v.number() })),
    /** Hidden by an admin: left out of the page and of the advisor's averages. */
    hidden: v.optional(v.object({ reason: v.string(), by: v.id("users"), at: v.number() })),
    at: v.number(),
  })
    .index("by_sessionId", ["sessionId"])
    .index("by_advisorId_and_at", ["advisorId", "at"]),

  /** At most one row: the billing clock. A tick runs only if it carries the current generation. */
  billingClock: defineTable({
    generation: v.number(),
    running: v.boolean(),
    lastTickAt: v.number(),
    /** Sessions advanced by the last full pass and its lag behind the second it was due. */
    lastPassSessions: v.number(),
    lastPassLagMs: v.number(),
  }),
};
