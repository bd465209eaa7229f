/**
 * The simulation's money invariants (issue 13, item 1), checked after every
 * step on a shadow of the committed documents, built from the engine's commit
 * feed: raw table rows, not the product's own audit or model code (two dots
 * in the name: Convex never deploys this file). `checkFromScratch` reads the
 * tables through the database instead and compares them with the shadow.
 *
 * Checked:
 * - every transaction's entries sum to zero; keys are unique; entries are immutable;
 * - every currency's balances sum to zero; each balance equals its entries and
 *   each `held` its active holds; no client wallet account below zero, nor
 *   cash + promo − held;
 * - every ended session: billed time folded from its own events equals the
 *   session's `billedMs`, is never more than its wall time since the accept,
 *   the charge is floor(rate × billed seconds / 60), fee = half-up
 *   charge × feeBps / 10,000, fee + earning = charge; exactly one settlement
 *   transaction (none for no charge) moving exactly those amounts; its hold
 *   no longer active; its money fields never change again;
 * - a client has at most one live session, an advisor at most one busy one (a booked
 *   room counts for a side once that side joined);
 * - a paid checkout is credited exactly once, for its amount, to its user's
 *   cash; an unpaid one never;
 * - the earnings rollups (per advisor: total earned, sessions, billed seconds,
 *   paid out; per advisor and UTC day) equal what the ledger and the ended
 *   sessions say (a booking's earning on the day it settled);
 * - bookings: simulation.bookingInvariants.ts.
 */
import type { Commit, RawDocument } from "../tools/convex-local/src/engine-internals";
import { checkBookings, noteBookingCommit } from "./simulation.bookingInvariants";

export type Row = RawDocument & Record<string, unknown>;

const TABLES = [
  "sessions",
  "sessionEvents",
  "ledgerAccounts",
  "ledgerTransactions",
  "ledgerEntries",
  "ledgerHolds",
  "topUpCheckouts",
  "withdrawals",
  "balanceRefunds",
  "disputes",
  "advisorEarningDays",
  "advisorEarningTotals",
  "billingClock",
  "advisors",
  "users",
  "bookings",
] as const;
export type ShadowTable = (typeof TABLES)[number];

const SESSION_MONEY_FIELDS = ["billedMs", "billedSeconds", "chargeCents", "feeCents", "earningCents", "settlementTransactionId", "endedAt", "rateCentsPerMinute"];

type Tally = { earnedCents: number; sessions: number; billedSeconds: number; paidOutCents: number };
const emptyTally = (): Tally => ({ earnedCents: 0, sessions: 0, billedSeconds: 0, paidOutCents: 0 });

function tally(map: Map<string, Tally>, key: string): Tally {
  let row = map.get(key);
  if (row === undefined) map.set(key, (row = emptyTally()));
  return row;
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}

function utcDay(at: number): string {
  return new Date(at).toISOString().slice(0, 10);
}

/** floor(rate × seconds / 60), in BigInt so no float is involved. */
export function expectedCharge(rate: number, seconds: number): number {
  return Number((BigInt(rate) * BigInt(seconds)) / 60n);
}

/** round half up of charge × bps / 10,000, in BigInt. */
export function expectedFee(charge: number, bps: number): number {
  return Number((2n * BigInt(charge) * BigInt(bps) + 10_000n) / 20_000n);
}

/** Billed milliseconds folded from a session's events in the order they were written. */
export function foldEvents(kind: string, events: Row[]): { billedMs: number; problems: string[] } {
  let billedMs = 0;
  let since: number | null = null;
  let lastStop = -Infinity;
  const problems: string[] = [];
  for (const e of events) {
    const at = e.at as number;
    const start = e.kind === "billing_started" || e.kind === "resumed" || (e.kind === "accepted" && kind === "chat");
    const stop = e.kind === "paused" || e.kind === "ended";
    if (start) {
      if (since !== null) problems.push(`${e.kind} at ${at} while billing already ran since ${since}`);
      if (at < lastStop) problems.push(`${e.kind} at ${at} before the previous stop at ${lastStop}`);
      since = at;
    } else if (stop && since !== null) {
      if (at < since) problems.push(`${e.kind} at ${at} before billing started at ${since}`);
      billedMs += at - since;
      since = null;
      lastStop = at;
    }
  }
  if (since !== null) problems.push(`billing still running after the last event`);
  return { billedMs, problems };
}

