/**
 * The authorization matrix (issue 13, item 2; SPEC §10): every public
 * function the backend registers — found by importing every module, so a new
 * one is never missed — is called as a visitor, two clients, two advisors and
 * an admin, with ids of the caller's own side of a seeded world and of the
 * other side, and each outcome (ok, or the refusal's error code) is compared
 * with the committed table in authz.matrix.expected.ts.
 *
 * A public function without a row in ARGS below, or without its expected
 * outcomes, fails this file: whoever adds it states who may call it.
 */
import { makeFunctionReference } from "convex/server";
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { api } from "./_generated/api";
import type { Id } from "./_generated/dataModel";
import { CASES, EXPECTED, ROLES, SKIPPED, type Case, type Outcome, type Role } from "./authz.matrix.expected";
import { ERROR_CODES } from "./errors";
import { shareDocument, upload } from "./documents.fixtures";
import { TEST_WEBHOOK_SECRET } from "./ledger.testkit";
import { T0, advisorProfileId, startSession, useFakeClock, type Party } from "./sessions.fixtures";
import * as Specialties from "./model/specialties";
import { availableEarnings, fund, makeUser, newTest, type TestConvex } from "./test.factories";
import { bytesOf, samplePng } from "../lib/documents/sampleFiles";
import { sha256Hex } from "../lib/documents/fileType";

// ---------------------------------------------------------------- the public API, from the modules

type Kind = "query" | "mutation" | "action";
type PublicFunction = { name: string; kind: Kind };

/** What `query`, `mutation` and `action` (and the convex-helpers builders on them) put on a registered function. */
type Registered = { isPublic?: boolean; isInternal?: boolean; isQuery?: boolean; isMutation?: boolean; isAction?: boolean };

/** Every module Convex deploys: all of convex/ except generated code and files with two dots (tests, fixtures, configs). */
const deployed = Object.entries(import.meta.glob("./**/*.ts")).filter(([path]) => {
  const file = path.split("/").pop()!;
  return !path.startsWith("./_generated/") && file.split(".").length === 2;
});

async function publicFunctions(): Promise<PublicFunction[]> {
  const found: PublicFunction[] = [];
  for (const [path, load] of deployed) {
    const modulePath = path.slice(2, -3);
    for (const [exported, value] of Object.entries((await load()) as Record<string, unknown>)) {
      const fn = value as Registered | null;
      if ((typeof fn !== "function" && typeof fn !== "object") || fn === null || fn.isPublic !== true) continue;
      const kind: Kind | null = fn.isQuery ? "query" : fn.isMutation ? "mutation" : fn.isAction ? "action" : null;
      if (kind === null) throw new Error(`${modulePath}:${exported} is public but neither a query, mutation nor action`);
      found.push({ name: `${modulePath}:${exported}`, kind });
    }
  }
  return found.sort((a, b) => a.name.localeCompare(b.name));
}

const FUNCTIONS = await publicFunctions();

// ---------------------------------------------------------------- a small seeded world

/** One client and one advisor with their own sessions, document, upload slot and checkout. */
type Side = {
  client: Party;
  advisor: Party;
  advisorId: Id<"advisors">;
  /** Settled: billed one minute. */
  ended: Id<"sessions">;
  /** The live session in the state the function's row asks for (WorldOptions.live). */
  live: Id<"sessions">;
  /** Shared by the client in the live session (active or paused only). */
  document: Id<"sessionDocuments"> | null;
  /** Issued to the client for the live session, bytes uploaded, not yet attached (active or paused only). */
  upload: { uploadId: Id<"documentUploads">; storageId: Id<"_storage"> } | null;
  /** The client's open test checkout. */
  checkout: Id<"topUpCheckouts">;
  /** The advisor's bank account number as entered (WorldOptions.withdrawal): never to be shown in full again. */
  accountNumber: string;
  /** The client's open dispute on the ended session (WorldOptions.dispute). */
  dispute: Id<"disputes"> | null;
  /** The advisor's withdrawal (WorldOptions.withdrawal "requested" or "approved"). */
  withdrawal: Id<"withdrawals"> | null;
  /** The client's request for a refund of unused balance (WorldOptions.balanceRefund "requested"). */
  balanceRefund: Id<"balanceRefunds"> | null;
  /** The client's application to become an advisor (WorldOptions.application). */
  application: Id<"advisorApplications"> | null;
  /** The client's rating of the ended session (WorldOptions.rated). */
  rating: Id<"ratings"> | null;
  /** The advisor's notification of the side's session request. */
  notification: Id<"notifications">;
  /** The newest email to the side's advisor (one exists once a withdrawal is approved: WorldOptions.withdrawal). */
  email: Id<"emailOutbox"> | null;
  /** A photo the advisor uploaded and has not set yet (WorldOptions.photo). */
  photo: { uploadId: Id<"photoUploads">; storageId: Id<"_storage"> } | null;
  /** The client's upcoming booking with the side's advisor, at BOOKED_AT (WorldOptions.booking "booked"). */
  booking: Id<"bookings"> | null;
};
type World = { t: TestConvex; admin: Party; A: Side; B: Side; specialty: Id<"specialties"> };
type WorldOptions = {
  live?: "active" | "paused" | "requested" | "none";
  kind?: "chat" | "video";
  /** The client disputes the ended session. */
  dispute?: boolean;
  /** ready: the advisor has available earnings and bank details; then a request; then the admin's approval. */
  withdrawal?: "ready" | "requested" | "approved";
  /** paid: the client's checkout is paid on the test card, so its cash can be asked back; then a request. */
  balanceRefund?: "paid" | "requested";
  /** The client applies to become an advisor. */
  application?: boolean;
  /** The client rates the ended session. */
  rated?: boolean;
  /** The advisor uploads a photo (not yet set on the profile). */
  photo?: boolean;
  /** hours: the advisor is open every day around the clock; booked: and the client books 30 minutes at BOOKED_AT. */
  booking?: "hours" | "booked";
};

