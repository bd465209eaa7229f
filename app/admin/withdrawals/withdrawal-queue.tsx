"use client";

import { useMutation, usePaginatedQuery } from "convex/react";
import type { FunctionReturnType } from "convex/server";
import { useState } from "react";
import { api } from "@/convex/_generated/api";
import { WITHDRAWAL_STATUSES, type WithdrawalStatus } from "@/lib/earnings/withdrawals";
import { DecisionActions } from "@/components/forms/decision-actions";
import { Badge } from "@/components/ui/badge";
import { StatusQueue } from "@/components/ui/status-queue";
import { WITHDRAWAL_STATUS_LABEL, WITHDRAWAL_STATUS_TONE, dateTimeFormat } from "@/components/wallet/labels";
import { formatMoney } from "@/lib/money";

const PAGE_SIZE = 20;

type Row = FunctionReturnType<typeof api.withdrawals.queue>["page"][number];

function Actions({ row }: { row: Row }) {
  const approve = useMutation(api.withdrawals.approve);
  const reject = useMutation(api.withdrawals.reject);
  const markPaid = useMutation(api.withdrawals.markPaid);
  if (row.status === "paid" || row.status === "rejected") return null;
  if (row.viaStripe && row.status === "approved" && row.transferFailure === undefined) {
    return <p className="text-sm text-slate-600">Paying through Stripe; it is marked paid when the transfer goes through.</p>;
  }
  return (
    <DecisionActions
      decisions={row.status === "requested" ? [{ label: "Approve", run: () => approve({ id: row._id }) }] : [{ label: "Mark paid", run: () => markPaid({ id: row._id }) }]}
      refusal={{
        label: "Reject…",
        hint: "Shown to the advisor and recorded in the audit log.",
        submitLabel: "Reject and return funds",
        run: (reason) => reject({ id: row._id, reason }),
      }}
    />
  );
}

/** Withdrawal requests, live, filtered by status; open ones oldest first. */
export function WithdrawalQueue() {
  const [status, setStatus] = useState<WithdrawalStatus | "">("requested");
  const { results, status: loading, loadMore } = usePaginatedQuery(api.withdrawals.queue, { status: status === "" ? undefined : status }, { initialNumItems: PAGE_SIZE });

  return (
    <StatusQueue
      noun="withdrawals"
      statuses={WITHDRAWAL_STATUSES}
      labels={WITHDRAWAL_STATUS_LABEL}
      status={status}
      onStatusChange={setStatus}
      results={results}
      loading={loading}
      onLoadMore={() => loadMore(PAGE_SIZE)}
      testId="withdrawal-queue"
      renderRow={(row) => (
        <>
          <div className="flex flex-wrap items-start justify-between gap-3">
            <div className="min-w-0">
              <p className="text-lg font-semibold tabular-nums text-slate-900">{formatMoney(row.amount, row.currency)}</p>
              <p className="truncate text-sm text-slate-700">
                {row.advisorName} <span className="text-slate-500">· {row.advisorEmail}</span>
              </p>
              <p className="text-xs text-slate-500">
                Requested {dateTimeFormat.format(row.requestedAt)} · {row.bank.holderName}, account ending {row.bank.last4}
              </p>
              {row.rejectionReason && <p className="mt-1 text-xs text-slate-600">Reason: {row.rejectionReason}</p>}
              {row.stripeTransferId && <p className="mt-1 text-xs text-slate-600">Stripe transfer {row.stripeTransferId}</p>}
              {row.transferFailure && (
                <p className="mt-1 text-xs text-red-700">Stripe refused the transfer: {row.transferFailure}. Pay it another way and mark it paid, or reject it.</p>
              )}
            </div>
            <Badge tone={WITHDRAWAL_STATUS_TONE[row.status]}>{WITHDRAWAL_STATUS_LABEL[row.status]}</Badge>
          </div>
          <div className="mt-3">
            <Actions row={row} />
          </div>
        </>
      )}
    />
  );
}
