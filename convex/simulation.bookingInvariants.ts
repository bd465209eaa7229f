/**
 * The simulation's booking invariants (issue 16 on issue 13's simulation;
 * decision 012), checked on the shadow of committed rows like the money ones
 * in simulation.invariants.ts and, like them, without the product's own
 * model code (two dots in the name: Convex never deploys this file):
 *
 * - no two slot-taking bookings of one advisor overlap, nor two open ones of one client;
 * - a confirmed or in-progress booking has an active hold of exactly its price;
 * - a settled booking charged what its outcome and its own facts say (completed: the
 *   price; client no-show: floor(price × snapshotted bps / 10,000); advisor no-show and
 *   advisor cancellation: 0; client cancellation: the price from the free-cancel limit
 *   on, 0 before it or for a suspension), split half-up by the snapshotted fee, with
 *   exactly one `booking:<id>:settle` transaction moving those amounts when it charged
 *   and none otherwise, its hold no longer active and its money fields never changed;
 * - a booked session starts billing only at `bookedUntil`;
 * - each reminder (24 h, 1 h) at most once per side for each start a booking has had (a
 *   moved booking is reminded of its new time), so at most two per start and side, each
 *   sent in the transaction that moves the booking's next reminder on.
 */
import type { DocumentChange } from "../tools/convex-local/src/engine-internals";
import type { Row, Shadow, ShadowTable } from "./simulation.invariants";

const HOUR = 3_600_000;
const MINUTE = 60_000;
/** Mirrors lib/bookings/rules.ts by meaning, written out here so the checker does not trust the product's lists. */
const SLOT_TAKING = new Set(["confirmed", "in_progress", "completed", "client_no_show"]);
const OPEN = new Set(["confirmed", "in_progress"]);
/** The reason a suspension writes on the bookings it cancels (free whatever the time). */
const SUSPENSION_REASON = "The account was suspended.";
const SETTLED_FIELDS = ["status", "chargedCents", "feeCents", "earningCents", "settlementTransactionId", "settledAt", "priceCents", "startsAt", "cancelledAt"];

/** round half up of charge × bps / 10,000, in BigInt. */
function feeOf(charge: number, bps: number): number {
  return Number((2n * BigInt(charge) * BigInt(bps) + 10_000n) / 20_000n);
}

/**
 * What one commit says about bookings: a settled booking's fields changed,
 * and its reminders, each matched to a booking whose next reminder moved on
 * in the same transaction (the reminder sent is the one it moved on from).
 * Counts, per booking, start, reminder and side, go into `shadow.remindersOf`.
 */
export function noteBookingCommit(shadow: Shadow, changes: readonly DocumentChange[]): void {
  const movedOn: { before: Row; after: Row }[] = [];
  const reminded: string[] = [];
  for (const change of changes) {
    const before = change.before as Row | null;
    const after = change.after as Row | null;
    if (change.table === "bookings" && before !== null) {
      const moved = after !== null && (before.nextReminderAt !== after.nextReminderAt || before.nextReminderIndex !== after.nextReminderIndex);
      if (after !== null && before.nextReminderAt !== undefined && moved) {
        movedOn.push({ before, after });
      }
      if (before.settledAt !== undefined) {
        for (const field of SETTLED_FIELDS) {
          if (JSON.stringify(before[field]) !== JSON.stringify(after?.[field])) {
            shadow.pending.push(`settled booking ${change.id} changed ${field} from ${JSON.stringify(before[field])} to ${JSON.stringify(after?.[field])}`);
          }
        }
      }
    }
    if (change.table === "notifications" && before === null && after?.kind === "booking_reminder") reminded.push(after.userId as string);
  }
  const used = new Set<string>();
  for (const userId of reminded) {
    const match = movedOn.find(
      ({ before: b }) => (b.clientId === userId && !used.has(`${b._id}:client`)) || (b.advisorUserId === userId && !used.has(`${b._id}:advisor`)),
    );
    if (match === undefined) {
      shadow.pending.push(`a booking reminder to ${userId} in a transaction that moved none of their bookings' next reminder on`);
      continue;
    }
    const b = match.before;
    const side = b.clientId === userId ? "client" : "advisor";
    used.add(`${b._id}:${side}`);
    const key = `${b._id}:${b.startsAt}:${b.nextReminderIndex}:${side}`;
    const sent = (shadow.remindersOf.get(key) ?? 0) + 1;
    shadow.remindersOf.set(key, sent);
    if (sent > 1) shadow.pending.push(`booking ${b._id} sent its ${side} reminder ${b.nextReminderIndex} for the start ${b.startsAt} ${sent} times`);
    if (b.nextReminderIndex !== 0 && b.nextReminderIndex !== 1) shadow.pending.push(`booking ${b._id} sent a reminder numbered ${b.nextReminderIndex}: there are two`);
  }
}