/** Two days after T0, on the quarter hour: a bookable start far from every cancellation and join window. */
const BOOKED_AT = T0 + 48 * 60 * 60 * 1000;

async function openAroundTheClock(t: TestConvex, advisorId: Id<"advisors">) {
  const weekly = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: "00:00", end: "24:00" }));
  await t.run((ctx) => ctx.db.insert("availability", { advisorId, timeZone: "UTC", weekly, bufferMinutes: 0, minNoticeHours: 0, dailyCap: 8, updatedAt: T0 }));
}

const SITE_URL = "https://expertline-authz.convex.site";

type Parties = { t: TestConvex; client: Party; advisor: Party; advisorId: Id<"advisors"> };

/** A funded client and an online advisor, a settled session between them (one billed minute) and an open checkout. */
async function buildHistory(t: TestConvex, name: "a" | "b") {
  const client = await makeUser(t, "client", `client-${name}@example.com`);
  const advisor = await makeUser(t, "advisor", `advisor-${name}@example.com`);
  const advisorId = await advisorProfileId(t, advisor.userId);
  await t.run((ctx) => ctx.db.patch(advisorId, { chatPricePerMinute: 60, videoPricePerMinute: 120, isOnline: true }));
  await fund(t, client.userId, 10_000);
  const parties: Parties = { t, client, advisor, advisorId };
  const ended = await startSession(parties, "chat");
  vi.setSystemTime(Date.now() + 60_000);
  await client.as.mutation(api.sessions.endSession, { sessionId: ended });
  const { checkoutId: checkout } = await client.as.action(api.payments.createTopUp, { amount: 2500 });
  return { parties, ended, checkout };
}

/** The live session in the state the row asks for; "none" leaves a cancelled request, so both sides are free. */
async function startLive(parties: Parties, options: WorldOptions): Promise<Id<"sessions">> {
  const live = options.live ?? "active";
  const kind = options.kind ?? "chat";
  const { client, advisorId } = parties;
  if (live === "requested" || live === "none") {
    const sessionId = await client.as.mutation(api.sessions.requestSession, { advisorId, kind });
    if (live === "none") await client.as.mutation(api.sessions.cancelRequest, { sessionId });
    return sessionId;
  }
  const sessionId = await startSession(parties, kind);
  if (live === "paused") await client.as.mutation(api.sessions.pauseSession, { sessionId });
  return sessionId;
}

/** Earnings released to the advisor (directly in the ledger: the release schedule is not what is tested here), and bank details. */
async function readyToWithdraw(t: TestConvex, advisor: Party, accountNumber: string) {
  await availableEarnings(t, advisor.userId, 3000);

  await advisor.as.mutation(api.withdrawals.saveBankDetails, { holderName: "Pat Advisor", accountNumber });
}

/** An advisor's photo upload: the URL bound to a PNG, and the PNG stored. */
async function uploadPhoto(t: TestConvex, advisor: Party) {
  const png = samplePng();
  const { uploadId } = await advisor.as.mutation(api.advisorPhotos.generateUploadUrl, { size: png.length, sha256: await sha256Hex(png) });
  const storageId = await t.run((ctx) => ctx.storage.store(new Blob([new Uint8Array(png)])));
  return { uploadId, storageId };
}