export class Shadow {
  readonly tables = new Map<ShadowTable, Map<string, Row>>(TABLES.map((t) => [t, new Map()]));
  /** Entries' sums per account and per transaction, kept as entries are inserted. */
  readonly entrySum = new Map<string, number>();
  readonly transactionSum = new Map<string, number>();
  readonly entriesOfTransaction = new Map<string, Row[]>();
  readonly eventsOfSession = new Map<string, Row[]>();
  readonly keys = new Set<string>();
  readonly transactionByKey = new Map<string, Row>();
  /** Booking reminders sent so far per booking, start, reminder and side (simulation.bookingInvariants.ts). */
  readonly remindersOf = new Map<string, number>();
  readonly settlementsOf = new Map<string, Row[]>();
  readonly creditsOf = new Map<string, Row[]>();
  /** What the earnings rollups must say, kept from the ledger's entries and the sessions' ends. */
  readonly expectedTotals = new Map<string, Tally>();
  readonly expectedDays = new Map<string, Tally>();
  /** Ids touched by the commits since the last check, per table. */
  dirty = new Map<ShadowTable, Set<string>>();
  /** Problems seen while applying commits (immutability, duplicate keys). */
  pending: string[] = [];

  table(name: ShadowTable): Map<string, Row> {
    return this.tables.get(name)!;
  }

  apply(commit: Commit): void {
    // Transactions, then sessions and bookings, then the rest: an entry always finds its transaction and its session's end or booking's settlement.
    const rank = (table: string) => (table === "ledgerTransactions" ? 0 : table === "sessions" || table === "bookings" ? 1 : 2);
    const changes = [...commit.changes].sort((a, b) => rank(a.table) - rank(b.table));
    noteBookingCommit(this, changes);
    for (const change of changes) {
      const name = change.table as ShadowTable;
      const rows = this.tables.get(name);
      if (rows === undefined) continue;
      const before = change.before as Row | null;
      const after = change.after as Row | null;
      if (name === "ledgerEntries" || name === "sessionEvents") {
        if (before !== null) this.pending.push(`${name} ${change.id} was ${after === null ? "deleted" : "changed"}: they are immutable`);
        if (after !== null && before === null) this.inserted(name, after);
      }
      if (name === "ledgerTransactions") {
        if (before !== null) this.pending.push(`ledgerTransactions ${change.id} was ${after === null ? "deleted" : "changed"}: they are immutable`);
        else if (after !== null) {
          const key = after.key as string;
          if (this.keys.has(key)) this.pending.push(`a second transaction with key ${key}`);
          this.keys.add(key);
          this.transactionByKey.set(key, after);
          const refs = after.refs as Record<string, string> | undefined;
          if (after.type === "deduct" && refs?.sessionId !== undefined) push(this.settlementsOf, refs.sessionId, after);
          if (after.type === "add" && refs?.checkoutId !== undefined) push(this.creditsOf, refs.checkoutId, after);
        }
      }
      if (name === "sessions" && after !== null && after.status === "ended" && before?.status !== "ended" && after.acceptedAt !== undefined) {
        const key = `${after.advisorUserId}:${after.currency}`;
        for (const row of [tally(this.expectedTotals, key), tally(this.expectedDays, `${key}:${utcDay(after.endedAt as number)}`)]) {
          row.sessions += (after.billedSeconds as number) > 0 ? 1 : 0;
          row.billedSeconds += after.billedSeconds as number;
        }
      }
      if (name === "sessions" && before !== null && before.status === "ended") {
        for (const field of SESSION_MONEY_FIELDS) {
          if (JSON.stringify(before[field]) !== JSON.stringify(after?.[field])) {
            this.pending.push(`ended session ${change.id} changed ${field} from ${JSON.stringify(before[field])} to ${JSON.stringify(after?.[field])}`);
          }
        }
      }
      if (after === null) rows.delete(change.id);
      else rows.set(change.id, after);
      let dirty = this.dirty.get(name);
      if (dirty === undefined) this.dirty.set(name, (dirty = new Set()));
      dirty.add(change.id);
    }
  }

