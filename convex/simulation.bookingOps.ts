/**
 * Bookings in the seeded simulation (issue 16 on issue 13's simulation;
 * decision 012; two dots in the name: Convex never deploys this file): each
 * advisor's availability at world creation, and the booking operations —
 * book (from the offered slots, near "now + k hours", or deliberately off the
 * grid, in the past or over another booking, which must be refused), two
 * clients racing for one slot, cancel, reschedule, join, agree to go on,
 * time moved to a booking's moments, the reminder sweep, and an admin
 * suspending (which cancels the user's upcoming bookings) and reinstating a
 * client or advisor. Like every
 * operation they name their targets by position (a client, an advisor, a
 * booking as a fraction of a list), never by id, so histories still shrink.
 */
import { api, internal } from "./_generated/api";
import type { Id } from "./_generated/dataModel";
import type { Row } from "./simulation.invariants";
import type { World } from "./simulation.world";

type Side = "client" | "advisor";
type Kind = "chat" | "video";
type Minutes = 15 | 30 | 60;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const QUARTER = 15 * MINUTE;
const DURATIONS: Minutes[] = [15, 30, 60];
const OPEN = new Set(["confirmed", "in_progress"]);
const TAKING = new Set(["confirmed", "in_progress", "completed", "client_no_show"]);

/** Where a booking's start comes from: the offered slots, a quarter hour k hours ahead, or a start that must be refused. */
export type StartChoice = "slot" | "near" | "offgrid" | "past" | "overlap";
export type Moment = "free" | "reminder" | "join" | "start" | "noShow" | "end";

export type BookingOp =
  | { k: "book"; c: number; a: number; kind: Kind; minutes: Minutes; start: StartChoice; pick: number; hours: number }
  | { k: "race"; c: number; c2: number; a: number; kind: Kind; minutes: Minutes; pick: number; hours: number }
  | { k: "bookCancel" | "join" | "agree"; side: Side; pick: number; any: boolean }
  | { k: "reschedule"; side: Side; pick: number; slot: number; hours: number; offgrid: boolean }
  | { k: "toBooking"; pick: number; moment: Moment; offsetS: number }
  | { k: "reminders" }
  | { k: "suspend" | "reinstate"; side: Side; i: number };
export type BookingOpKind = BookingOp["k"];

/**
 * Each advisor's hours, saved as the availability row the page would write:
 * around the clock in four zones (one with weekday hours only, so some starts
 * fall outside), no notice, small buffers and a daily cap.
 */
const AVAILABILITY = [
  { timeZone: "UTC", days: [1, 2, 3, 4, 5, 6, 7], start: "00:00", end: "24:00", bufferMinutes: 10, dailyCap: 6 },
  { timeZone: "America/New_York", days: [1, 2, 3, 4, 5, 6, 7], start: "00:00", end: "24:00", bufferMinutes: 0, dailyCap: 8 },
  { timeZone: "Asia/Tokyo", days: [1, 2, 3, 4, 5], start: "07:00", end: "22:00", bufferMinutes: 15, dailyCap: 4 },
  { timeZone: "Europe/London", days: [1, 2, 3, 4, 5, 6, 7], start: "00:00", end: "24:00", bufferMinutes: 5, dailyCap: 6 },
];

export async function giveAdvisorsHours(world: World, now: number): Promise<void> {
  for (const [i, advisor] of world.advisors.entries()) {
    const a = AVAILABILITY[i % AVAILABILITY.length];
    const weekly = a.days.map((weekday) => ({ weekday, start: a.start, end: a.end }));
    const { timeZone, bufferMinutes, dailyCap } = a;
    await world.t.run((ctx) => ctx.db.insert("availability", { advisorId: advisor.profileId, timeZone, weekly, bufferMinutes, minNoticeHours: 0, dailyCap, updatedAt: now }));
  }
}

function bookings(world: World): Row[] {
  return [...world.shadow.table("bookings").values()];
}

function pickOf<T>(list: T[], fraction: number): T | undefined {
  return list.length === 0 ? undefined : list[Math.min(list.length - 1, Math.floor(fraction * list.length))];
}