/** Both sides are built step by step together, so neither side's request or upload is older than the other's. */
async function buildWorld(options: WorldOptions = {}): Promise<World> {
  vi.setSystemTime(T0);
  const t = newTest();
  // The test checkout posts its signed event to the deployment's site URL: route it into this backend.
  vi.stubGlobal("fetch", async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(input instanceof Request ? input.url : input.toString());
    if (url.origin !== SITE_URL) throw new Error(`unexpected fetch to ${url.href}`);
    return await t.fetch(url.pathname, init);
  });
  const admin = await makeUser(t, "admin", "admin@example.com");
  const specialty = await t.run((ctx) => Specialties.add(ctx, { name: "Tax", now: Date.now() }));
  const histories = { A: await buildHistory(t, "a"), B: await buildHistory(t, "b") };
  const live = { A: await startLive(histories.A.parties, options), B: await startLive(histories.B.parties, options) };
  vi.setSystemTime(Date.now() + 10_000);
  const shared = options.live === undefined || options.live === "active" || options.live === "paused";
  const side = async (name: "A" | "B"): Promise<Side> => {
    const { parties, ended, checkout } = histories[name];
    const text = (what: string) => bytesOf(`${what} of side ${name}`);
    const accountNumber = name === "A" ? "GB11AAAA00000000001111" : "GB22BBBB00000000002222";
    const dispute = options.dispute
      ? await parties.client.as.mutation(api.disputes.open, { sessionId: ended, reason: "technical_problem", description: "The chat kept freezing." })
      : null;
    if (options.withdrawal !== undefined) await readyToWithdraw(t, parties.advisor, accountNumber);
    const withdrawal =
      options.withdrawal === "requested" || options.withdrawal === "approved"
        ? await parties.advisor.as.mutation(api.withdrawals.request, { amount: 2000 })
        : null;
    if (options.withdrawal === "approved") await admin.as.mutation(api.withdrawals.approve, { id: withdrawal! });
    if (options.balanceRefund !== undefined) {
      await parties.client.as.action(api.payments.payTestCheckout, { checkoutId: checkout, cardNumber: "4242424242424242" });
    }
    const application = options.application ? await parties.client.as.mutation(api.applications.submit, APPLICATION) : null;
    const rating = options.rated ? await parties.client.as.mutation(api.ratings.rate, { sessionId: ended, stars: 4, text: "Helpful." }) : null;
    const photo = options.photo ? await uploadPhoto(t, parties.advisor) : null;
    if (options.booking !== undefined) await openAroundTheClock(t, parties.advisorId);
    const booking =
      options.booking === "booked"
        ? await parties.client.as.mutation(api.bookings.book, { advisorId: parties.advisorId, kind: "chat", durationMinutes: 30, startsAt: BOOKED_AT, clientTimeZone: "UTC" })
        : null;
    const notification = (await t.run((ctx) => ctx.db.query("notifications").withIndex("by_userId_and_at", (q) => q.eq("userId", parties.advisor.userId)).first()))!._id;
    const email = (await t.run((ctx) => ctx.db.query("emailOutbox").withIndex("by_userId_and_createdAt", (q) => q.eq("userId", parties.advisor.userId)).order("desc").first()))?._id ?? null;
    const balanceRefund =
      options.balanceRefund === "requested" ? await parties.client.as.mutation(api.balanceRefunds.request, { amount: 1000 }) : null;
    return {
      client: parties.client,
      advisor: parties.advisor,
      advisorId: parties.advisorId,
      ended,
      live: live[name],
      document: shared ? await shareDocument(t, parties.client, live[name], "notes.txt", text("notes")) : null,
      upload: shared ? await upload(t, parties.client, live[name], "more.txt", text("more notes")) : null,
      checkout,
      accountNumber,
      dispute,
      withdrawal,
      balanceRefund,
      application,
      rating,
      photo,
      notification,
      email,
      booking,
    };
  };
  const world = { t, admin, A: await side("A"), B: await side("B"), specialty };
  vi.setSystemTime(Date.now() + 1000);
  return world;
}

function need<T>(value: T | null, what: string): T {
  if (value === null) throw new Error(`this row's world has no ${what}: give the row the WorldOptions that make one`);
  return value;
}

// ---------------------------------------------------------------- arguments, one row per public function

type Args = Record<string, unknown>;

/**
 * `fixed`: arguments that name nothing of anyone's (one case). `owned`: built
 * from one side (cases own and foreign), and for functions taking several ids
 * optionally `mixed`: the caller's own ids with one of the other side's.
 */
type Row =
  | { cases: "fixed"; args: (w: World) => Args; world?: WorldOptions }
  | { cases: "owned"; args: (s: Side, w: World) => Args; mixed?: (own: Side, other: Side) => Args; world?: WorldOptions };

const fixed = (args: Args | ((w: World) => Args), world?: WorldOptions): Row => ({
  cases: "fixed",
  args: typeof args === "function" ? args : () => args,
  world,
});
const owned = (args: (s: Side, w: World) => Args, world?: WorldOptions): Row => ({ cases: "owned", args, world });