  private inserted(name: "ledgerEntries" | "sessionEvents", row: Row): void {
    if (name === "sessionEvents") {
      const list = this.eventsOfSession.get(row.sessionId as string) ?? [];
      list.push(row);
      this.eventsOfSession.set(row.sessionId as string, list);
      return;
    }
    const amount = row.amount as number;
    if (!Number.isSafeInteger(amount)) this.pending.push(`entry ${row._id} amount ${amount} is not whole cents`);
    const account = row.accountId as string;
    const transaction = row.transactionId as string;
    this.entrySum.set(account, (this.entrySum.get(account) ?? 0) + amount);
    this.transactionSum.set(transaction, (this.transactionSum.get(transaction) ?? 0) + amount);
    push(this.entriesOfTransaction, transaction, row);
    const tx = this.table("ledgerTransactions").get(transaction);
    if (tx === undefined) {
      this.pending.push(`entry ${row._id} has no transaction`);
      return;
    }
    const key = `${row.ownerId}:${row.currency}`;
    if ((tx.type === "deduct" || tx.type === "refund") && (row.accountKind === "advisor_pending" || row.accountKind === "advisor_available")) {
      tally(this.expectedTotals, key).earnedCents += amount;
      const refs = tx.refs as Record<string, string> | undefined;
      // A session's earning counts on the day it ended, a booking's on the day it settled.
      const session = refs?.sessionId === undefined ? undefined : this.table("sessions").get(refs.sessionId);
      const booking = refs?.bookingId === undefined ? undefined : this.table("bookings").get(refs.bookingId);
      const day = session?.endedAt ?? booking?.settledAt;
      if (day === undefined) this.pending.push(`earning entry ${row._id} of ${tx.key} belongs to no ended session or settled booking`);
      else tally(this.expectedDays, `${key}:${utcDay(day as number)}`).earnedCents += amount;
    }
    // A payout leaves an advisor's withdrawing account for the platform's payouts account.
    if (row.accountKind === "advisor_withdrawing" && amount < 0 && String(tx.key).endsWith(":paid")) {
      tally(this.expectedTotals, key).paidOutCents -= amount;
    }
  }
}