/**
 * The booking an operation names: a fraction of the open bookings (or of all,
 * `any`), earliest start first; `now` prefers the ones open to join now.
 */
function target(world: World, pick: number, any: boolean, now = false): Row | undefined {
  const list = bookings(world).filter((b) => any || OPEN.has(b.status as string));
  const at = Date.now();
  const joinable = now && !any ? list.filter((b) => isJoinable(b, at)) : [];
  return pickOf((joinable.length > 0 ? joinable : list).sort((x, y) => (x.startsAt as number) - (y.startsAt as number)), pick);
}

function isJoinable(b: Row, now: number): boolean {
  return OPEN.has(b.status as string) && momentOf(b, "join") <= now && now < (b.endsAt as number);
}

function quarterAfter(at: number): number {
  return Math.ceil(at / QUARTER) * QUARTER;
}

/** How much the operations weigh now: more changes, joins and time to moments while bookings are open. */
export function bookingWeights(world: World): [BookingOpKind, number][] {
  // Only bookings not yet settled matter here: the settled ones are skipped first.
  const now = Date.now();
  const live = bookings(world).filter((b) => b.settledAt === undefined);
  const open = live.some((b) => OPEN.has(b.status as string));
  const running = live.some((b) => b.status === "in_progress");
  const bothIn = live.some((b) => b.status === "in_progress" && b.clientJoinedAt !== undefined && b.advisorJoinedAt !== undefined);
  const joinable = live.some((b) => isJoinable(b, now));
  const due = live.some((b) => b.nextReminderAt !== undefined && (b.nextReminderAt as number) <= now);
  const suspended = [...world.shadow.table("users").values()].some((u) => u.status === "suspended");
  return [
    ["book", 3],
    ["race", 0.4],
    ["bookCancel", open ? 1.2 : 0.2],
    ["reschedule", open ? 1 : 0.2],
    ["join", joinable ? 6 : open ? 1 : 0.3],
    ["agree", bothIn ? 5 : running ? 1.5 : 0.2],
    ["toBooking", open ? 2.5 : 0.2],
    ["reminders", due ? 1 : 0.2],
    ["suspend", suspended ? 0 : 0.15],
    ["reinstate", suspended ? 1.5 : 0.05],
  ];
}

export function generateBookingOp(world: World, k: BookingOpKind, rng: () => number): BookingOp {
  const int = (n: number) => Math.floor(rng() * n);
  const chance = (p: number) => rng() < p;
  const side: Side = chance(0.5) ? "client" : "advisor";
  const hours = chance(0.6) ? int(30) : int(72);
  switch (k) {
    case "book":
    case "race": {
      const c = int(world.clients.length);
      // Mostly something the client can pay for, so bookings happen; otherwise anything (a short balance is refused).
      const combos = world.advisors.flatMap((_, a) => (["chat", "video"] as const).flatMap((kind) => DURATIONS.map((minutes) => ({ a, kind, minutes }))));
      const affordable = combos.filter((x) => x.minutes * world.rateOf(x.a, x.kind) <= world.available(c));
      const choice = (chance(0.8) ? pickOf(affordable, rng()) : undefined) ?? pickOf(combos, rng())!;
      if (k === "race") return { k, c, c2: (c + 1 + int(world.clients.length - 1)) % world.clients.length, ...choice, pick: rng(), hours };
      const roll = rng();
      const start: StartChoice = roll < 0.55 ? "slot" : roll < 0.8 ? "near" : roll < 0.87 ? "offgrid" : roll < 0.93 ? "past" : "overlap";
      return { k, c, ...choice, start, pick: rng(), hours };
    }
    case "bookCancel":
    case "join":
    case "agree":
      return { k, side, pick: rng(), any: chance(0.1) };
    case "reschedule":
      return { k, side, pick: rng(), slot: rng(), hours, offgrid: chance(0.1) };
    case "toBooking": {
      const moments: Moment[] = ["free", "reminder", "join", "join", "start", "noShow", "noShow", "end", "end"];
      // Mostly the next booking's moments, so starts, no-shows and ends come in order.
      return { k, pick: rng() ** 3, moment: moments[int(moments.length)], offsetS: [-61, -1, 0, 0, 1, 30, 200][int(7)] };
    }
    case "reminders":
      return { k };
    case "suspend":
    case "reinstate": {
      // Mostly a side of an upcoming booking, so a suspension cancels something.
      const b = pickOf(bookings(world).filter((x) => x.status === "confirmed"), rng());
      const users = side === "client" ? world.clients : world.advisors;
      const suspended = users.findIndex((u) => world.shadow.table("users").get(u.userId)?.status === "suspended");
      if (k === "reinstate" && suspended >= 0 && chance(0.9)) return { k, side, i: suspended };
      const i = b === undefined || chance(0.2) ? int(users.length) : users.findIndex((u) => u.userId === (side === "client" ? b.clientId : b.advisorUserId));
      return { k, side, i };
    }
  }
}

