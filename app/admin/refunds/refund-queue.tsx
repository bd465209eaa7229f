"use client";

import { useMutation, usePaginatedQuery } from "convex/react";
import type { FunctionReturnType } from "convex/server";
import { useState } from "react";
import { api } from "@/convex/_generated/api";
import { DecisionActions } from "@/components/forms/decision-actions";
import { Badge } from "@/components/ui/badge";
import { StatusQueue } from "@/components/ui/status-queue";
import { BALANCE_REFUND_STATUS_LABEL, BALANCE_REFUND_STATUS_TONE, REFUND_PART_STATUS_LABEL, dateTimeFormat } from "@/components/wallet/labels";
import { BALANCE_REFUND_STATUSES, type BalanceRefundStatus } from "@/lib/payments/balanceRefunds";
import { formatMoney } from "@/lib/money";

const PAGE_SIZE = 20;

type Row = FunctionReturnType<typeof api.balanceRefunds.queue>["page"][number];

function Actions({ row }: { row: Row }) {
  const approve = useMutation(api.balanceRefunds.approve);
  const reject = useMutation(api.balanceRefunds.reject);
  const retry = useMutation(api.balanceRefunds.retry);
  if (row.status === "processing" && row.parts.some((p) => p.status === "pending")) {
    return <DecisionActions decisions={[{ label: "Run the refunds again", variant: "secondary", run: () => retry({ id: row._id }) }]} />;
  }
  if (row.status !== "requested") return null;
  return (
    <DecisionActions
      decisions={[{ label: "Approve and refund", run: () => approve({ id: row._id }) }]}
      refusal={{
        label: "Reject…",
        hint: "Shown to the client and recorded in the audit log.",
        submitLabel: "Reject and return to wallet",
        run: (reason) => reject({ id: row._id, reason }),
      }}
    />
  );
}

function RefundRow({ row }: { row: Row }) {
  return (
    <>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <p className="text-lg font-semibold tabular-nums text-slate-900">{formatMoney(row.amount, row.currency)}</p>
          <p className="truncate text-sm text-slate-700">
            {row.clientName} <span className="text-slate-500">· {row.clientEmail}</span>
          </p>
          <p className="text-xs text-slate-500">Asked {dateTimeFormat.format(row.requestedAt)}</p>
          {row.note && <p className="mt-1 text-xs text-slate-600">Client&apos;s note: {row.note}</p>}
          {row.rejectionReason && <p className="mt-1 text-xs text-slate-600">Reason: {row.rejectionReason}</p>}
        </div>
        <Badge tone={BALANCE_REFUND_STATUS_TONE[row.status]}>{BALANCE_REFUND_STATUS_LABEL[row.status]}</Badge>
      </div>
      {row.parts.length > 0 && (
        <ul className="mt-2 space-y-1 text-xs text-slate-600" aria-label="Payments refunded">
          {row.parts.map((part) => (
            <li key={part.checkoutId} className="wrap-anywhere">
              {formatMoney(part.amount, row.currency)} of the {part.provider === "stripe" ? "Stripe" : "test checkout"} payment of{" "}
              {dateTimeFormat.format(part.paidAt)}: {REFUND_PART_STATUS_LABEL[part.status]}
              {part.providerRefundId && ` (${part.providerRefundId})`}
              {part.failureMessage && ` — ${part.failureMessage}`}
            </li>
          ))}
        </ul>
      )}
      <div className="mt-3">
        <Actions row={row} />
      </div>
    </>
  );
}

/** Refund requests, live, filtered by status; open ones oldest first. */
export function RefundQueue() {
  const [status, setStatus] = useState<BalanceRefundStatus | "">("requested");
  const { results, status: loading, loadMore } = usePaginatedQuery(
    api.balanceRefunds.queue,
    { status: status === "" ? undefined : status },
    { initialNumItems: PAGE_SIZE },
  );
  return (
    <StatusQueue
      noun="refund requests"
      statuses={BALANCE_REFUND_STATUSES}
      labels={BALANCE_REFUND_STATUS_LABEL}
      status={status}
      onStatusChange={setStatus}
      results={results}
      loading={loading}
      onLoadMore={() => loadMore(PAGE_SIZE)}
      testId="refund-queue"
      renderRow={(row) => <RefundRow row={row} />}
    />
  );
}
