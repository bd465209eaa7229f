"use client";

import { useMutation, usePaginatedQuery } from "convex/react";
import { useRef, useState, type FormEvent } from "react";
import { api } from "@/convex/_generated/api";
import type { Id } from "@/convex/_generated/dataModel";
import { WITHDRAWAL_STATUSES, type WithdrawalStatus } from "@/lib/earnings/withdrawals";
import { FormAlert } from "@/components/forms/form-alert";
import { useSubmit } from "@/components/forms/use-submit";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Field, Select, Textarea } from "@/components/ui/field";
import { LoadMore } from "@/components/ui/load-more";
import { Spinner } from "@/components/ui/spinner";
import { WITHDRAWAL_STATUS_LABEL, WITHDRAWAL_STATUS_TONE, dateTimeFormat } from "@/components/wallet/labels";
import { TEXT_LIMITS, textLength, tooLongError } from "@/lib/forms/textLimits";
import { formatMoney } from "@/lib/money";

const PAGE_SIZE = 20;

type Row = {
  _id: Id<"withdrawals">;
  amount: number;
  currency: string;
  status: WithdrawalStatus;
  bank: { holderName: string; last4: string };
  requestedAt: number;
  rejectionReason?: string;
  advisorName: string;
  advisorEmail: string;
};

function Actions({ row }: { row: Row }) {
  const approve = useMutation(api.withdrawals.approve);
  const reject = useMutation(api.withdrawals.reject);
  const markPaid = useMutation(api.withdrawals.markPaid);
  const formRef = useRef<HTMLFormElement>(null);
  const action = useSubmit(["reason"], formRef);
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState("");

  async function onReject(event: FormEvent) {
    event.preventDefault();
    const ok = action.check({
      reason: reason.trim() === "" ? "Give a reason; the advisor sees it and it goes to the audit log." : tooLongError("The reason", reason, TEXT_LIMITS.reason),
    });
    if (!ok) return;
    const outcome = await action.submit(() => reject({ id: row._id, reason: reason.trim() }));
    if (outcome.ok) setRejecting(false);
  }

  if (row.status === "paid" || row.status === "rejected") return null;
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap gap-2">
        {row.status === "requested" && (
          <Button size="sm" pending={action.pending} onClick={() => void action.submit(() => approve({ id: row._id }))}>
            Approve
          </Button>
        )}
        {row.status === "approved" && (
          <Button size="sm" pending={action.pending} onClick={() => void action.submit(() => markPaid({ id: row._id }))}>
            Mark paid
          </Button>
        )}
        {!rejecting && (
          <Button size="sm" variant="secondary" onClick={() => setRejecting(true)}>
            Reject…
          </Button>
        )}
      </div>
      {rejecting && (
        <form ref={formRef} onSubmit={onReject} noValidate className="space-y-2">
          <Field label="Reason" hint="Shown to the advisor and recorded in the audit log." error={action.fieldErrors.reason} counter={{ length: textLength(reason), max: TEXT_LIMITS.reason }}>
            {(p) => <Textarea {...p} name="reason" rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />}
          </Field>
          <div className="flex gap-2">
            <Button size="sm" type="submit" variant="danger" pending={action.pending}>
              Reject and return funds
            </Button>
            <Button size="sm" variant="secondary" onClick={() => setRejecting(false)}>
              Cancel
            </Button>
          </div>
        </form>
      )}
      <FormAlert message={action.formError} />
    </div>
  );
}

/** Withdrawal requests, live, filtered by status; open ones oldest first. */
export function WithdrawalQueue() {
  const [status, setStatus] = useState<WithdrawalStatus | "">("requested");
  const { results, status: loading, loadMore } = usePaginatedQuery(api.withdrawals.queue, { status: status === "" ? undefined : status }, { initialNumItems: PAGE_SIZE });

  return (
    <div className="space-y-4">
      <div className="max-w-xs">
        <Field label="Status">
          {(p) => (
            <Select {...p} value={status} onChange={(e) => setStatus(e.target.value as WithdrawalStatus | "")}>
              <option value="">All</option>
              {WITHDRAWAL_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {WITHDRAWAL_STATUS_LABEL[s]}
                </option>
              ))}
            </Select>
          )}
        </Field>
      </div>
      {loading === "LoadingFirstPage" ? (
        <div className="flex justify-center rounded-xl border border-slate-200 bg-white px-4 py-6">
          <Spinner label="Loading withdrawals" />
        </div>
      ) : results.length === 0 ? (
        <p className="rounded-xl border border-slate-200 bg-white px-4 py-8 text-center text-sm text-slate-500">
          No {status === "" ? "" : `${WITHDRAWAL_STATUS_LABEL[status].toLowerCase()} `}withdrawals.
        </p>
      ) : (
        <ul className="space-y-3" aria-label="Withdrawals" data-testid="withdrawal-queue">
          {results.map((row) => (
            <li key={row._id} className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm" data-testid="queue-row">
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
                </div>
                <Badge tone={WITHDRAWAL_STATUS_TONE[row.status]}>{WITHDRAWAL_STATUS_LABEL[row.status]}</Badge>
              </div>
              <div className="mt-3">
                <Actions row={row} />
              </div>
            </li>
          ))}
        </ul>
      )}
      <LoadMore status={loading} onLoadMore={() => loadMore(PAGE_SIZE)} label="Show more" />
    </div>
  );
}
