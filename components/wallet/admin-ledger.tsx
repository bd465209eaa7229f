"use client";

import { useMutation, usePaginatedQuery, useQuery } from "convex/react";
import { useRef, useState, type FormEvent } from "react";
import { api } from "@/convex/_generated/api";
import type { Id } from "@/convex/_generated/dataModel";
import { FormAlert } from "@/components/forms/form-alert";
import { useSubmit } from "@/components/forms/use-submit";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Field, Input, Textarea } from "@/components/ui/field";
import { Skeleton, Spinner } from "@/components/ui/spinner";
import { TEXT_LIMITS, textLength, tooLongError } from "@/lib/forms/textLimits";
import { MAX_EMAIL_LENGTH } from "@/convex/validators";
import { formatMoney, parseMoney } from "@/lib/money";
import type { HistoryType } from "@/lib/ledger/historyTypes";
import { HistoryFilters, type HistoryFilterState } from "./history-filters";

type SearchFilters = { type?: HistoryType; from?: number; to?: number };
import { ACCOUNT_LABEL, HISTORY_TYPE_LABEL, dateTimeFormat, dayBoundary } from "./labels";

const PROBLEM_LABEL = {
  balance_mismatch: "Balance differs from the sum of its entries",
  held_mismatch: "Held amount differs from its active holds",
  negative_wallet: "Client wallet below zero",
  unbalanced_transaction: "Transaction entries do not sum to zero",
  currency_not_zero: "Balances of a currency do not sum to zero",
  duplicate_key: "Idempotency key posted more than once",
  checkout_extra_credit: "Credit that is not its checkout's one (credited twice?)",
  checkout_credit_mismatch: "Checkout's credit missing or for another amount",
  session_billed_seconds_mismatch: "Session's billed seconds differ from its timeline",
  session_charge_mismatch: "Session's charge differs from rate × billed seconds",
  session_split_mismatch: "Session's fee + earning differ from its charge",
  session_settlement_mismatch: "Session's settlement differs from its charge",
  booking_settlement_mismatch: "Booking's settlement differs from what it charged",
} as const;

/** An audit figure in its unit: money unless the problem counts transactions or seconds. */
function auditFigure(value: number, p: { currency: string; unit?: "count" | "seconds" }) {
  if (p.unit === "count") return String(value);
  if (p.unit === "seconds") return `${value} s`;
  return formatMoney(value, p.currency);
}