const page = { paginationOpts: { numItems: 10, cursor: null } };
const sha = "0".repeat(64);

const APPLICATION = {
  displayName: "Pat Applicant",
  headline: "Tax help for freelancers",
  bio: "",
  specialties: ["Tax"],
  languages: ["English"],
  yearsExperience: 4,
  sampleLinks: [],
  chatPricePerMinute: 100,
  videoPricePerMinute: 200,
};

const ARGS: Record<string, Row> = {
  "adminRecords:auditLog": fixed(page),
  "adminRecords:disputes": fixed(page),
  "adminRecords:endedSessions": fixed(page),
  "adminDashboard:figures": fixed({}),
  "advisorPhotos:generateUploadUrl": fixed({ size: 100, sha256: "0".repeat(64) }),
  "advisorPhotos:removePhoto": fixed({}),
  "advisorPhotos:setPhoto": owned((s) => need(s.photo, "photo"), { photo: true }),

  "advisors:discover": fixed({ ...page, priceKind: "chat", onlineOnly: false, sort: "recommended" }),
  "advisors:get": owned((s) => ({ advisorId: s.advisorId })),
  "advisors:list": fixed({}),
  "advisors:mine": fixed({}),
  "advisors:setOnline": fixed({ isOnline: false }),
  "advisors:updateProfile": fixed({
    headline: "Tax questions answered",
    bio: "Twenty years of small-business tax.",
    specialties: ["Tax"],
    chatPricePerMinute: 100,
    videoPricePerMinute: 200,
  }),

  "applications:approve": owned((s) => ({ id: need(s.application, "application") }), { application: true, live: "none" }),
  "applications:mine": fixed({}, { application: true }),
  "applications:queue": fixed(page, { application: true }),
  "applications:reject": owned((s) => ({ id: need(s.application, "application"), note: "Please add samples of your work." }), { application: true }),
  "applications:submit": fixed(APPLICATION),

  "availability:mine": fixed({}),
  "availability:save": fixed({ timeZone: "Europe/London", weekly: [{ weekday: 1, start: "09:00", end: "17:00" }], exceptions: [], bufferMinutes: 10, minNoticeHours: 4, dailyCap: 8 }),
  "availability:slots": owned((s) => ({ advisorId: s.advisorId, durationMinutes: 30, from: Date.now(), to: Date.now() + 86_400_000 })),
  "availability:summary": owned((s) => ({ advisorId: s.advisorId })),

  "balanceRefunds:approve": owned((s) => ({ id: need(s.balanceRefund, "balance refund") }), { balanceRefund: "requested" }),
  "balanceRefunds:cancel": owned((s) => ({ id: need(s.balanceRefund, "balance refund") }), { balanceRefund: "requested" }),
  "balanceRefunds:mine": fixed({}, { balanceRefund: "requested" }),
  "balanceRefunds:queue": fixed(page, { balanceRefund: "requested" }),
  "balanceRefunds:reject": owned((s) => ({ id: need(s.balanceRefund, "balance refund"), reason: "The payment is under review." }), { balanceRefund: "requested" }),
  "balanceRefunds:request": fixed({ amount: 500 }, { balanceRefund: "paid" }),
  "balanceRefunds:retry": owned((s) => ({ id: need(s.balanceRefund, "balance refund") }), { balanceRefund: "requested" }),

  "bookings:advisorHistory": fixed(page, { booking: "booked" }),
  "bookings:advisorUpcoming": fixed({}, { booking: "booked" }),
  "bookings:agreeToContinue": owned((s) => ({ bookingId: need(s.booking, "booking") }), { booking: "booked" }),
  "bookings:book": owned((s) => ({ advisorId: s.advisorId, kind: "chat", durationMinutes: 30, startsAt: BOOKED_AT, clientTimeZone: "UTC" }), { booking: "hours" }),
  "bookings:cancel": owned((s) => ({ bookingId: need(s.booking, "booking"), reason: "Something came up." }), { booking: "booked" }),
  "bookings:get": owned((s) => ({ bookingId: need(s.booking, "booking") }), { booking: "booked" }),
  "bookings:history": fixed(page, { booking: "booked" }),
  "bookings:join": owned((s) => ({ bookingId: need(s.booking, "booking") }), { booking: "booked" }),
  "bookings:quote": owned((s) => ({ advisorId: s.advisorId, kind: "video", durationMinutes: 60 })),
  "bookings:reschedule": owned((s) => ({ bookingId: need(s.booking, "booking"), startsAt: BOOKED_AT + 60 * 60 * 1000 }), { booking: "booked" }),
  "bookings:upcoming": fixed({}, { booking: "booked" }),

  "clock:status": fixed({}),

  "disputes:evidence": owned((s) => ({ disputeId: need(s.dispute, "dispute") }), { dispute: true }),
  "disputes:forSession": owned((s) => ({ sessionId: s.ended }), { dispute: true }),
  "disputes:open": owned((s) => ({ sessionId: s.ended, reason: "technical_problem", description: "The chat kept freezing." })),
  "disputes:openCount": fixed({}, { dispute: true }),
  "disputes:queue": fixed({ status: "open" }, { dispute: true }),
  "disputes:resolve": owned((s) => ({ disputeId: need(s.dispute, "dispute"), outcome: "reject", note: "The session was delivered." }), { dispute: true }),
  "disputes:takeSatisfactionCredit": owned((s) => ({ sessionId: s.ended })),

  "documents:attach": {
    cases: "owned",
    args: (s) => ({ sessionId: s.live, ...need(s.upload, "upload slot") }),
    // The caller's own session and slot, with the file the other side uploaded.
    mixed: (own, other) => ({ sessionId: own.live, uploadId: need(own.upload, "upload slot").uploadId, storageId: need(other.upload, "upload slot").storageId }),
  },
  "documents:downloadUrl": {
    cases: "owned",
    args: (s) => ({ sessionId: s.live, documentId: need(s.document, "document") }),
    // The caller's own session with the other side's document.
    mixed: (own, other) => ({ sessionId: own.live, documentId: need(other.document, "document") }),
  },
  "documents:generateUploadUrl": owned((s) => ({ sessionId: s.live, fileName: "plan.txt", size: 10, sha256: sha })),
  "documents:list": owned((s) => ({ sessionId: s.live })),

  "earningsDashboard:history": fixed(page),
  "earningsDashboard:overview": fixed({}),
  "earningsDashboard:pending": fixed({}),

  "ledger:findUser": owned((s) => ({ email: s.client.identity.email })),
  "ledger:grantPromo": owned((s) => ({ userId: s.client.userId, amount: 500, reason: "Goodwill", requestId: "req-1" })),
  "ledger:latestAudit": fixed({}),
  "ledger:searchTransactions": fixed(page),
  "ledger:startAudit": fixed({}),
  "ledger:userHistory": owned((s) => ({ userId: s.client.userId, ...page })),

  "messages:list": owned((s) => ({ sessionId: s.live })),
  "messages:send": owned((s) => ({ sessionId: s.live, body: "Hello" })),

  "payouts:setup": fixed({}),
  "payouts:startStripeOnboarding": fixed({}, { withdrawal: "ready" }),

  "favourites:ids": fixed({}),
  "favourites:list": fixed(page),
  "favourites:set": owned((s) => ({ advisorId: s.advisorId, favourite: true })),

  "mailbox:get": owned((s) => ({ id: need(s.email, "email") }), { withdrawal: "approved" }),
  "mailbox:list": fixed(page),
  "mailbox:retry": owned((s) => ({ id: need(s.email, "email") }), { withdrawal: "approved" }),

  "notifications:list": fixed(page),
  "notifications:markAllRead": fixed({}),
  "notifications:markRead": owned((s) => ({ id: s.notification })),
  "notifications:preferences": fixed({}),
  "notifications:setPreference": fixed({ kind: "session_requested", channel: "email", on: true }),
  "notifications:unreadCount": fixed({}),

  "onlineAlerts:ask": owned((s) => ({ advisorId: s.advisorId })),
  "onlineAlerts:cancel": owned((s) => ({ advisorId: s.advisorId })),
  "onlineAlerts:waiting": owned((s) => ({ advisorId: s.advisorId })),

  "payments:createTopUp": fixed({ amount: 2500 }),
  "payments:getCheckout": owned((s) => ({ checkoutId: s.checkout })),
  "payments:payTestCheckout": owned((s) => ({ checkoutId: s.checkout, cardNumber: "4242 4242 4242 4242", expiry: "12/34", cvc: "123" })),

  "presence:advisorStatus": owned((s) => ({ advisorId: s.advisorId })),
  "presence:advisorStatuses": owned((s) => ({ advisorIds: [s.advisorId] })),
  "presence:heartbeat": owned((s) => ({ sessionId: s.live, connected: true }), { kind: "video" }),
  "presence:videoSettings": fixed({}),

  "ratings:feedbackLimit": fixed({}),
  "ratings:forSession": owned((s) => ({ sessionId: s.ended })),
  "ratings:rate": owned((s) => ({ sessionId: s.ended, stars: 5, text: "Helpful" })),

  "receipts:get": owned((s) => ({ sessionId: s.ended })),

  "sessions:acceptSession": owned((s) => ({ sessionId: s.live }), { live: "requested" }),
  "sessions:adminEndSession": owned((s) => ({ sessionId: s.live, reason: "Abuse report" })),
  "sessions:adminListLive": fixed({}),
  "sessions:cancelRequest": owned((s) => ({ sessionId: s.live }), { live: "requested" }),
  "sessions:current": fixed({}),
  "sessions:declineSession": owned((s) => ({ sessionId: s.live }), { live: "requested" }),
  "sessions:endSession": owned((s) => ({ sessionId: s.live })),
  "sessions:get": owned((s) => ({ sessionId: s.live })),
  "sessions:incomingRequests": fixed({}, { live: "requested" }),
  "sessions:listMine": fixed(page),
  "sessions:pauseSession": owned((s) => ({ sessionId: s.live })),
  "sessions:requestSession": owned((s) => ({ advisorId: s.advisorId, kind: "chat" }), { live: "none" }),
  "sessions:resumeSession": owned((s) => ({ sessionId: s.live }), { live: "paused" }),

  "settings:adminList": fixed({}),
  "settings:history": fixed(page),
  "settings:publicLimits": fixed({}),
  "settings:update": fixed({ name: "feeBps", value: 1200, reason: "New pricing" }),

  "reviews:forAdvisor": owned((s) => ({ advisorId: s.advisorId, ...page }), { rated: true }),
  "reviews:hide": owned((s) => ({ ratingId: need(s.rating, "rating"), reason: "Insulting." }), { rated: true }),
  "reviews:mine": fixed(page, { rated: true }),
  "reviews:reply": owned((s) => ({ ratingId: need(s.rating, "rating"), text: "Thank you!" }), { rated: true }),
  "reviews:summary": owned((s) => ({ advisorId: s.advisorId }), { rated: true }),

  "signals:cursor": owned((s) => ({ sessionId: s.live })),
  "signals:listForMe": owned((s) => ({ sessionId: s.live })),
  "signals:send": owned((s) => ({ sessionId: s.live, kind: "hello", payload: "{}" })),
  "signals:videoCall": owned((s) => ({ sessionId: s.live }), { kind: "video" }),

  "userAdmin:detail": owned((s) => ({ userId: s.client.userId })),
  "userAdmin:search": fixed(page),
  "userAdmin:setStatus": owned((s) => ({ userId: s.advisor.userId, status: "suspended", reason: "Abusive messages" }), { live: "none" }),
  "users:current": fixed({}),
  "users:list": fixed({}),
  "users:listLocalAccounts": fixed({}),
  "users:recentRoleChanges": fixed({}),
  "users:setRole": owned((s) => ({ userId: s.advisor.userId, role: "client", reason: "Left the platform" }), { live: "none" }),
  "users:store": fixed({}),

  "wallets:history": fixed(page),
  "wallets:holds": fixed({}),
  "wallets:summary": fixed({}),
  "wallets:topUpOptions": fixed({}),

  "specialties:add": fixed({ name: "Astronomy" }),
  "specialties:list": fixed({}),
  "specialties:remove": fixed((w) => ({ id: w.specialty, reason: "No longer offered." })),

  "withdrawals:approve": owned((s) => ({ id: need(s.withdrawal, "withdrawal") }), { withdrawal: "requested" }),
  "withdrawals:bankDetails": fixed({}, { withdrawal: "ready" }),
  "withdrawals:markPaid": owned((s) => ({ id: need(s.withdrawal, "withdrawal") }), { withdrawal: "approved" }),
  "withdrawals:mine": fixed({}, { withdrawal: "requested" }),
  "withdrawals:queue": fixed(page, { withdrawal: "requested" }),
  "withdrawals:reject": owned((s) => ({ id: need(s.withdrawal, "withdrawal"), reason: "The bank details do not match." }), { withdrawal: "requested" }),
  "withdrawals:request": fixed({ amount: 2000 }, { withdrawal: "ready" }),
  "withdrawals:saveBankDetails": fixed({ holderName: "Pat Advisor", accountNumber: "GB33CCCC00000000003333" }),
};

