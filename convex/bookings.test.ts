import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ConvexError } from "convex/values";
import { api, internal } from "./_generated/api";
import { auditLedger } from "./ledger.testkit";
import * as Ledger from "./model/ledger";
import { HOUR, MINUTE, START, bookingWorld, type BookingWorld } from "./bookings.fixtures";
import { T0, accountBalance, elapse, sessionDoc, useFakeClock } from "./sessions.fixtures";
import { makeUser, newTest, wallet } from "./test.factories";

beforeEach(useFakeClock);
afterEach(() => vi.useRealTimers());

/** Moves fake time forward to `time`, firing the scheduler's timers on the way, and runs what is due. */
async function at(w: BookingWorld, time: number) {
  vi.advanceTimersByTime(time - Date.now());
  await w.runDue();
}

async function expectAudited(w: BookingWorld) {
  await expect(w.t.run((ctx) => auditLedger(ctx))).resolves.toMatchObject({ ok: true });
}

async function money(w: BookingWorld) {
  const client = await wallet(w.t, w.client.userId);
  return {
    available: client.available,
    posted: client.posted,
    pending: await accountBalance(w.t, Ledger.advisorPending(w.advisor.userId)),
    advisorAvailable: await accountBalance(w.t, Ledger.advisorAvailable(w.advisor.userId)),
    revenue: await accountBalance(w.t, Ledger.PLATFORM_REVENUE),
  };
}

function codeOf(error: unknown) {
  return error instanceof ConvexError ? (error.data as { code: string }).code : String(error);
}