export function LedgerAudit() {
  const run = useQuery(api.ledger.latestAudit);
  const startAudit = useMutation(api.ledger.startAudit);
  const audit = useSubmit();
  if (run === undefined) return <Skeleton className="h-32 w-full" />;
  const running = run?.status === "running" || (run?.rollups !== null && run?.rollups !== undefined && !run.rollups.done);

  return (
    <div className="space-y-4" data-testid="ledger-audit">
      <div className="flex flex-wrap items-center gap-3">
        {run === null ? (
          <Badge>Not audited yet</Badge>
        ) : running ? (
          <Badge tone="amber">Audit running…</Badge>
        ) : run.ok ? (
          <Badge tone="green">All invariants hold</Badge>
        ) : (
          <Badge tone="red">{run.problemCount + (run.rollups?.differenceCount ?? 0)} problem(s)</Badge>
        )}
        {run !== null && (
          <span className="text-sm text-slate-600">
            {run.accounts} accounts · {run.transactions} transactions · {run.entries} entries · {run.checkouts} checkouts · {run.sessions} ended sessions
            {run.finishedAt !== undefined && ` · checked ${dateTimeFormat.format(run.finishedAt)}`}
          </span>
        )}
        <Button variant="secondary" size="sm" onClick={() => void audit.submit(() => startAudit({}))} disabled={running || audit.pending} pending={running || audit.pending}>
          Run audit
        </Button>
      </div>
      <FormAlert message={audit.formError} />
      {run !== null && run.status === "done" && (
        <ul className="space-y-1 text-sm text-slate-700">
          {run.totals.map(({ currency, total }) => (
            <li key={currency}>
              Sum of all {currency} entries: <span className="font-mono">{formatMoney(total, currency)}</span> {total === 0 ? "✓" : "✗"}
            </li>
          ))}
        </ul>
      )}
      {run !== null && run.rollups !== null && run.rollups.done && (
        <p className="text-sm text-slate-700" data-testid="rollup-check">
          Dashboard rollups recomputed from the ledger: {run.rollups.hoursCompared} hour(s) compared,{" "}
          {run.rollups.differenceCount === 0 ? "all equal ✓" : `${run.rollups.differenceCount} difference(s) ✗`}
        </p>
      )}
      {run !== null && run.rollups !== null && run.rollups.differences.length > 0 && (
        <div className="overflow-x-auto" role="region" aria-label="Rollup differences" tabIndex={0}>
          <table className="min-w-full text-sm">
            <thead className="text-left text-xs uppercase text-slate-500">
              <tr>
                <th className="py-2 pr-4">Hour (UTC)</th>
                <th className="py-2 pr-4">Figure</th>
                <th className="py-2 pr-4 text-right">From the ledger</th>
                <th className="py-2 text-right">In the rollup</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {run.rollups.differences.map((d, i) => (
                <tr key={i}>
                  <td className="py-2 pr-4 font-mono text-xs">
                    {new Date(d.hour).toISOString().slice(0, 13)}h {d.currency}
                  </td>
                  <td className="py-2 pr-4 text-red-700">{d.field}</td>
                  <td className="py-2 pr-4 text-right tabular-nums">{d.expected}</td>
                  <td className="py-2 text-right tabular-nums">{d.actual}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {run !== null && run.problems.length > 0 && (
        <div className="overflow-x-auto" role="region" aria-label="Audit problems" tabIndex={0}>
          <table className="min-w-full text-sm">
            <thead className="text-left text-xs uppercase text-slate-500">
              <tr>
                <th className="py-2 pr-4">Problem</th>
                <th className="py-2 pr-4">Record</th>
                <th className="py-2 pr-4 text-right">Expected</th>
                <th className="py-2 text-right">Actual</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {run.problems.map((p, i) => (
                <tr key={i}>
                  <td className="py-2 pr-4 text-red-700">{PROBLEM_LABEL[p.problem]}</td>
                  <td className="py-2 pr-4 font-mono text-xs">
                    {p.kind ? `${ACCOUNT_LABEL[p.kind]} ` : ""}
                    {p.key ?? p.sessionId ?? p.checkoutId ?? p.accountId ?? p.transactionId ?? p.ownerId ?? p.currency}
                  </td>
                  <td className="py-2 pr-4 text-right tabular-nums">{auditFigure(p.expected, p)}</td>
                  <td className="py-2 text-right tabular-nums">{auditFigure(p.actual, p)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {run.problemCount > run.problems.length && (
            <p className="mt-2 text-xs text-slate-500">Showing the first {run.problems.length} of {run.problemCount}.</p>
          )}
        </div>
      )}
    </div>
  );
}

/** A light check that the text looks like an email address before asking the backend (which answers found or not). */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function PromoGrant({ onUser }: { onUser?: (userId: Id<"users"> | null) => void }) {
  const [email, setEmail] = useState("");
  const [lookup, setLookup] = useState<string | null>(null);
  const found = useQuery(api.ledger.findUser, lookup === null ? "skip" : { email: lookup });
  const grantPromo = useMutation(api.ledger.grantPromo);
  const lookupRef = useRef<HTMLFormElement>(null);
  const grantRef = useRef<HTMLFormElement>(null);
  const search = useSubmit(["email"], lookupRef);
  const grant = useSubmit(["amount", "reason"], grantRef);
  const [reason, setReason] = useState("");
  const [done, setDone] = useState<string>();
  const [requestId, setRequestId] = useState(() => crypto.randomUUID());

  function onLookup(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const text = email.trim();
    setDone(undefined);
    grant.clear();
    const problem =
      text === ""
        ? "Enter the client's email address."
        : text.length > MAX_EMAIL_LENGTH
          ? `An email address has at most ${MAX_EMAIL_LENGTH} characters.`
          : EMAIL.test(text)
            ? null
            : "Enter an email address like name@example.com.";
    if (!search.check({ email: problem })) {
      setLookup(null);
      return;
    }
    setLookup(text);
  }

  async function onGrant(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!found) return;
    const formElement = event.currentTarget;
    const amount = parseMoney(String(new FormData(formElement).get("amount")), found.wallet.currency);
    setDone(undefined);
    const valid = grant.check({
      amount: !amount.ok ? amount.error : amount.amount <= 0 ? "Enter a positive amount." : null,
      reason: reason.trim() === "" ? "Give a reason for the promo credit; it goes to the audit log." : tooLongError("The reason", reason, TEXT_LIMITS.reason),
    });
    if (!valid || !amount.ok) return;
    const outcome = await grant.submit(() => grantPromo({ userId: found._id, amount: amount.amount, reason: reason.trim(), requestId }));
    if (!outcome.ok) return;
    setDone(`Granted ${formatMoney(amount.amount, found.wallet.currency)} of promo credit to ${found.name}.`);
    setRequestId(crypto.randomUUID());
    setReason("");
    formElement.reset();
  }

  return (
    <div className="space-y-4">
      <form ref={lookupRef} className="flex flex-wrap items-start gap-2" onSubmit={onLookup} noValidate aria-label="Find a client">
        <div className="min-w-0 flex-1 sm:min-w-64">
          <Field label="Client email" error={search.fieldErrors.email}>
            {(p) => <Input {...p} type="email" autoComplete="off" value={email} onChange={(e) => setEmail(e.target.value)} />}
          </Field>
        </div>
        <Button type="submit" variant="secondary" className="mt-6">
          Find
        </Button>
      </form>
      {lookup !== null && found === undefined && <Spinner label="Looking up the email" />}
      {lookup !== null && found === null && (
        <p role="status" className="text-sm text-slate-600">
          No user has the email {lookup}.
        </p>
      )}
      {found && (
        <div className="space-y-4">
          <div className="rounded-lg bg-slate-50 p-3 text-sm" data-testid="promo-user">
            <p className="font-medium text-slate-900">
              {found.name} <span className="break-all text-slate-500">({found.email}, {found.role})</span>
            </p>
            <p className="text-slate-600">
              Available {formatMoney(found.wallet.available, found.wallet.currency)} · promo {formatMoney(found.wallet.promo, found.wallet.currency)} · held{" "}
              {formatMoney(found.wallet.held, found.wallet.currency)}
            </p>
            {onUser && (
              <button type="button" className="mt-1 text-brand-700 underline" onClick={() => onUser(found._id)}>
                Show this user&apos;s transactions
              </button>
            )}
          </div>
          {found.role === "client" ? (
            <form ref={grantRef} onSubmit={onGrant} className="space-y-3" noValidate aria-label="Grant promo credit">
              <Field label={`Promo credit (${found.wallet.currency})`} error={grant.fieldErrors.amount}>
                {(p) => <Input {...p} name="amount" inputMode="decimal" placeholder="10.00" />}
              </Field>
              <Field label="Reason" hint="Recorded in the audit log." error={grant.fieldErrors.reason} counter={{ length: textLength(reason), max: TEXT_LIMITS.reason }}>
                {(p) => <Textarea {...p} name="reason" rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />}
              </Field>
              <FormAlert message={grant.formError} />
              <Button type="submit" pending={grant.pending}>
                Grant promo credit
              </Button>
            </form>
          ) : (
            <p className="text-sm text-slate-600">Promo credit can only be granted to clients.</p>
          )}
        </div>
      )}
      {done && (
        <p role="status" className="rounded-lg bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
          {done}
        </p>
      )}
    </div>
  );
}

const PAGE_SIZE = 25;

function AllTransactions({ filters }: { filters: SearchFilters }) {
  const { results, status, loadMore } = usePaginatedQuery(api.ledger.searchTransactions, filters, { initialNumItems: PAGE_SIZE });
  return (
    <ResultTable
      status={status}
      onMore={() => loadMore(PAGE_SIZE)}
      rows={results.map((r) => ({ id: r._id, at: r.at, type: r.type, description: r.description, detail: r.key, amount: formatMoney(r.amount, r.currency) }))}
    />
  );
}

function UserTransactions({ userId, filters }: { userId: Id<"users">; filters: SearchFilters }) {
  const { results, status, loadMore } = usePaginatedQuery(api.ledger.userHistory, { userId, ...filters }, { initialNumItems: PAGE_SIZE });
  return (
    <ResultTable
      status={status}
      onMore={() => loadMore(PAGE_SIZE)}
      rows={results.map((r) => ({
        id: r._id,
        at: r.at,
        type: r.type,
        description: r.description,
        detail: ACCOUNT_LABEL[r.account],
        amount: `${r.amount > 0 ? "+" : ""}${formatMoney(r.amount, r.currency)}`,
      }))}
    />
  );
}

function ResultTable({
  rows,
  status,
  onMore,
}: {
  rows: { id: string; at: number; type: keyof typeof HISTORY_TYPE_LABEL; description: string; detail: string; amount: string }[];
  status: string;
  onMore: () => void;
}) {
  return (
    <div className="space-y-3">
      <div className="overflow-x-auto" role="region" aria-label="Transactions found" tabIndex={0}>
        <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="ledger-search-results">
          <thead className="text-left text-xs uppercase text-slate-500">
            <tr>
              <th className="py-2 pr-4">Date</th>
              <th className="py-2 pr-4">Type</th>
              <th className="py-2 pr-4">Description</th>
              <th className="py-2 pr-4">Key / account</th>
              <th className="py-2 text-right">Amount</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((r) => (
              <tr key={r.id}>
                <td className="whitespace-nowrap py-2 pr-4 text-slate-600">{dateTimeFormat.format(r.at)}</td>
                <td className="py-2 pr-4">{HISTORY_TYPE_LABEL[r.type]}</td>
                <td className="py-2 pr-4">{r.description}</td>
                <td className="py-2 pr-4 font-mono text-xs text-slate-600">{r.detail}</td>
                <td className="py-2 text-right tabular-nums">{r.amount}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {status === "LoadingFirstPage" && <Spinner />}
      {status !== "LoadingFirstPage" && rows.length === 0 && <p className="text-sm text-slate-500">No transactions match.</p>}
      {(status === "CanLoadMore" || status === "LoadingMore") && (
        <Button variant="secondary" size="sm" onClick={onMore} pending={status === "LoadingMore"}>
          Show more
        </Button>
      )}
    </div>
  );
}

export function AdminLedger() {
  const [filters, setFilters] = useState<HistoryFilterState>({ type: "", from: "", to: "" });
  const [userId, setUserId] = useState<Id<"users"> | null>(null);
  const args: SearchFilters = {
    type: filters.type === "" ? undefined : filters.type,
    from: dayBoundary(filters.from, "start"),
    to: dayBoundary(filters.to, "end"),
  };
  const invalidRange = args.from !== undefined && args.to !== undefined && args.from > args.to;
  return (
    <div className="space-y-6">
      <Card>
        <CardHeader title="Ledger audit" description="Checks that every currency sums to zero, every balance equals its entries, every transaction balances and no wallet is below zero." />
        <CardBody>
          <LedgerAudit />
        </CardBody>
      </Card>
      <Card>
        <CardHeader title="Promo credit" description="Find a client and grant credit they can spend on sessions (never withdrawable)." />
        <CardBody>
          <PromoGrant onUser={setUserId} />
        </CardBody>
      </Card>
      <Card>
        <CardHeader
          title={userId === null ? "Transactions" : "Transactions of one user"}
          action={
            userId !== null && (
              <Button variant="ghost" size="sm" onClick={() => setUserId(null)}>
                Show all users
              </Button>
            )
          }
        />
        <CardBody className="space-y-4">
          <HistoryFilters value={filters} onChange={setFilters} />
          {invalidRange ? (
            <p role="alert" className="text-sm text-red-600">
              The start date must not be after the end date.
            </p>
          ) : userId === null ? (
            <AllTransactions filters={args} />
          ) : (
            <UserTransactions userId={userId} filters={args} />
          )}
        </CardBody>
      </Card>
    </div>
  );
}