// ---------------------------------------------------------------- calling

/** Which side of the world is the caller's own (visitors and the admin own nothing: side A stands in). */
const SIDE_OF: Record<Role, "A" | "B"> = { anonymous: "A", clientA: "A", advisorA: "A", clientB: "B", advisorB: "B", admin: "A" };

function caller(w: World, role: Role) {
  switch (role) {
    case "anonymous":
      return w.t;
    case "admin":
      return w.admin.as;
    case "clientA":
      return w.A.client.as;
    case "clientB":
      return w.B.client.as;
    case "advisorA":
      return w.A.advisor.as;
    case "advisorB":
      return w.B.advisor.as;
  }
}

/**
 * What `role` must never read in an answer: the ids and email addresses of the
 * other side (all of them for a visitor), their own client's email for an
 * advisor (SPEC §10: advisors see a display name only), and, for everyone, a
 * bank account number in full once entered. Advisor profile ids are public
 * (the catalogue), so they are not on the list.
 */
function secretsFor(w: World, role: Role): string[] {
  return [w.A.accountNumber, w.B.accountNumber, "GB33CCCC00000000003333", ...idsAndEmailsHiddenFrom(w, role)];
}

function idsAndEmailsHiddenFrom(w: World, role: Role): string[] {
  const ofSide = (s: Side) => [
    s.client.userId,
    s.advisor.userId,
    s.client.identity.email,
    s.advisor.identity.email,
    s.ended,
    s.live,
    s.checkout,
    ...(s.document === null ? [] : [s.document]),
    ...(s.upload === null ? [] : [s.upload.uploadId, s.upload.storageId]),
    ...(s.dispute === null ? [] : [s.dispute]),
    ...(s.withdrawal === null ? [] : [s.withdrawal]),
    ...(s.booking === null ? [] : [s.booking]),
  ];
  switch (role) {
    case "admin":
      return [];
    case "anonymous":
      return [...ofSide(w.A), ...ofSide(w.B)];
    case "clientA":
      return ofSide(w.B);
    case "clientB":
      return ofSide(w.A);
    case "advisorA":
      return [...ofSide(w.B), w.A.client.identity.email];
    case "advisorB":
      return [...ofSide(w.A), w.B.client.identity.email];
  }
}

