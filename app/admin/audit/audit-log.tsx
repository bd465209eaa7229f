"use client";

import { useConvex, usePaginatedQuery } from "convex/react";
import { useState, type FormEvent } from "react";
import { api } from "@/convex/_generated/api";
import { CsvExportButton } from "@/components/admin/csv-export";
import { Button } from "@/components/ui/button";
import { Card, CardBody } from "@/components/ui/card";
import { DateRangeFields, type DateRange } from "@/components/ui/date-range-fields";
import { Field, Input } from "@/components/ui/field";
import { LoadMore } from "@/components/ui/load-more";
import { Skeleton } from "@/components/ui/spinner";
import { EXPORT_PAGE_SIZE } from "@/lib/csvExport";
import { AUDIT_HEADER, auditCells } from "../exports/exports";

/** Actions the backend writes today (the filter takes any exact action). */
const KNOWN_ACTIONS = [
  "user.setRole",
  "user.suspend",
  "user.reinstate",
  "application.approve",
  "application.reject",
  "specialty.add",
  "specialty.remove",
  "review.hide",
  "ledger.grantPromo",
  "session.end",
  "settings.update",
  "dispute.resolve",
  "withdrawal.approve",
  "withdrawal.reject",
  "withdrawal.markPaid",
  "balanceRefund.approve",
  "balanceRefund.reject",
  "balanceRefund.finish",
];

type Filters = { actorEmail: string; action: string; targetId: string; range: DateRange };
const EMPTY: Filters = { actorEmail: "", action: "", targetId: "", range: { from: "", to: "" } };

/** The filters as the query takes them: blanks left out, days as local midnight to the end of the day. */
function queryArgs(f: Filters) {
  const day = (text: string, end: boolean) => {
    if (text === "") return undefined;
    const [y, m, d] = text.split("-").map(Number);
    return end ? new Date(y, m - 1, d + 1).getTime() - 1 : new Date(y, m - 1, d).getTime();
  };
  return {
    ...(f.actorEmail.trim() && { actorEmail: f.actorEmail.trim() }),
    ...(f.action.trim() && { action: f.action.trim() }),
    ...(f.targetId.trim() && { targetId: f.targetId.trim() }),
    ...(f.range.from && { from: day(f.range.from, false) }),
    ...(f.range.to && { to: day(f.range.to, true) }),
  };
}

const when = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "medium" });

export function AuditLog() {
  const convex = useConvex();
  const [draft, setDraft] = useState<Filters>(EMPTY);
  const [applied, setApplied] = useState<Filters>(EMPTY);
  const args = queryArgs(applied);
  const { results, status, loadMore } = usePaginatedQuery(api.adminRecords.auditLog, args, { initialNumItems: 25 });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setApplied(draft);
  }

  return (
    <div className="space-y-6">
      <Card>
        <CardBody>
          <form onSubmit={onSubmit} className="grid gap-4 sm:grid-cols-2 lg:grid-cols-5" aria-label="Filter the audit log">
            <Field label="Actor email">
              {(p) => <Input {...p} type="email" value={draft.actorEmail} maxLength={200} onChange={(e) => setDraft({ ...draft, actorEmail: e.target.value })} />}
            </Field>
            <Field label="Action">
              {(p) => (
                <>
                  <Input {...p} list="audit-actions" value={draft.action} maxLength={200} onChange={(e) => setDraft({ ...draft, action: e.target.value })} />
                  <datalist id="audit-actions">
                    {KNOWN_ACTIONS.map((a) => (
                      <option key={a} value={a} />
                    ))}
                  </datalist>
                </>
              )}
            </Field>
            <Field label="Target id">
              {(p) => <Input {...p} value={draft.targetId} maxLength={200} onChange={(e) => setDraft({ ...draft, targetId: e.target.value })} />}
            </Field>
            <DateRangeFields value={draft.range} onChange={(range) => setDraft({ ...draft, range })} />
            <div className="flex flex-wrap items-center gap-3 sm:col-span-2 lg:col-span-5">
              <Button type="submit" size="sm">
                Apply filters
              </Button>
              <Button
                type="button"
                size="sm"
                variant="secondary"
                onClick={() => {
                  setDraft(EMPTY);
                  setApplied(EMPTY);
                }}
              >
                Clear
              </Button>
              <CsvExportButton
                label="Export these entries as CSV"
                fileName="audit-log"
                header={AUDIT_HEADER}
                fetchPage={(cursor) => convex.query(api.adminRecords.auditLog, { ...args, paginationOpts: { numItems: EXPORT_PAGE_SIZE, cursor } })}
                toCells={auditCells}
              />
            </div>
          </form>
        </CardBody>
      </Card>

      <Card>
        <CardBody className="space-y-4">
          {status === "LoadingFirstPage" ? (
            <Skeleton className="h-24" />
          ) : results.length === 0 ? (
            <p className="py-6 text-center text-sm text-slate-500">No audit entries match.</p>
          ) : (
            <div className="overflow-x-auto" role="region" aria-label="Audit entries" tabIndex={0}>
              <table className="min-w-full text-sm" data-testid="audit-log">
                <thead className="text-left text-xs uppercase tracking-wide text-slate-500">
                  <tr>
                    <th scope="col" className="py-2 pr-4">Time</th>
                    <th scope="col" className="py-2 pr-4">Actor</th>
                    <th scope="col" className="py-2 pr-4">Action</th>
                    <th scope="col" className="py-2 pr-4">Target</th>
                    <th scope="col" className="py-2 pr-4">Before → after</th>
                    <th scope="col" className="py-2">Reason</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100 align-top">
                  {results.map((e) => (
                    <tr key={e._id}>
                      <td className="whitespace-nowrap py-2 pr-4 text-slate-600">
                        <time dateTime={new Date(e.at).toISOString()}>{when.format(e.at)}</time>
                      </td>
                      <td className="py-2 pr-4 text-slate-900">{e.actorName}</td>
                      <td className="py-2 pr-4 font-mono text-xs text-slate-900">{e.action}</td>
                      <td className="py-2 pr-4 text-xs text-slate-700">
                        {e.targetType} <span className="break-all font-mono">{e.targetId}</span>
                      </td>
                      <td className="max-w-xs py-2 pr-4 font-mono text-xs text-slate-700">
                        <span className="break-all">{e.before || "—"}</span> → <span className="break-all">{e.after || "—"}</span>
                      </td>
                      <td className="max-w-xs break-words py-2 text-slate-700">{e.reason || "—"}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <LoadMore status={status} onLoadMore={() => loadMore(25)} label="Show older entries" />
        </CardBody>
      </Card>
    </div>
  );
}
