"use client";

import { useMutation, usePaginatedQuery } from "convex/react";
import type { FunctionReturnType } from "convex/server";
import { useState } from "react";
import { api } from "@/convex/_generated/api";
import { DecisionActions } from "@/components/forms/decision-actions";
import { Badge } from "@/components/ui/badge";
import { StatusQueue } from "@/components/ui/status-queue";
import { dateTimeFormat } from "@/components/wallet/labels";
import { APPLICATION_STATUSES, type ApplicationStatus } from "@/lib/advisors/applications";
import { formatMoney } from "@/lib/money";

const PAGE_SIZE = 20;
const LABEL: Record<ApplicationStatus, string> = { pending: "Waiting", approved: "Approved", rejected: "Rejected" };
const TONE = { pending: "amber", approved: "green", rejected: "red" } as const;

type Row = FunctionReturnType<typeof api.applications.queue>["page"][number];

function Actions({ row }: { row: Row }) {
  const approve = useMutation(api.applications.approve);
  const reject = useMutation(api.applications.reject);
  if (row.status !== "pending") return null;
  return (
    <DecisionActions
      decisions={[{ label: "Approve", run: () => approve({ id: row._id }) }]}
      refusal={{
        label: "Reject…",
        hint: "The applicant sees this note; it is recorded in the audit log.",
        submitLabel: "Reject application",
        run: (note) => reject({ id: row._id, note }),
      }}
    />
  );
}

function ApplicationRow({ row }: { row: Row }) {
  return (
    <>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <p className="text-base font-semibold text-slate-900">{row.displayName}</p>
          <p className="truncate text-sm text-slate-600">{row.email}</p>
          <p className="mt-1 text-sm text-slate-800">{row.headline}</p>
        </div>
        <Badge tone={TONE[row.status]}>{LABEL[row.status]}</Badge>
      </div>
      <dl className="mt-3 grid gap-x-6 gap-y-1 text-xs text-slate-600 sm:grid-cols-2">
        <div>
          <dt className="inline font-medium">Specialties: </dt>
          <dd className="inline">{row.specialties.join(", ")}</dd>
        </div>
        <div>
          <dt className="inline font-medium">Languages: </dt>
          <dd className="inline">{row.languages.join(", ")}</dd>
        </div>
        <div>
          <dt className="inline font-medium">Experience: </dt>
          <dd className="inline">{row.yearsExperience} years</dd>
        </div>
        <div>
          <dt className="inline font-medium">Prices: </dt>
          <dd className="inline">
            chat {formatMoney(row.chatPricePerMinute)}/min, video {formatMoney(row.videoPricePerMinute)}/min
          </dd>
        </div>
        <div className="sm:col-span-2">
          <dt className="inline font-medium">Sent: </dt>
          <dd className="inline">{dateTimeFormat.format(row.submittedAt)}</dd>
        </div>
      </dl>
      {row.bio && <p className="mt-2 whitespace-pre-line text-sm text-slate-700">{row.bio}</p>}
      {row.sampleLinks.length > 0 && (
        <ul className="mt-2 space-y-0.5 text-sm" aria-label="Links to their work">
          {row.sampleLinks.map((link) => (
            <li key={link} className="wrap-anywhere">
              <a href={link} target="_blank" rel="noopener noreferrer nofollow" className="text-brand-700 underline">
                {link}
              </a>
            </li>
          ))}
        </ul>
      )}
      {row.note && <p className="mt-2 text-xs text-slate-600">Note: {row.note}</p>}
      <div className="mt-3">
        <Actions row={row} />
      </div>
    </>
  );
}

/** Applications, live, filtered by status; waiting ones oldest first. */
export function ApplicationQueue() {
  const [status, setStatus] = useState<ApplicationStatus | "">("pending");
  const { results, status: loading, loadMore } = usePaginatedQuery(api.applications.queue, { status: status === "" ? undefined : status }, { initialNumItems: PAGE_SIZE });
  return (
    <StatusQueue
      noun="applications"
      statuses={APPLICATION_STATUSES}
      labels={LABEL}
      status={status}
      onStatusChange={setStatus}
      results={results}
      loading={loading}
      onLoadMore={() => loadMore(PAGE_SIZE)}
      testId="application-queue"
      renderRow={(row) => <ApplicationRow row={row} />}
    />
  );
}