/**
 * "ok" (an answer with nothing the caller may not read), "null" (a query that
 * answers null: e.g. someone else's checkout reads as missing), "LEAK" (an
 * answer holding one of `secrets`), the ConvexError's code, or "BUG: …" for
 * any other error (a plain Error is a bug, SPEC §10).
 */
async function outcome(
  as: ReturnType<typeof caller>,
  fn: PublicFunction,
  args: Record<string, unknown>,
  secrets: string[],
): Promise<string> {
  try {
    let result: unknown;
    if (fn.kind === "query") result = await as.query(makeFunctionReference<"query">(fn.name), args);
    else if (fn.kind === "mutation") result = await as.mutation(makeFunctionReference<"mutation">(fn.name), args);
    else result = await as.action(makeFunctionReference<"action">(fn.name), args);
    if (result === null && fn.kind === "query") return "null";
    const text = JSON.stringify(result) ?? "";
    return secrets.some((secret) => text.includes(secret)) ? "LEAK" : "ok";
  } catch (error) {
    const code = (error as { data?: { code?: unknown } }).data?.code;
    return typeof code === "string" ? code : `BUG: ${error instanceof Error ? error.message : String(error)}`;
  }
}

function argsFor(row: Row, w: World, role: Role, c: Case): Args {
  if (row.cases === "fixed") return row.args(w);
  const own = w[SIDE_OF[role]];
  const other = w[SIDE_OF[role] === "A" ? "B" : "A"];
  if (c === "mixed") return row.mixed!(own, other);
  return row.args(c === "own" ? own : other, w);
}

