/**
 * The platform's business figures (SPEC §8, ADR 013), as plain data: which
 * part of a ledger transaction counts as GMV, fees, refunds or satisfaction
 * credit; the UTC hour a figure is kept under; and the platform time zone's
 * days built from those hours. The same classification serves the rollup
 * written with each posting and the repair that recomputes it from the
 * ledger, so the two can only differ if a rollup write went missing.
 */

export const HOUR_MS = 60 * 60 * 1000;
export const DAY_MS = 24 * HOUR_MS;

/** The money figures one transaction adds to its hour, in minor units. */
export type MoneyFigures = {
  /** Session charges: what clients paid (GMV). */
  chargeCents: number;
  /** The platform fees in those charges. */
  feeCents: number;
  /** Refunded to clients by dispute refunds. */
  refundCents: number;
  /** The part of those refunds taken from platform fees. */
  feeRefundedCents: number;
  /** Satisfaction credit given as promo (funded by the platform). */
  satisfactionCreditCents: number;
};

/** The session figures one ended session adds to its hour. */
export type SessionFigures = { sessionsEnded: number; billedSessions: number; billedSeconds: number };

export type HourFigures = MoneyFigures & SessionFigures;
export const FIGURE_FIELDS = [
  "chargeCents",
  "feeCents",
  "refundCents",
  "feeRefundedCents",
  "satisfactionCreditCents",
  "sessionsEnded",
  "billedSessions",
  "billedSeconds",
] as const satisfies readonly (keyof HourFigures)[];

export const ZERO_FIGURES: HourFigures = {
  chargeCents: 0,
  feeCents: 0,
  refundCents: 0,
  feeRefundedCents: 0,
  satisfactionCreditCents: 0,
  sessionsEnded: 0,
  billedSessions: 0,
  billedSeconds: 0,
};

export type ClassifiedEntry = { accountKind: string; amount: number };
export type ClassifiedTransaction = { key: string; type: string; entries: readonly ClassifiedEntry[] };

const CLIENT_KINDS = new Set(["client_cash", "client_promo"]);
const sumOf = (entries: readonly ClassifiedEntry[], keep: (e: ClassifiedEntry) => boolean) =>
  entries.filter(keep).reduce((sum, e) => sum + e.amount, 0);

/**
 * What a transaction adds to the money figures, or null when it adds nothing
 * (top-ups, releases, payouts, promo grants...).
 *
 * - a charge ("deduct", e.g. `session:<id>:settle`): GMV is what left the
 *   client's wallet, the fee what reached platform revenue;
 * - a dispute refund ("refund" keyed `dispute:<id>:refund`): what went back
 *   to the client, and what of it came out of platform revenue;
 * - a satisfaction credit (`session:<id>:satisfaction`): the promo credited.
 */
export function moneyFiguresOf(tx: ClassifiedTransaction): MoneyFigures | null {
  const client = (e: ClassifiedEntry) => CLIENT_KINDS.has(e.accountKind);
  const platform = (e: ClassifiedEntry) => e.accountKind === "platform_revenue";
  const figures = { ...ZERO_FIGURES };
  if (tx.type === "deduct") {
    figures.chargeCents = -sumOf(tx.entries, client);
    figures.feeCents = sumOf(tx.entries, platform);
  } else if (tx.type === "refund" && /^dispute:.+:refund$/.test(tx.key)) {
    figures.refundCents = sumOf(tx.entries, client);
    figures.feeRefundedCents = -sumOf(tx.entries, platform);
  } else if (/^session:.+:satisfaction$/.test(tx.key)) {
    figures.satisfactionCreditCents = sumOf(tx.entries, client);
  } else {
    return null;
  }
  const { chargeCents, feeCents, refundCents, feeRefundedCents, satisfactionCreditCents } = figures;
  return { chargeCents, feeCents, refundCents, feeRefundedCents, satisfactionCreditCents };
}

/** The figures one ended session adds: counted once, its billed seconds summed for the average. */
export function sessionFiguresOf(billedSeconds: number): SessionFigures {
  return { sessionsEnded: 1, billedSessions: billedSeconds > 0 ? 1 : 0, billedSeconds };
}