/** The problems of the shadow as it stands; `full` checks every session, not only the ones changed since the last check. */
export function checkInvariants(shadow: Shadow, full = false): string[] {
  const problems = [...shadow.pending];
  shadow.pending = [];
  const dirty = shadow.dirty;
  shadow.dirty = new Map();
  const accounts = shadow.table("ledgerAccounts");
  const transactions = shadow.table("ledgerTransactions");
  const sessions = shadow.table("sessions");

  // Transactions balance.
  for (const id of dirty.get("ledgerTransactions") ?? []) {
    const sum = shadow.transactionSum.get(id) ?? 0;
    if (sum !== 0) problems.push(`transaction ${id} (${transactions.get(id)?.key}) sums to ${sum}`);
    if ((shadow.entriesOfTransaction.get(id)?.length ?? 0) < 2) problems.push(`transaction ${id} has fewer than 2 entries`);
  }

  // Balances: per currency zero, each equals its entries, held equals active holds, wallets not negative.
  const heldOf = new Map<string, number>();
  for (const hold of shadow.table("ledgerHolds").values()) {
    if (hold.status === "active") heldOf.set(hold.accountId as string, (heldOf.get(hold.accountId as string) ?? 0) + (hold.amount as number));
    if ((hold.amount as number) < 0) problems.push(`hold ${hold._id} amount ${hold.amount} is negative`);
  }
  const totals = new Map<string, number>();
  const wallet = new Map<string, { cash: number; promo: number; held: number }>();
  for (const a of accounts.values()) {
    const balance = a.balance as number;
    totals.set(a.currency as string, (totals.get(a.currency as string) ?? 0) + balance);
    if (balance !== (shadow.entrySum.get(a._id) ?? 0)) problems.push(`account ${a._id} (${a.kind}) balance ${balance} but its entries sum to ${shadow.entrySum.get(a._id) ?? 0}`);
    if ((a.held as number) !== (heldOf.get(a._id) ?? 0)) problems.push(`account ${a._id} (${a.kind}) held ${a.held} but its active holds sum to ${heldOf.get(a._id) ?? 0}`);
    if (a.kind === "client_cash" || a.kind === "client_promo") {
      if (balance < 0) problems.push(`client wallet account ${a._id} (${a.kind}) is ${balance}`);
      const w = wallet.get(`${a.ownerId}:${a.currency}`) ?? { cash: 0, promo: 0, held: 0 };
      if (a.kind === "client_cash") {
        w.cash = balance;
        w.held = a.held as number;
      } else w.promo = balance;
      wallet.set(`${a.ownerId}:${a.currency}`, w);
    }
  }
  for (const [currency, total] of totals) if (total !== 0) problems.push(`${currency} balances sum to ${total}`);
  for (const [owner, w] of wallet) if (w.cash + w.promo - w.held < 0) problems.push(`wallet ${owner} available ${w.cash + w.promo - w.held}`);

  // Sessions.
  const settlements = shadow.settlementsOf;
  const toCheck = full ? [...sessions.keys()] : [...(dirty.get("sessions") ?? [])];
  for (const id of dirty.get("ledgerTransactions") ?? []) {
    const sessionId = (transactions.get(id)?.refs as Record<string, string> | undefined)?.sessionId;
    if (sessionId !== undefined) toCheck.push(sessionId);
  }
  const liveOfClient = new Map<string, number>();
  const busyOfAdvisor = new Map<string, number>();
  // A booked session's room opens at the first side's join: the other side is in it only once they joined too.
  const joined = (s: Row, field: "clientJoinedAt" | "advisorJoinedAt") => s.bookingId === undefined || shadow.table("bookings").get(s.bookingId as string)?.[field] !== undefined;
  for (const s of sessions.values()) {
    const live = s.status === "requested" || s.status === "active" || s.status === "paused";
    if (live && joined(s, "clientJoinedAt")) liveOfClient.set(s.clientId as string, (liveOfClient.get(s.clientId as string) ?? 0) + 1);
    if ((s.status === "active" || s.status === "paused") && joined(s, "advisorJoinedAt")) busyOfAdvisor.set(s.advisorUserId as string, (busyOfAdvisor.get(s.advisorUserId as string) ?? 0) + 1);
  }
  for (const [client, n] of liveOfClient) if (n > 1) problems.push(`client ${client} has ${n} live sessions`);
  for (const [advisor, n] of busyOfAdvisor) if (n > 1) problems.push(`advisor ${advisor} is in ${n} sessions`);
  for (const id of new Set(toCheck)) {
    const s = sessions.get(id);
    if (s === undefined) continue;
    const mine = settlements.get(id) ?? [];
    if (s.status !== "ended") {
      if (mine.length > 0) problems.push(`session ${id} is ${s.status} but has a settlement`);
      const hold = s.holdId === undefined ? undefined : shadow.table("ledgerHolds").get(s.holdId as string);
      if (hold !== undefined && hold.status === "active" && hold.amount !== s.chargeCents) {
        problems.push(`live session ${id} holds ${hold.amount} for a running charge of ${s.chargeCents}`);
      }
      continue;
    }
    problems.push(...checkEndedSession(shadow, s, mine));
  }

  // Checkouts: one credit per paid checkout.
  const checkouts = new Set([...(dirty.get("topUpCheckouts") ?? [])]);
  for (const id of dirty.get("ledgerTransactions") ?? []) {
    const checkoutId = (transactions.get(id)?.refs as Record<string, string> | undefined)?.checkoutId;
    if (checkoutId !== undefined) checkouts.add(checkoutId);
  }
  for (const id of full ? shadow.table("topUpCheckouts").keys() : checkouts) {
    const c = shadow.table("topUpCheckouts").get(id);
    if (c === undefined) {
      problems.push(`a top-up credit names checkout ${id}, which does not exist`);
      continue;
    }
    const credits = shadow.creditsOf.get(c._id) ?? [];
    const refunded = (c.refundedAmount as number | undefined) ?? 0;
    if (refunded < 0 || refunded > (c.amount as number)) problems.push(`checkout ${c._id} of ${c.amount} has ${refunded} refunded`);
    if (c.status !== "paid") {
      if (credits.length > 0) problems.push(`checkout ${c._id} is ${c.status} but was credited ${credits.length} times`);
      continue;
    }
    if (credits.length !== 1) {
      problems.push(`paid checkout ${c._id} credited ${credits.length} times`);
      continue;
    }
    const entries = shadow.entriesOfTransaction.get(credits[0]._id) ?? [];
    const toCash = entries.filter((e) => e.accountKind === "client_cash" && e.ownerId === c.userId).reduce((sum, e) => sum + (e.amount as number), 0);
    if (toCash !== c.amount || credits[0].amount !== c.amount) problems.push(`checkout ${c._id} of ${c.amount} credited ${toCash} to its client's cash`);
  }

  problems.push(...checkBookings(shadow, dirty, full));
  problems.push(...checkRollups(shadow));
  return problems;
}