/** The booking problems of the shadow as it stands; `dirty` is what changed since the last check. */
export function checkBookings(shadow: Shadow, dirty: Map<ShadowTable, Set<string>>, full: boolean): string[] {
  const bookings = shadow.table("bookings");
  const problems: string[] = [];
  if (bookings.size > 0) {
    if (full || dirty.has("bookings")) problems.push(...overlaps(bookings));
    const holds = shadow.table("ledgerHolds");
    for (const b of bookings.values()) {
      if (!OPEN.has(b.status as string)) continue;
      const hold = b.holdId === undefined ? undefined : holds.get(b.holdId as string);
      if (hold === undefined || hold.status !== "active" || hold.amount !== b.priceCents) {
        problems.push(`open booking ${b._id} (${b.status}) holds ${hold === undefined ? "nothing" : `${hold.amount} (${hold.status})`} for a price of ${b.priceCents}`);
      }
    }
    const toCheck = new Set(full ? bookings.keys() : (dirty.get("bookings") ?? []));
    for (const id of dirty.get("ledgerTransactions") ?? []) {
      const bookingId = (shadow.table("ledgerTransactions").get(id)?.refs as Record<string, string> | undefined)?.bookingId;
      if (bookingId !== undefined) toCheck.add(bookingId);
    }
    for (const id of toCheck) {
      const b = bookings.get(id);
      if (b !== undefined && b.settledAt !== undefined) problems.push(...checkSettled(shadow, b));
      else if (b !== undefined && !OPEN.has(b.status as string)) problems.push(`booking ${id} is ${b.status} but was never settled`);
    }
  }
  const sessions = shadow.table("sessions");
  for (const id of full ? sessions.keys() : (dirty.get("sessions") ?? [])) {
    const s = sessions.get(id);
    if (s?.bookedUntil !== undefined) problems.push(...checkBookedSession(shadow, s));
  }
  return problems;
}

function overlaps(bookings: Map<string, Row>): string[] {
  const problems: string[] = [];
  const byAdvisor = new Map<string, Row[]>();
  const byClient = new Map<string, Row[]>();
  for (const b of bookings.values()) {
    if (SLOT_TAKING.has(b.status as string)) byAdvisor.set(b.advisorId as string, [...(byAdvisor.get(b.advisorId as string) ?? []), b]);
    if (OPEN.has(b.status as string)) byClient.set(b.clientId as string, [...(byClient.get(b.clientId as string) ?? []), b]);
  }
  for (const [who, list] of [...byAdvisor.entries(), ...byClient.entries()]) {
    list.sort((x, y) => (x.startsAt as number) - (y.startsAt as number));
    for (let i = 1; i < list.length; i++) {
      if ((list[i].startsAt as number) < (list[i - 1].endsAt as number)) problems.push(`bookings ${list[i - 1]._id} and ${list[i]._id} of ${who} overlap`);
    }
  }
  return problems;
}

/** What a settled booking must have charged, from its own facts; a string when the facts contradict its outcome. */
function chargeOf(b: Row): number | string {
  const price = b.priceCents as number;
  const policy = b.policy as { freeCancelHours: number; noShowAfterMinutes: number; clientNoShowChargeBps: number };
  const startsAt = b.startsAt as number;
  const clientJoined = b.clientJoinedAt !== undefined;
  const advisorJoined = b.advisorJoinedAt !== undefined;
  const cancelledAt = b.cancelledAt as number | undefined;
  const noShowAt = startsAt + policy.noShowAfterMinutes * MINUTE;
  switch (b.status) {
    case "completed":
      return clientJoined && advisorJoined ? price : "completed without both sides joining";
    case "client_no_show":
      if (!advisorJoined || clientJoined) {
        return `a client no-show with the client ${clientJoined ? "" : "not "}joined and the advisor ${advisorJoined ? "" : "not "}joined`;
      }
      if ((b.settledAt as number) < noShowAt) return `a client no-show settled at ${b.settledAt}, before the no-show moment ${noShowAt}`;
      return Number((BigInt(price) * BigInt(policy.clientNoShowChargeBps)) / 10_000n);
    case "advisor_no_show":
      if (advisorJoined) return "an advisor no-show with the advisor joined";
      if ((b.settledAt as number) < noShowAt) return `an advisor no-show settled at ${b.settledAt}, before the no-show moment ${noShowAt}`;
      return 0;
    case "cancelled_by_advisor":
    case "cancelled_by_client":
      // A side cancels only before the start; a suspension also cancels, until the end, a booking the suspended side has not joined.
      if (b.cancelReason === SUSPENSION_REASON) {
        const suspendedJoined = b.status === "cancelled_by_client" ? clientJoined : advisorJoined;
        if (cancelledAt === undefined || cancelledAt >= (b.endsAt as number) || suspendedJoined) return `cancelled by a suspension at ${cancelledAt}, after the end or after joining`;
      } else if (cancelledAt === undefined || cancelledAt >= startsAt) {
        return `cancelled at ${cancelledAt}, not before the start ${startsAt}`;
      }
      if (b.status === "cancelled_by_advisor" || b.cancelReason === SUSPENSION_REASON) return 0;
      return cancelledAt >= startsAt - policy.freeCancelHours * HOUR ? price : 0;
    default:
      return `settled but ${b.status}`;
  }
}