/** The start of the UTC hour a time falls in: the key of the rollup row it adds to. */
export function hourOf(at: number): number {
  return Math.floor(at / HOUR_MS) * HOUR_MS;
}

export function addFigures(a: HourFigures, b: Partial<HourFigures>): HourFigures {
  const out = { ...a };
  for (const field of FIGURE_FIELDS) out[field] += b[field] ?? 0;
  return out;
}

export function isZero(figures: Partial<HourFigures>): boolean {
  return FIGURE_FIELDS.every((field) => (figures[field] ?? 0) === 0);
}

// ---------------------------------------------------------------- the platform time zone

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** "YYYY-MM-DD" of a time in an IANA time zone. */
export function dayIn(timeZone: string, at: number): string {
  let format = dayFormats.get(timeZone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
    dayFormats.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(at).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/** The calendar day `days` before a "YYYY-MM-DD" day. */
export function dayMinus(day: string, days: number): string {
  const [y, m, d] = day.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d) - days * DAY_MS).toISOString().slice(0, 10);
}

/** Minutes a zone is ahead of UTC at a time. */
function offsetMinutes(timeZone: string, at: number): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric" })
      .formatToParts(at)
      .map((p) => [p.type, Number(p.value)]),
  );
  const local = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute);
  return Math.round((local - Math.floor(at / 60_000) * 60_000) / 60_000);
}

/**
 * Why a time zone cannot be the platform's, or null. The figures are kept per
 * UTC hour (so a change of zone regroups all history at once), which needs a
 * zone whose offset from UTC is a whole number of hours all year.
 */
export function timeZoneProblem(timeZone: string, now: number): string | null {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone });
  } catch {
    return `"${timeZone}" is not an IANA time zone name (such as Europe/London or America/New_York).`;
  }
  const year = new Date(now).getUTCFullYear();
  for (const month of [0, 3, 6, 9]) {
    if (offsetMinutes(timeZone, Date.UTC(year, month, 15)) % 60 !== 0) {
      return `${timeZone} is offset from UTC by part of an hour; daily figures are kept per UTC hour, so choose a zone offset by whole hours.`;
    }
  }
  return null;
}

// ---------------------------------------------------------------- the dashboard's windows

export type HourRow = HourFigures & { hour: number };
export type DayFigures = HourFigures & { day: string };
export type WindowName = "today" | "7d" | "30d";
export const WINDOW_DAYS: Record<WindowName, number> = { today: 1, "7d": 7, "30d": 30 };
/** Days the chart and the widest window cover. */
export const CHART_DAYS = 30;
/** How far back the dashboard reads hour rows: 30 zone days reach at most this far (offsets up to 14 h). */
export const READ_BACK_MS = (CHART_DAYS + 1) * DAY_MS;

/** Groups hour rows into the zone's last CHART_DAYS days (oldest first, every day present) and sums the windows. */
export function dashboardWindows(rows: readonly HourRow[], timeZone: string, now: number) {
  const today = dayIn(timeZone, now);
  const days = new Map<string, DayFigures>();
  for (let back = CHART_DAYS - 1; back >= 0; back--) {
    const day = dayMinus(today, back);
    days.set(day, { day, ...ZERO_FIGURES });
  }
  for (const row of rows) {
    const day = days.get(dayIn(timeZone, row.hour));
    if (day !== undefined) Object.assign(day, addFigures(day, row));
  }
  const list = [...days.values()];
  const windows = Object.fromEntries(
    (Object.keys(WINDOW_DAYS) as WindowName[]).map((name) => {
      const first = dayMinus(today, WINDOW_DAYS[name] - 1);
      const sum = list.filter((d) => d.day >= first).reduce<HourFigures>((acc, d) => addFigures(acc, d), { ...ZERO_FIGURES });
      return [name, sum];
    }),
  ) as Record<WindowName, HourFigures>;
  return { today, days: list, windows };
}