function checkEndedSession(shadow: Shadow, s: Row, mine: Row[]): string[] {
  const problems: string[] = [];
  const id = s._id;
  const events = shadow.eventsOfSession.get(id) ?? [];
  const ends = events.filter((e) => e.kind === "ended");
  if (s.acceptedAt === undefined) {
    if (s.billedMs !== 0 || s.chargeCents !== 0) problems.push(`session ${id} ended without an accept but billed ${s.billedMs} ms`);
  }
  if (ends.length !== 1) problems.push(`session ${id} has ${ends.length} "ended" events`);
  const folded = foldEvents(s.kind as string, events);
  problems.push(...folded.problems.map((p) => `session ${id}: ${p}`));
  if (folded.billedMs !== s.billedMs) problems.push(`session ${id} billedMs ${s.billedMs} but its events add up to ${folded.billedMs}`);
  const billedSeconds = Math.floor(folded.billedMs / 1000);
  if (s.billedSeconds !== billedSeconds) problems.push(`session ${id} billed ${s.billedSeconds} s but its events say ${billedSeconds} s`);
  const wall = (s.endedAt as number) - ((s.acceptedAt as number | undefined) ?? (s.endedAt as number));
  if (folded.billedMs > wall) problems.push(`session ${id} billed ${folded.billedMs} ms in ${wall} ms of wall time`);
  const charge = expectedCharge(s.rateCentsPerMinute as number, billedSeconds);
  const fee = expectedFee(charge, (s.feeBps as number | undefined) ?? 1000);
  if (s.chargeCents !== charge) problems.push(`session ${id} charged ${s.chargeCents} but ${billedSeconds} s at ${s.rateCentsPerMinute}/min is ${charge}`);
  if (s.feeCents !== fee || s.earningCents !== charge - fee) problems.push(`session ${id} split ${s.feeCents} + ${s.earningCents} but ${charge} splits ${fee} + ${charge - fee}`);
  if ((s.feeCents as number) + (s.earningCents as number) !== s.chargeCents) problems.push(`session ${id}: fee + earning ≠ charge`);
  const hold = s.holdId === undefined ? undefined : shadow.table("ledgerHolds").get(s.holdId as string);
  if (hold !== undefined && hold.status === "active") problems.push(`ended session ${id} still holds ${hold.amount}`);
  if (charge === 0) {
    if (mine.length > 0) problems.push(`session ${id} charged nothing but has ${mine.length} settlements`);
    return problems;
  }
  if (mine.length !== 1) {
    problems.push(`session ${id} has ${mine.length} settlements`);
    return problems;
  }
  const tx = mine[0];
  if (s.settlementTransactionId !== tx._id) problems.push(`session ${id} points at settlement ${s.settlementTransactionId}, not ${tx._id}`);
  const entries = shadow.entriesOfTransaction.get(tx._id) ?? [];
  const sum = (pred: (e: Row) => boolean) => entries.filter(pred).reduce((total, e) => total + (e.amount as number), 0);
  const fromClient = -sum((e) => (e.accountKind === "client_cash" || e.accountKind === "client_promo") && e.ownerId === s.clientId);
  const toAdvisor = sum((e) => e.accountKind === "advisor_pending" && e.ownerId === s.advisorUserId);
  const toPlatform = sum((e) => e.accountKind === "platform_revenue");
  if (fromClient !== charge || toAdvisor !== charge - fee || toPlatform !== fee) {
    problems.push(`session ${id} settlement moved ${fromClient} from the client, ${toAdvisor} to the advisor, ${toPlatform} to the platform; expected ${charge}, ${charge - fee}, ${fee}`);
  }
  return problems;
}

/** The stored earnings rollups against what the ledger's entries and the ended sessions say. */
function checkRollups(shadow: Shadow): string[] {
  const problems: string[] = [];
  const compare = (what: string, expected: Map<string, Tally>, stored: Map<string, Tally>) => {
    for (const key of new Set([...expected.keys(), ...stored.keys()])) {
      const want = expected.get(key) ?? emptyTally();
      const got = stored.get(key) ?? emptyTally();
      if (want.earnedCents !== got.earnedCents || want.sessions !== got.sessions || want.billedSeconds !== got.billedSeconds || want.paidOutCents !== got.paidOutCents) {
        problems.push(`${what} ${key} is ${JSON.stringify(got)}; the ledger and sessions say ${JSON.stringify(want)}`);
      }
    }
  };
  const totals = new Map<string, Tally>();
  for (const row of shadow.table("advisorEarningTotals").values()) {
    totals.set(`${row.advisorUserId}:${row.currency}`, {
      earnedCents: row.earnedCents as number,
      sessions: row.sessions as number,
      billedSeconds: row.billedSeconds as number,
      paidOutCents: row.paidOutCents as number,
    });
  }
  const days = new Map<string, Tally>();
  for (const row of shadow.table("advisorEarningDays").values()) {
    days.set(`${row.advisorUserId}:${row.currency}:${row.day}`, {
      earnedCents: row.earnedCents as number,
      sessions: row.sessions as number,
      billedSeconds: row.billedSeconds as number,
      paidOutCents: 0,
    });
  }
  compare("earning totals", shadow.expectedTotals, totals);
  compare("earning day", shadow.expectedDays, days);
  return problems;
}