/** Runs a booking operation; returns what happened in a word. */
export async function runBookingOp(world: World, op: BookingOp): Promise<string> {
  switch (op.k) {
    case "book":
      return await book(world, op);
    case "race":
      return await race(world, op);
    case "bookCancel":
    case "join":
    case "agree": {
      const b = target(world, op.pick, op.any, op.k !== "bookCancel");
      if (b === undefined) return "noop";
      const party = partyOf(world, b, op.side);
      const bookingId = b._id as Id<"bookings">;
      if (op.k === "bookCancel") {
        await party.as.mutation(api.bookings.cancel, { bookingId, reason: op.side === "advisor" ? "simulated conflict" : undefined });
      } else if (op.k === "agree") {
        await party.as.mutation(api.bookings.agreeToContinue, { bookingId });
      } else {
        await party.as.mutation(api.bookings.join, { bookingId });
        if (b.kind === "video") world.present.set(party.userId, true);
      }
      return "ok";
    }
    case "reschedule": {
      const b = target(world, op.pick, false);
      if (b === undefined) return "noop";
      const offered = await slots(world, b.advisorId as Id<"advisors">, b.durationMinutes as Minutes, op.hours);
      const startsAt = op.offgrid ? (b.startsAt as number) + 7 * MINUTE : pickOf(offered, op.slot);
      if (startsAt === undefined) return "noop";
      await partyOf(world, b, op.side).as.mutation(api.bookings.reschedule, { bookingId: b._id as Id<"bookings">, startsAt });
      if (op.offgrid) throw world.fail(`a reschedule to ${startsAt}, off the quarter hours, was accepted`);
      return "ok";
    }
    case "toBooking": {
      const b = target(world, op.pick, false);
      if (b === undefined) return "noop";
      const at = momentOf(b, op.moment) + op.offsetS * 1000;
      const ms = at - Date.now();
      if (ms <= 0) return "noop";
      // Short steps a second at a time (heartbeats keep a booked video present past its end). A long way is one
      // jump, but to a booking's end only up to 10 s before it: the calls then beat, as they would have all along.
      if (ms <= 20_000) await world.elapse(ms, true);
      else if (op.moment !== "end") await world.elapse(ms, false);
      else {
        await world.elapse(ms - 10_000, false);
        await world.beat();
        await world.elapse(10_000, true);
      }
      return "ok";
    }
    case "reminders":
      return await sweepReminders(world);
    case "suspend":
    case "reinstate": {
      const user = op.side === "client" ? world.clients[op.i] : world.advisors[op.i];
      await world.admin.as.mutation(api.userAdmin.setStatus, { userId: user.userId, status: op.k === "suspend" ? "suspended" : "active", reason: "simulated review" });
      return "ok";
    }
  }
}

function partyOf(world: World, b: Row, side: Side) {
  return side === "client" ? world.clients.find((p) => p.userId === b.clientId)! : world.advisors.find((p) => p.userId === b.advisorUserId)!;
}

