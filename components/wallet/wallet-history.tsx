"use client";

import { usePaginatedQuery } from "convex/react";
import { useState } from "react";
import { api } from "@/convex/_generated/api";
import { Badge } from "@/components/ui/badge";
import { LoadMore } from "@/components/ui/load-more";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import { formatMoney, minorUnitDigits, toDecimalString } from "@/lib/money";
import { toCsv } from "@/lib/csv";
import type { HistoryType } from "@/convex/model/ledgerSchema";
import type { HistoryRow } from "@/convex/model/wallets";
import { HistoryFilters, type HistoryFilterState } from "./history-filters";
import { ACCOUNT_LABEL, HISTORY_TYPE_LABEL, dateTimeFormat, dayBoundary } from "./labels";

const PAGE_SIZE = 20;
const CLIENT_TYPES = ["add", "deduct", "refund", "adjustment"] as const;

export function historyCsv(rows: readonly HistoryRow[]): string {
  return toCsv(
    ["Date", "Type", "Description", "Account", "Amount", "Currency"],
    rows.map((row) => [
      new Date(row.at).toISOString(),
      HISTORY_TYPE_LABEL[row.type],
      row.description,
      ACCOUNT_LABEL[row.account],
      toDecimalString(row.amount, minorUnitDigits(row.currency)),
      row.currency,
    ]),
  );
}

function signedAmount(row: HistoryRow): string {
  return `${row.amount > 0 ? "+" : ""}${formatMoney(row.amount, row.currency)}`;
}

function download(filename: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: "text/csv;charset=utf-8" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
}

/** A history query with the wallet's arguments and rows: the client's own, or the advisor's (earningsDashboard.history). */
type HistoryQuery = typeof api.wallets.history | typeof api.earningsDashboard.history;

/**
 * The signed-in user's transactions, live, filtered by type and date, paged,
 * exportable as CSV. By default the client's wallet; the advisor's earnings
 * page passes its own query, types and file name.
 */
export function WalletHistory({
  query = api.wallets.history,
  types = CLIENT_TYPES,
  fileName = "wallet",
}: { query?: HistoryQuery; types?: readonly HistoryType[]; fileName?: string } = {}) {
  const [filters, setFilters] = useState<HistoryFilterState>({ type: "", from: "", to: "" });
  const args = {
    type: filters.type === "" ? undefined : filters.type,
    from: dayBoundary(filters.from, "start"),
    to: dayBoundary(filters.to, "end"),
  };
  const invalidRange = args.from !== undefined && args.to !== undefined && args.from > args.to;
  const { results, status, loadMore } = usePaginatedQuery(query, invalidRange ? "skip" : args, {
    initialNumItems: PAGE_SIZE,
  });

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div className="min-w-0 flex-1">
          <HistoryFilters value={filters} onChange={setFilters} types={types} />
        </div>
        <Button
          variant="secondary"
          disabled={results.length === 0}
          onClick={() => download(`expertline-${fileName}-${new Date().toISOString().slice(0, 10)}.csv`, historyCsv(results))}
        >
          Export CSV ({results.length})
        </Button>
      </div>
      {invalidRange && (
        <p role="alert" className="text-sm text-red-600">
          The start date must not be after the end date.
        </p>
      )}
      {!invalidRange && status === "LoadingFirstPage" && (
        <div className="flex justify-center rounded-xl border border-slate-200 bg-white px-4 py-6">
          <Spinner label="Loading transactions" />
        </div>
      )}
      {!invalidRange && status !== "LoadingFirstPage" && results.length === 0 && (
        <p className="rounded-xl border border-slate-200 bg-white px-4 py-8 text-center text-sm text-slate-500">
          No transactions{filters.type || filters.from || filters.to ? " match these filters" : " yet"}.
        </p>
      )}
      {!invalidRange && results.length > 0 && (
        <>
          {/* Phones: one card per transaction, the amount always in view. */}
          <ul className="divide-y divide-slate-100 rounded-xl border border-slate-200 bg-white sm:hidden" aria-label="Transactions" data-testid="wallet-history-cards">
            {results.map((row) => (
              <li key={row._id} className="flex items-start justify-between gap-3 px-4 py-3" data-testid="history-card">
                <div className="min-w-0">
                  <p className="truncate font-medium text-slate-900">{row.description}</p>
                  <p className="text-xs text-slate-500">
                    {dateTimeFormat.format(row.at)} · {ACCOUNT_LABEL[row.account]}
                  </p>
                  <Badge tone={row.amount >= 0 ? "green" : "neutral"} className="mt-1">
                    {HISTORY_TYPE_LABEL[row.type]}
                  </Badge>
                </div>
                <p className={`shrink-0 whitespace-nowrap text-right font-medium tabular-nums ${row.amount >= 0 ? "text-emerald-700" : "text-slate-900"}`}>
                  {signedAmount(row)}
                </p>
              </li>
            ))}
          </ul>
          <div className="hidden overflow-x-auto rounded-xl border border-slate-200 bg-white sm:block" role="region" aria-label="Transactions" tabIndex={0}>
            <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="wallet-history">
              <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
                <tr>
                  <th scope="col" className="px-4 py-3">Date</th>
                  <th scope="col" className="px-4 py-3">Type</th>
                  <th scope="col" className="px-4 py-3">Description</th>
                  <th scope="col" className="px-4 py-3">Account</th>
                  <th scope="col" className="px-4 py-3 text-right">Amount</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {results.map((row) => (
                  <tr key={row._id} data-testid="history-row">
                    <td className="whitespace-nowrap px-4 py-3 text-slate-600">{dateTimeFormat.format(row.at)}</td>
                    <td className="px-4 py-3">
                      <Badge tone={row.amount >= 0 ? "green" : "neutral"}>{HISTORY_TYPE_LABEL[row.type]}</Badge>
                    </td>
                    <td className="px-4 py-3 text-slate-900">{row.description}</td>
                    <td className="px-4 py-3 text-slate-600">{ACCOUNT_LABEL[row.account]}</td>
                    <td className={`whitespace-nowrap px-4 py-3 text-right font-medium tabular-nums ${row.amount >= 0 ? "text-emerald-700" : "text-slate-900"}`}>
                      {signedAmount(row)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      {!invalidRange && <LoadMore status={status} onLoadMore={() => loadMore(PAGE_SIZE)} label="Show more" />}
    </div>
  );
}
