"use client";

import type { ReactNode } from "react";
import { Field, Select } from "@/components/ui/field";
import { LoadMore } from "@/components/ui/load-more";
import { Spinner } from "@/components/ui/spinner";

type PaginationStatus = "LoadingFirstPage" | "CanLoadMore" | "LoadingMore" | "Exhausted";

/**
 * An admin queue of one kind of request: a status filter ("" for all), the
 * rows of a paginated query with loading and empty states, and "Show more".
 */
export function StatusQueue<S extends string, R extends { _id: string }>(props: {
  /** What the rows are, in the plural, e.g. "withdrawals". */
  noun: string;
  statuses: readonly S[];
  labels: Record<S, string>;
  status: S | "";
  onStatusChange: (status: S | "") => void;
  results: readonly R[];
  loading: PaginationStatus;
  onLoadMore: () => void;
  testId: string;
  renderRow: (row: R) => ReactNode;
}) {
  const { noun, statuses, labels, status, results, loading } = props;
  return (
    <div className="space-y-4">
      <div className="max-w-xs">
        <Field label="Status">
          {(p) => (
            <Select {...p} value={status} onChange={(e) => props.onStatusChange(e.target.value as S | "")}>
              <option value="">All</option>
              {statuses.map((s) => (
                <option key={s} value={s}>
                  {labels[s]}
                </option>
              ))}
            </Select>
          )}
        </Field>
      </div>
      {loading === "LoadingFirstPage" ? (
        <div className="flex justify-center rounded-xl border border-slate-200 bg-white px-4 py-6">
          <Spinner label={`Loading ${noun}`} />
        </div>
      ) : results.length === 0 ? (
        <p className="rounded-xl border border-slate-200 bg-white px-4 py-8 text-center text-sm text-slate-500">
          No {status === "" ? "" : `${labels[status].toLowerCase()} `}
          {noun}.
        </p>
      ) : (
        <ul className="space-y-3" aria-label={noun[0].toUpperCase() + noun.slice(1)} data-testid={props.testId}>
          {results.map((row) => (
            <li key={row._id} className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm" data-testid="queue-row">
              {props.renderRow(row)}
            </li>
          ))}
        </ul>
      )}
      <LoadMore status={loading} onLoadMore={props.onLoadMore} label="Show more" />
    </div>
  );
}
