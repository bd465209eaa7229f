"use client";

import { usePaginatedQuery } from "convex/react";
import Link from "next/link";
import { useState } from "react";
import { api } from "@/convex/_generated/api";
import type { SessionRow } from "@/convex/model/sessionsViews";
import { dayBoundary } from "@/components/wallet/labels";
import { Badge } from "@/components/ui/badge";
import { ButtonLink } from "@/components/ui/button";
import { LoadMore } from "@/components/ui/load-more";
import { EmptyState } from "@/components/ui/empty-state";
import { DateRangeFields } from "@/components/ui/date-range-fields";
import { Field, Select } from "@/components/ui/field";
import { Icon } from "@/components/ui/icons";
import { Skeleton } from "@/components/ui/spinner";
import { formatMoney } from "@/lib/money";
import { KIND_LABEL, STATUS_LABEL, STATUS_TONE, dateTimeFormat, formatDuration, type SessionStatus } from "./format";

const PAGE_SIZE = 20;

type Filters = { status: SessionStatus | ""; kind: "chat" | "video" | ""; from: string; to: string };

function HistoryFilters({ value, onChange }: { value: Filters; onChange: (next: Filters) => void }) {
  return (
    <div className="grid grid-cols-2 gap-3 sm:grid-cols-4">
      <Field label="Status">
        {(p) => (
          <Select {...p} value={value.status} onChange={(e) => onChange({ ...value, status: e.target.value as Filters["status"] })}>
            <option value="">All statuses</option>
            {(Object.keys(STATUS_LABEL) as SessionStatus[]).map((s) => (
              <option key={s} value={s}>
                {STATUS_LABEL[s]}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <Field label="Kind">
        {(p) => (
          <Select {...p} value={value.kind} onChange={(e) => onChange({ ...value, kind: e.target.value as Filters["kind"] })}>
            <option value="">Chat and video</option>
            <option value="chat">Chat</option>
            <option value="video">Video</option>
          </Select>
        )}
      </Field>
      <DateRangeFields value={value} onChange={(range) => onChange({ ...value, ...range })} />
    </div>
  );
}

function RowLink({ row }: { row: SessionRow }) {
  if (row.status === "ended") {
    return (
      <Link href={`/session/${row._id}/receipt`} className="font-medium text-brand-700 hover:text-brand-900" aria-label={`Receipt for the ${row.kind} with ${row.counterpartName}`}>
        Receipt
      </Link>
    );
  }
  if (row.status === "active" || row.status === "paused" || row.status === "requested") {
    return (
      <Link href={`/session/${row._id}`} className="font-medium text-brand-700 hover:text-brand-900">
        Open
      </Link>
    );
  }
  return <span className="text-slate-400">—</span>;
}

/** The signed-in client's or advisor's sessions, newest first, filtered by status, kind and request date. */
export function SessionHistory({ side }: { side: "client" | "advisor" }) {
  const [filters, setFilters] = useState<Filters>({ status: "", kind: "", from: "", to: "" });
  const args = {
    status: filters.status === "" ? undefined : filters.status,
    kind: filters.kind === "" ? undefined : filters.kind,
    from: dayBoundary(filters.from, "start"),
    to: dayBoundary(filters.to, "end"),
  };
  const invalidRange = args.from !== undefined && args.to !== undefined && args.from > args.to;
  const { results, status, loadMore } = usePaginatedQuery(api.sessions.listMine, invalidRange ? "skip" : args, { initialNumItems: PAGE_SIZE });
  const filtered = filters.status !== "" || filters.kind !== "" || filters.from !== "" || filters.to !== "";
  const amountLabel = side === "client" ? "Charge" : "Earning";

  return (
    <div className="space-y-4">
      <HistoryFilters value={filters} onChange={setFilters} />
      {invalidRange && (
        <p role="alert" className="text-sm text-red-600">
          The start date must not be after the end date.
        </p>
      )}
      {status === "LoadingFirstPage" && !invalidRange && (
        <div className="space-y-2" aria-busy="true" aria-label="Loading sessions">
          <Skeleton className="h-12 w-full" />
          <Skeleton className="h-12 w-full" />
          <Skeleton className="h-12 w-full" />
        </div>
      )}
      {status !== "LoadingFirstPage" && results.length === 0 && (
        <EmptyState
          icon={<Icon name="chat" />}
          title={filtered ? "No sessions match these filters" : "No sessions yet"}
          action={!filtered && side === "client" ? <ButtonLink href="/advisors">Find an advisor</ButtonLink> : undefined}
        >
          {filtered
            ? "Try another status, kind or date range."
            : side === "client"
              ? "When you talk to an advisor, the session and its receipt appear here."
              : "Go online on your dashboard; the sessions you take appear here with their receipts."}
        </EmptyState>
      )}
      {results.length > 0 && (
        <ul className="divide-y divide-slate-100 rounded-xl border border-slate-200 bg-white sm:hidden" aria-label="Sessions">
          {results.map((row) => (
            <li key={row._id} className="flex items-start justify-between gap-3 px-4 py-3" data-testid="session-card">
              <div className="min-w-0">
                <p className="truncate font-medium text-slate-900">{row.counterpartName}</p>
                <p className="text-xs text-slate-500">
                  {KIND_LABEL[row.kind]} · {dateTimeFormat.format(row.requestedAt)}
                </p>
                <p className="mt-1 flex items-center gap-2 text-xs">
                  <Badge tone={STATUS_TONE[row.status]}>{STATUS_LABEL[row.status]}</Badge>
                  <span className="font-mono tabular-nums text-slate-600">{formatDuration(row.billedSeconds)}</span>
                </p>
              </div>
              <div className="shrink-0 text-right text-sm">
                <p className="font-medium tabular-nums text-slate-900">
                  {formatMoney(side === "client" ? row.chargeCents : (row.earningCents ?? 0), row.currency)}
                </p>
                <RowLink row={row} />
              </div>
            </li>
          ))}
        </ul>
      )}
      {results.length > 0 && (
        <div className="relative hidden overflow-x-auto rounded-xl border border-slate-200 bg-white sm:block" role="region" aria-label="Sessions table" tabIndex={0}>
          <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="session-history">
            <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
              <tr>
                <th scope="col" className="px-4 py-3">Date</th>
                <th scope="col" className="px-4 py-3">{side === "client" ? "Advisor" : "Client"}</th>
                <th scope="col" className="px-4 py-3">Kind</th>
                <th scope="col" className="px-4 py-3">Status</th>
                <th scope="col" className="px-4 py-3 text-right">Billed</th>
                <th scope="col" className="px-4 py-3 text-right">{amountLabel}</th>
                <th scope="col" className="px-4 py-3"><span className="sr-only">Links</span></th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {results.map((row) => (
                <tr key={row._id} data-testid="session-row">
                  <td className="whitespace-nowrap px-4 py-3 text-slate-600">{dateTimeFormat.format(row.requestedAt)}</td>
                  <td className="px-4 py-3 text-slate-900">{row.counterpartName}</td>
                  <td className="px-4 py-3 text-slate-700">{KIND_LABEL[row.kind]}</td>
                  <td className="px-4 py-3">
                    <Badge tone={STATUS_TONE[row.status]}>{STATUS_LABEL[row.status]}</Badge>
                  </td>
                  <td className="whitespace-nowrap px-4 py-3 text-right font-mono tabular-nums text-slate-700">{formatDuration(row.billedSeconds)}</td>
                  <td className="whitespace-nowrap px-4 py-3 text-right font-medium tabular-nums text-slate-900">
                    {formatMoney(side === "client" ? row.chargeCents : (row.earningCents ?? 0), row.currency)}
                  </td>
                  <td className="whitespace-nowrap px-4 py-3 text-right">
                    <RowLink row={row} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <LoadMore status={status} onLoadMore={() => loadMore(PAGE_SIZE)} label="Load more" />
    </div>
  );
}