function checkSettled(shadow: Shadow, b: Row): string[] {
  const problems: string[] = [];
  const id = b._id;
  const expected = chargeOf(b);
  if (typeof expected === "string") return [`booking ${id}: ${expected}`];
  const charged = b.chargedCents as number;
  const fee = feeOf(expected, (b.policy as { feeBps: number }).feeBps);
  if (charged !== expected) problems.push(`booking ${id} (${b.status}) charged ${charged} but its facts say ${expected}`);
  if (charged > (b.priceCents as number)) problems.push(`booking ${id} charged ${charged}, more than its price ${b.priceCents}`);
  if (b.feeCents !== fee || b.earningCents !== expected - fee) {
    problems.push(`booking ${id} split ${b.feeCents} + ${b.earningCents} but ${expected} splits ${fee} + ${expected - fee}`);
  }
  const hold = b.holdId === undefined ? undefined : shadow.table("ledgerHolds").get(b.holdId as string);
  if (hold?.status === "active") problems.push(`settled booking ${id} still holds ${hold.amount}`);
  const tx = shadow.transactionByKey.get(`booking:${id}:settle`);
  if (expected === 0) {
    if (tx !== undefined || b.settlementTransactionId !== undefined) problems.push(`booking ${id} charged nothing but has a settlement`);
    return problems;
  }
  if (tx === undefined) return [...problems, `booking ${id} charged ${expected} without a settlement`];
  if (b.settlementTransactionId !== tx._id) problems.push(`booking ${id} points at settlement ${b.settlementTransactionId}, not ${tx._id}`);
  const entries = shadow.entriesOfTransaction.get(tx._id) ?? [];
  const sum = (pred: (e: Row) => boolean) => entries.filter(pred).reduce((total, e) => total + (e.amount as number), 0);
  const fromClient = -sum((e) => (e.accountKind === "client_cash" || e.accountKind === "client_promo") && e.ownerId === b.clientId);
  const toAdvisor = sum((e) => e.accountKind === "advisor_pending" && e.ownerId === b.advisorUserId);
  const toPlatform = sum((e) => e.accountKind === "platform_revenue");
  if (fromClient !== expected || toAdvisor !== expected - fee || toPlatform !== fee || tx.amount !== expected) {
    problems.push(
      `booking ${id} settlement moved ${fromClient} from the client, ${toAdvisor} to the advisor, ${toPlatform} to the platform; ` +
        `expected ${expected}, ${expected - fee}, ${fee}`,
    );
  }
  return problems;
}

/** The booked time is prepaid: nothing starts billing before `bookedUntil`, so no more is billed than the time after it. */
function checkBookedSession(shadow: Shadow, s: Row): string[] {
  const problems: string[] = [];
  const bookedUntil = s.bookedUntil as number;
  for (const e of shadow.eventsOfSession.get(s._id) ?? []) {
    const starts = e.kind === "billing_started" || e.kind === "resumed" || e.kind === "accepted";
    if (starts && (e.at as number) < bookedUntil) problems.push(`booked session ${s._id}: ${e.kind} at ${e.at}, before its booked time ends at ${bookedUntil}`);
  }
  if (s.status === "ended" && (s.billedMs as number) > Math.max(0, (s.endedAt as number) - bookedUntil)) {
    problems.push(`booked session ${s._id} billed ${s.billedMs} ms but ended ${(s.endedAt as number) - bookedUntil} ms after its booked time`);
  }
  return problems;
}