function momentOf(b: Row, moment: Moment): number {
  const startsAt = b.startsAt as number;
  const policy = b.policy as { freeCancelHours: number; joinEarlyMinutes: number; noShowAfterMinutes: number };
  switch (moment) {
    case "free":
      return startsAt - policy.freeCancelHours * HOUR;
    case "reminder":
      return (b.nextReminderAt as number | undefined) ?? startsAt - HOUR;
    case "join":
      return startsAt - policy.joinEarlyMinutes * MINUTE;
    case "start":
      return startsAt;
    case "noShow":
      return startsAt + policy.noShowAfterMinutes * MINUTE;
    case "end":
      return b.endsAt as number;
  }
}

/** The open starts the slots query offers from `hours` ahead, over two days. */
async function slots(world: World, advisorId: Id<"advisors">, minutes: Minutes, hours: number): Promise<number[]> {
  const from = Date.now() + hours * HOUR;
  return await world.clients[0].as.query(api.availability.slots, { advisorId, durationMinutes: minutes, from, to: from + 2 * 24 * HOUR });
}

/** The start a booking operation asks for; null when its kind of start does not exist now. */
async function startFor(world: World, op: Extract<BookingOp, { k: "book" }>): Promise<number | null> {
  const advisorId = world.advisors[op.a].profileId;
  const near = quarterAfter(Date.now()) + op.hours * HOUR + Math.floor(op.pick * 4) * QUARTER;
  switch (op.start) {
    case "slot":
      return pickOf(await slots(world, advisorId, op.minutes, op.hours), op.pick) ?? null;
    case "near":
      return near;
    case "offgrid":
      return near + 7 * MINUTE;
    case "past":
      return quarterAfter(Date.now()) - QUARTER * (1 + Math.floor(op.pick * 8));
    case "overlap": {
      // Over another upcoming booking of the advisor: at its start, or a quarter hour in when it is longer.
      const taken = bookings(world).filter((b) => b.advisorId === advisorId && TAKING.has(b.status as string) && (b.startsAt as number) > Date.now());
      const b = pickOf(taken, op.pick);
      if (b === undefined) return null;
      return (b.startsAt as number) + ((b.durationMinutes as number) > 15 && op.hours % 2 === 1 ? QUARTER : 0);
    }
  }
}

async function book(world: World, op: Extract<BookingOp, { k: "book" }>): Promise<string> {
  const startsAt = await startFor(world, op);
  if (startsAt === null) return "noop";
  await world.clients[op.c].as.mutation(api.bookings.book, {
    advisorId: world.advisors[op.a].profileId,
    kind: op.kind,
    durationMinutes: op.minutes,
    startsAt,
    clientTimeZone: ["Europe/London", "America/Los_Angeles", "Asia/Kolkata"][op.c % 3],
  });
  if (op.start === "offgrid" || op.start === "past" || op.start === "overlap") throw world.fail(`a booking with a start ${op.start} (${startsAt}) was accepted`);
  return "ok";
}

/** Two clients book the same offered slot at once: at most one may get it. */
async function race(world: World, op: Extract<BookingOp, { k: "race" }>): Promise<string> {
  const advisorId = world.advisors[op.a].profileId;
  const startsAt = pickOf(await slots(world, advisorId, op.minutes, op.hours), op.pick);
  if (startsAt === undefined) return "noop";
  const args = { advisorId, kind: op.kind, durationMinutes: op.minutes, startsAt, clientTimeZone: "Europe/Paris" };
  const results = await Promise.allSettled([world.clients[op.c].as.mutation(api.bookings.book, args), world.clients[op.c2].as.mutation(api.bookings.book, args)]);
  const won = results.filter((r) => r.status === "fulfilled").length;
  if (won > 1) throw world.fail(`two clients both booked ${startsAt} with advisor ${op.a}`);
  for (const r of results) if (r.status === "rejected" && !world.isRefusal(r.reason)) throw r.reason;
  return `race:${won}`;
}

/** The cron's reminder sweep, run now. */
export async function sweepReminders(world: World): Promise<string> {
  const { sent } = await world.t.mutation(internal.bookings.sendReminders, {});
  await world.runDue();
  return `sent:${sent}`;
}

/** Whether a reminder is due now (the cron would run the sweep within a minute). */
export function remindersDue(world: World): boolean {
  const now = Date.now();
  return bookings(world).some((b) => b.nextReminderAt !== undefined && (b.nextReminderAt as number) <= now);
}