describe("bookings.book", () => {
  it("takes the slot and holds duration × rate in one transaction, with the policy snapshotted and both told", async () => {
    const w = await bookingWorld();
    const id = await w.book();
    const b = await w.booking(id);
    expect(b).toMatchObject({ status: "confirmed", priceCents: 1500, rateCentsPerMinute: 50, startsAt: START, endsAt: START + 30 * MINUTE });
    expect(b.policy).toEqual({ feeBps: 1000, freeCancelHours: 24, joinEarlyMinutes: 5, noShowAfterMinutes: 9, clientNoShowChargeBps: 5000 });
    expect(await money(w)).toMatchObject({ posted: 5000, available: 3500 });
    const kinds = await w.t.run((ctx) => ctx.db.query("notifications").collect());
    expect(kinds.filter((n) => n.kind === "booking_confirmed").map((n) => n.userId).sort()).toEqual([w.client.userId, w.advisor.userId].sort());
    await expectAudited(w);
  });

  it("gives two clients racing for one slot one booking and one clear refusal", async () => {
    const w = await bookingWorld();
    const rival = await makeUser(w.t, "client");
    const { fund } = await import("./test.factories");
    await fund(w.t, rival.userId, 5000);
    const args = { advisorId: w.advisorId, kind: "chat" as const, durationMinutes: 30, startsAt: START, clientTimeZone: "Europe/London" };
    const results = await Promise.allSettled([w.client.as.mutation(api.bookings.book, args), rival.as.mutation(api.bookings.book, args)]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(codeOf(refused.reason)).toBe("CONFLICT");
    const rows = await w.t.run((ctx) => ctx.db.query("bookings").collect());
    expect(rows).toHaveLength(1);
    const holds = await w.t.run((ctx) => ctx.db.query("ledgerHolds").collect());
    expect(holds).toHaveLength(1);
  });

  it("refuses a time outside the hours, an overlapping one and a short balance, changing nothing", async () => {
    const w = await bookingWorld({ balance: 1000 });
    await expect(w.book({ startsAt: START + 7 * MINUTE })).rejects.toThrow(/quarter hour/);
    await expect(w.book()).rejects.toThrow(/balance/i);
    expect(await w.t.run((ctx) => ctx.db.query("bookings").collect())).toHaveLength(0);
    await w.book({ durationMinutes: 15 });
    const overlap = await w.book({ durationMinutes: 30, startsAt: START - 15 * MINUTE }).catch((e: unknown) => e);
    expect(codeOf(overlap)).toBe("CONFLICT");
    await expect(w.book({ durationMinutes: 45 })).rejects.toThrow(/15, 30, 60/);
    expect(await w.t.run((ctx) => ctx.db.query("bookings").collect())).toHaveLength(1);
  });

  it("refuses advisors and admins", async () => {
    const w = await bookingWorld();
    const admin = await makeUser(w.t, "admin");
    const args = { advisorId: w.advisorId, kind: "chat" as const, durationMinutes: 30, startsAt: START, clientTimeZone: "UTC" };
    await expect(w.advisor.as.mutation(api.bookings.book, args)).rejects.toThrow(/not allowed|FORBIDDEN|client/i);
    await expect(admin.as.mutation(api.bookings.book, args)).rejects.toThrow(/not allowed|FORBIDDEN|client/i);
    await expect(w.t.mutation(api.bookings.book, args)).rejects.toThrow(/sign in/i);
  });
});

describe("cancelling and moving", () => {
  it("releases the hold when the client cancels more than 24 h before", async () => {
    const w = await bookingWorld();
    const id = await w.book();
    await at(w, START - 24 * HOUR - 1);
    await w.client.as.mutation(api.bookings.cancel, { bookingId: id });
    expect(await w.booking(id)).toMatchObject({ status: "cancelled_by_client", chargedCents: 0 });
    expect(await money(w)).toMatchObject({ posted: 5000, available: 5000, pending: 0, revenue: 0 });
    await expectAudited(w);
  });

  it("charges the full price, split by the fee, when the client cancels within 24 h", async () => {
    const w = await bookingWorld();
    const id = await w.book();
    await at(w, START - 24 * HOUR);
    await w.client.as.mutation(api.bookings.cancel, { bookingId: id });
    expect(await w.booking(id)).toMatchObject({ status: "cancelled_by_client", chargedCents: 1500, feeCents: 150, earningCents: 1350 });
    expect(await money(w)).toMatchObject({ posted: 3500, available: 3500, pending: 1350, revenue: 150 });
    await at(w, START - 24 * HOUR + 24 * HOUR);
    expect(await money(w)).toMatchObject({ pending: 0, advisorAvailable: 1350 });
    await expectAudited(w);
  });

  it("always releases when the advisor cancels, who must say why", async () => {
    const w = await bookingWorld();
    const id = await w.book();
    await at(w, START - HOUR);
    await expect(w.advisor.as.mutation(api.bookings.cancel, { bookingId: id })).rejects.toThrow(/why/);
    await w.advisor.as.mutation(api.bookings.cancel, { bookingId: id, reason: "Unwell today" });
    expect(await w.booking(id)).toMatchObject({ status: "cancelled_by_advisor", chargedCents: 0, cancelReason: "Unwell today" });
    expect(await money(w)).toMatchObject({ posted: 5000, available: 5000 });
  });

  it("moves without paying again: the client until 24 h before, the advisor any time before the start", async () => {
    const w = await bookingWorld();
    const id = await w.book();
    await w.client.as.mutation(api.bookings.reschedule, { bookingId: id, startsAt: START + 2 * HOUR });
    expect(await w.booking(id)).toMatchObject({ startsAt: START + 2 * HOUR, reschedules: 1, status: "confirmed" });
    await at(w, START - 20 * HOUR);
    await expect(w.client.as.mutation(api.bookings.reschedule, { bookingId: id, startsAt: START })).rejects.toThrow(/24 hours/);
    await w.advisor.as.mutation(api.bookings.reschedule, { bookingId: id, startsAt: START + HOUR });
    expect(await w.booking(id)).toMatchObject({ startsAt: START + HOUR, reschedules: 2 });
    expect(await money(w)).toMatchObject({ posted: 5000, available: 3500 });
    const stranger = await makeUser(w.t, "client");
    await expect(stranger.as.mutation(api.bookings.reschedule, { bookingId: id, startsAt: START })).rejects.toThrow(/does not exist/);
    await expect(stranger.as.mutation(api.bookings.cancel, { bookingId: id })).rejects.toThrow(/does not exist/);
  });
});

describe("the booked session", () => {
  it("opens 5 minutes before the start and completes at the end: charged in full, no per-second charge", async () => {
    const w = await bookingWorld();
    const id = await w.book();
    await at(w, START - 6 * MINUTE);
    await expect(w.client.as.mutation(api.bookings.join, { bookingId: id })).rejects.toThrow(/5 minutes/);
    await at(w, START - 5 * MINUTE);
    const sessionId = await w.client.as.mutation(api.bookings.join, { bookingId: id });
    expect(await w.advisor.as.mutation(api.bookings.join, { bookingId: id })).toBe(sessionId);
    await w.client.as.mutation(api.messages.send, { sessionId, body: "Hello" });
    const view = await w.advisor.as.query(api.sessions.get, { sessionId });
    expect(view).toMatchObject({ status: "active", canPause: false, canEnd: true, billedSeconds: 0, booked: { bookingId: id, until: START + 30 * MINUTE, prepaid: true } });
    await elapse(w.t, 35 * MINUTE, 60_000);
    const receipt = await w.client.as.query(api.receipts.get, { sessionId });
    expect(receipt).toMatchObject({ chargeCents: 0, walletBeforeCents: 5000, walletAfterCents: 3500, booking: { durationMinutes: 30, status: "completed", priceCents: 1500, chargedCents: 1500, feeCents: 150, earningCents: 1350 } });
    const session = await sessionDoc(w.t, sessionId);
    expect(session).toMatchObject({ status: "ended", endReason: "booked_time_over", endedAt: START + 30 * MINUTE, billedSeconds: 0, chargeCents: 0 });
    expect(await w.booking(id)).toMatchObject({ status: "completed", chargedCents: 1500, feeCents: 150, earningCents: 1350 });
    expect(await money(w)).toMatchObject({ posted: 3500, available: 3500, pending: 1350, revenue: 150 });
    await expectAudited(w);
  });

  it("goes on past the end at the per-second rate when both agree", async () => {
    const w = await bookingWorld();
    const id = await w.book();
    await at(w, START);
    const sessionId = await w.client.as.mutation(api.bookings.join, { bookingId: id });
    await w.advisor.as.mutation(api.bookings.join, { bookingId: id });
    await w.client.as.mutation(api.bookings.agreeToContinue, { bookingId: id });
    await w.advisor.as.mutation(api.bookings.agreeToContinue, { bookingId: id });
    await elapse(w.t, 30 * MINUTE, 60_000, async () => {
      await w.client.as.mutation(api.messages.send, { sessionId, body: "still here" });
    });
    await elapse(w.t, 2 * MINUTE, 10_000, async (ms) => {
      if (ms % 30_000 === 0) await w.client.as.mutation(api.messages.send, { sessionId, body: "go on" });
    });
    await w.client.as.mutation(api.sessions.endSession, { sessionId });
    const session = await sessionDoc(w.t, sessionId);
    expect(session).toMatchObject({ status: "ended", billedSeconds: 120, chargeCents: 100 });
    expect(await w.booking(id)).toMatchObject({ status: "completed", chargedCents: 1500 });
    expect(await money(w)).toMatchObject({ posted: 5000 - 1500 - 100, pending: 1350 + 90, revenue: 150 + 10 });
    await expectAudited(w);
  });

  it("charges 50% when the client has not joined floor(33% × 30) = 9 minutes after the start", async () => {
    const w = await bookingWorld();
    const id = await w.book();
    await at(w, START);
    const sessionId = await w.advisor.as.mutation(api.bookings.join, { bookingId: id });
    await at(w, START + 9 * MINUTE - 1);
    expect((await w.booking(id)).status).toBe("in_progress");
    await at(w, START + 9 * MINUTE);
    expect(await w.booking(id)).toMatchObject({ status: "client_no_show", chargedCents: 750, feeCents: 75, earningCents: 675 });
    expect(await sessionDoc(w.t, sessionId)).toMatchObject({ status: "ended", endReason: "booking_no_show", chargeCents: 0 });
    expect(await money(w)).toMatchObject({ posted: 4250, available: 4250, pending: 675, revenue: 75 });
    await expectAudited(w);
  });

  it("releases everything when the advisor has not joined, and notes it on the advisor's record", async () => {
    const w = await bookingWorld();
    const id = await w.book({ durationMinutes: 60 });
    await at(w, START + MINUTE);
    await w.client.as.mutation(api.bookings.join, { bookingId: id });
    await at(w, START + 19 * MINUTE);
    expect(await w.booking(id)).toMatchObject({ status: "advisor_no_show", chargedCents: 0 });
    expect(await money(w)).toMatchObject({ posted: 5000, available: 5000, pending: 0 });
    expect((await w.t.run((ctx) => ctx.db.get(w.advisorId)))!.bookingNoShows).toBe(1);
    const admin = await makeUser(w.t, "admin");
    const detail = await admin.as.query(api.userAdmin.detail, { userId: w.advisor.userId });
    expect(detail).toMatchObject({ bookingNoShows: 1, bookings: [{ _id: id, side: "advisor", status: "advisor_no_show", chargedCents: 0 }] });
    await expectAudited(w);
  });

  it("settles once: a moved booking's old no-show check does nothing", async () => {
    const w = await bookingWorld();
    const id = await w.book();
    await w.client.as.mutation(api.bookings.reschedule, { bookingId: id, startsAt: START + 3 * HOUR });
    await at(w, START + 10 * MINUTE);
    expect((await w.booking(id)).status).toBe("confirmed");
    await at(w, START + 3 * HOUR + 9 * MINUTE);
    expect((await w.booking(id)).status).toBe("advisor_no_show");
    const settlements = await w.t.run((ctx) => ctx.db.query("ledgerTransactions").collect());
    expect(settlements.filter((tx) => tx.key.startsWith(`booking:${id}:settle`))).toHaveLength(0);
  });
});

describe("reminders", () => {
  it("go 24 h and 1 h before, exactly once each, even when the sweep runs again after a restart", async () => {
    const w = await bookingWorld();
    const id = await w.book();
    const reminders = async () => (await w.t.run((ctx) => ctx.db.query("notifications").collect())).filter((n) => n.kind === "booking_reminder");
    await at(w, START - 24 * HOUR - 1);
    expect((await w.sendReminders()).sent).toBe(0);
    await at(w, START - 24 * HOUR);
    expect((await w.sendReminders()).sent).toBe(1);
    expect(await w.sendReminders()).toEqual({ sent: 0, more: false });
    expect(await reminders()).toHaveLength(2);
    await at(w, START - HOUR + 30_000);
    await w.sendReminders();
    await w.sendReminders();
    expect(await reminders()).toHaveLength(4);
    expect((await w.booking(id)).nextReminderAt).toBeUndefined();
  });

  it("skips a reminder whose moment passed before the booking was made", async () => {
    vi.setSystemTime(START - 3 * HOUR);
    const w = await bookingWorld();
    const id = await w.book();
    expect(await w.booking(id)).toMatchObject({ nextReminderAt: START - HOUR, nextReminderIndex: 1 });
    expect(T0).toBeLessThan(START);
  });
});

describe("suspension", () => {
  it("cancels the suspended side's upcoming bookings with the hold released, even within 24 h", async () => {
    const w = await bookingWorld();
    const admin = await makeUser(w.t, "admin");
    const first = await w.book();
    await at(w, START - 2 * HOUR);
    await admin.as.mutation(api.userAdmin.setStatus, { userId: w.client.userId, status: "suspended", reason: "Chargeback fraud" });
    expect(await w.booking(first)).toMatchObject({ status: "cancelled_by_client", chargedCents: 0, cancelReason: "The account was suspended." });
    expect(await money(w)).toMatchObject({ posted: 5000, available: 5000 });
    await admin.as.mutation(api.userAdmin.setStatus, { userId: w.client.userId, status: "active", reason: "Resolved" });
    const second = await w.book({ startsAt: START + 3 * HOUR });
    await admin.as.mutation(api.userAdmin.setStatus, { userId: w.advisor.userId, status: "suspended", reason: "Abusive messages" });
    expect(await w.booking(second)).toMatchObject({ status: "cancelled_by_advisor", chargedCents: 0 });
    const told = (await w.t.run((ctx) => ctx.db.query("notifications").collect())).filter((n) => n.kind === "booking_cancelled" && n.userId === w.client.userId);
    expect(told).toHaveLength(1);
    await expectAudited(w);
  });
});

describe("suspension after the start", () => {
  it("cancels for free a booking the suspended client has not joined, closing the room the advisor waits in", async () => {
    const w = await bookingWorld();
    const admin = await makeUser(w.t, "admin");
    const id = await w.book();
    await at(w, START + MINUTE);
    const sessionId = await w.advisor.as.mutation(api.bookings.join, { bookingId: id });
    await admin.as.mutation(api.userAdmin.setStatus, { userId: w.client.userId, status: "suspended", reason: "Chargeback fraud" });
    expect(await w.booking(id)).toMatchObject({ status: "cancelled_by_client", chargedCents: 0 });
    expect(await sessionDoc(w.t, sessionId)).toMatchObject({ status: "ended", chargeCents: 0 });
    await at(w, START + 10 * MINUTE);
    expect(await w.booking(id)).toMatchObject({ status: "cancelled_by_client", chargedCents: 0 });
    expect(await money(w)).toMatchObject({ posted: 5000, available: 5000, pending: 0 });
    await expectAudited(w);
  });
});

describe("seed.init", () => {
  it("books Chris with Maya by the real booking code, with the price held", async () => {
    const t = newTest();
    await t.mutation(internal.seed.init, {});
    const bookings = await t.run((ctx) => ctx.db.query("bookings").collect());
    expect(bookings).toHaveLength(1);
    expect(bookings[0]).toMatchObject({ status: "confirmed", durationMinutes: 15, kind: "video", priceCents: 15 * bookings[0].rateCentsPerMinute });
    const hold = await t.run((ctx) => ctx.db.get(bookings[0].holdId!));
    expect(hold).toMatchObject({ status: "active", amount: bookings[0].priceCents, ownerId: bookings[0].clientId });
    expect(bookings[0].startsAt - Date.now()).toBeGreaterThan(36 * HOUR);
  });
});