function casesOf(row: Row): Case[] {
  if (row.cases === "fixed") return ["fixed"];
  return row.mixed === undefined ? ["own", "foreign"] : ["own", "foreign", "mixed"];
}

/** The outcomes of one function, case by case, in ROLES order. A query reads one world; anything else gets a fresh one per call. */
async function measure(fn: PublicFunction, row: Row): Promise<Partial<Record<Case, string[]>>> {
  const cases = casesOf(row);
  const shared = fn.kind === "query" ? await buildWorld(row.world) : null;
  const result: Partial<Record<Case, string[]>> = {};
  for (const c of cases) {
    const outcomes: string[] = [];
    for (const role of ROLES) {
      const w = shared ?? (await buildWorld(row.world));
      outcomes.push(await outcome(caller(w, role), fn, argsFor(row, w, role, c), secretsFor(w, role)));
    }
    result[c] = outcomes;
  }
  return result;
}

// ---------------------------------------------------------------- the matrix

const tally = { calls: 0, unexpectedSuccesses: 0, unexpectedRefusals: 0 };

beforeEach(() => {
  useFakeClock();
  vi.stubEnv("CONVEX_SITE_URL", SITE_URL);
  vi.stubEnv("STRIPE_SECRET_KEY", "");
  vi.stubEnv("STRIPE_WEBHOOK_SECRET", TEST_WEBHOOK_SECRET);
  vi.stubEnv("NEXT_PUBLIC_STREAM_API_KEY", "");
  vi.stubEnv("STREAM_API_SECRET", "");
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllEnvs();
  vi.unstubAllGlobals();
});
afterAll(() => {
  const rows = FUNCTIONS.filter((fn) => ARGS[fn.name] !== undefined && SKIPPED[fn.name] === undefined);
  const cases = rows.reduce((n, fn) => n + casesOf(ARGS[fn.name]).length, 0);
  const kinds = (kind: Kind) => FUNCTIONS.filter((fn) => fn.kind === kind).length;
  console.log(
    `authz matrix: ${FUNCTIONS.length} public functions (${kinds("query")} queries, ${kinds("mutation")} mutations, ${kinds("action")} actions), ` +
      `${rows.length} with rows × ${cases} id cases × ${ROLES.length} roles = ${cases * ROLES.length} cells; ${tally.calls} called and compared; ` +
      `unexpected successes: ${tally.unexpectedSuccesses}; unexpected refusals: ${tally.unexpectedRefusals}; ` +
      `without a row: ${FUNCTIONS.length - rows.length - Object.keys(SKIPPED).length}; skipped: ${Object.keys(SKIPPED).length}`,
  );
});

describe("the authorization matrix", () => {
  it("finds the public API in the modules", () => {
    // A sanity floor, so a broken enumeration cannot pass as an empty matrix.
    expect(FUNCTIONS.length).toBeGreaterThan(50);
    expect(FUNCTIONS).toContainEqual({ name: "sessions:get", kind: "query" });
    expect(FUNCTIONS).toContainEqual({ name: "sessions:endSession", kind: "mutation" });
    expect(FUNCTIONS).toContainEqual({ name: "documents:attach", kind: "action" });
    expect(FUNCTIONS.map((f) => f.name)).not.toContain("ledger:auditStep");
  });

  it("tells a leak from an answer the caller may read", async () => {
    const w = await buildWorld();
    const get: PublicFunction = { name: "sessions:get", kind: "query" };
    // The admin may read B's session; the same answer given to client A would be a leak.
    expect(await outcome(w.admin.as, get, { sessionId: w.B.live }, secretsFor(w, "admin"))).toBe("ok");
    expect(await outcome(w.admin.as, get, { sessionId: w.B.live }, secretsFor(w, "clientA"))).toBe("LEAK");
    expect(await outcome(w.A.client.as, get, { sessionId: w.B.live }, secretsFor(w, "clientA"))).toBe("FORBIDDEN");
  });

  it("has a row of arguments and of expected outcomes for every public function", () => {
    const names = FUNCTIONS.map((f) => f.name);
    const missing = names.filter((name) => ARGS[name] === undefined && SKIPPED[name] === undefined).map((name) => `add a row for ${name} to ARGS in convex/authz.matrix.test.ts`);
    const unexpected = names.filter((name) => EXPECTED[name] === undefined && SKIPPED[name] === undefined).map((name) => `add a row for ${name} to EXPECTED in convex/authz.matrix.expected.ts`);
    const stale = [...Object.keys(ARGS), ...Object.keys(EXPECTED), ...Object.keys(SKIPPED)]
      .filter((name) => !names.includes(name))
      .map((name) => `remove the row for ${name}: no such public function`);
    const known: readonly string[] = ["ok", "null", ...ERROR_CODES] satisfies Outcome[];
    const malformed = Object.entries(EXPECTED).flatMap(([name, cases]) =>
      Object.entries(cases)
        .filter(([, outcomes]) => outcomes.split(" ").length !== ROLES.length || outcomes.split(" ").some((o) => !known.includes(o)))
        .map(([c]) => `${name} ${c}: give one of ${known.join(", ")} for each of ${ROLES.join(", ")}`),
    );
    expect([...missing, ...unexpected, ...stale, ...malformed]).toEqual([]);
  });

  for (const fn of FUNCTIONS) {
    const row = ARGS[fn.name];
    if (row === undefined || SKIPPED[fn.name] !== undefined) continue;
    it(`${fn.name} (${fn.kind})`, async () => {
      const actual = await measure(fn, row);
      const expected = EXPECTED[fn.name] ?? {};
      const differences: string[] = [];
      for (const c of CASES) {
        const got = actual[c];
        const want = expected[c]?.split(" ");
        if (got === undefined && want === undefined) continue;
        if (got === undefined || want === undefined || want.length !== ROLES.length) {
          differences.push(`${c}: expected ${expected[c] ?? "no row"}, got ${got?.join(" ") ?? "no such case"}`);
          continue;
        }
        tally.calls += got.length;
        ROLES.forEach((role, i) => {
          if (got[i] === want[i]) return;
          if (got[i] === "ok" || got[i] === "null" || got[i] === "LEAK") tally.unexpectedSuccesses++;
          else tally.unexpectedRefusals++;
          differences.push(`${c} × ${role}: expected ${want[i]}, got ${got[i]}`);
        });
      }
      const measured = Object.entries(actual).map(([c, outcomes]) => `${c}: "${outcomes.join(" ")}"`).join(", ");
      expect(differences, `${fn.name}; the row as measured: "${fn.name}": { ${measured} },`).toEqual([]);
    });
  }
});
