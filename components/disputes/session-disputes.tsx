"use client";

import { useMutation, useQuery } from "convex/react";
import { useRef, useState, type FormEvent } from "react";
import { api } from "@/convex/_generated/api";
import type { Id } from "@/convex/_generated/dataModel";
import { FormAlert } from "@/components/forms/form-alert";
import { useSubmit } from "@/components/forms/use-submit";
import { dateTimeFormat } from "@/components/sessions/format";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Field, Select, Textarea } from "@/components/ui/field";
import { DISPUTE_DESCRIPTION_MAX, DISPUTE_REASONS, DISPUTE_REASON_LABELS, descriptionProblem, type DisputeReason } from "@/lib/disputes/rules";
import { textLength } from "@/lib/forms/textLimits";
import { formatMoney } from "@/lib/money";

const STATUS_LABEL = { open: "Under review", refunded: "Refunded", rejected: "Rejected" } as const;
const STATUS_TONE = { open: "amber", refunded: "green", rejected: "neutral" } as const;

/**
 * Money back on an ended session, live for both sides: its disputes and their
 * outcome (the client sees the refund, the advisor the earning reversed), the
 * client's satisfaction credit, and for the client the forms to open a dispute
 * or take the credit while they are allowed.
 */
export function SessionDisputes({ sessionId }: { sessionId: Id<"sessions"> }) {
  const data = useQuery(api.disputes.forSession, { sessionId });
  if (data === undefined || data === null) return null;
  const money = (cents: number) => formatMoney(cents, data.currency);
  const { options } = data;
  if (data.disputes.length === 0 && data.credit === null && (options === null || (options.disputeRefusal !== null && options.creditRefusal !== null))) return null;
  return (
    <section aria-labelledby="money-back-title" className="mt-6 space-y-4 rounded-xl border border-slate-200 bg-white p-5 shadow-sm sm:p-6" data-testid="session-disputes">
      <h2 id="money-back-title" className="text-base font-semibold text-slate-900">
        {data.viewerRole === "advisor" ? "Disputes" : "Disputes and credit"}
      </h2>
      {data.disputes.length > 0 && (
        <ul className="divide-y divide-slate-100 text-sm" data-testid="dispute-list">
          {data.disputes.map((d) => (
            <li key={d._id} className="space-y-1 py-3" data-status={d.status}>
              <div className="flex flex-wrap items-center gap-2">
                <Badge tone={STATUS_TONE[d.status]}>{STATUS_LABEL[d.status]}</Badge>
                <span className="font-medium text-slate-900">{DISPUTE_REASON_LABELS[d.reason]}</span>
                <span className="text-xs text-slate-500">opened {dateTimeFormat.format(d.openedAt)}</span>
              </div>
              <p className="whitespace-pre-wrap text-slate-700">{d.description}</p>
              {d.refundCents !== undefined && (
                <p className="font-medium text-emerald-800" data-testid="dispute-refund">
                  Refunded {money(d.refundCents)} to your wallet
                </p>
              )}
              {d.earningReversedCents !== undefined && (
                <p className="font-medium text-red-700" data-testid="dispute-earning-reversed">
                  Earning reversed: −{money(d.earningReversedCents)}
                </p>
              )}
              {d.note && <p className="text-slate-600">Note from ExpertLine: {d.note}</p>}
            </li>
          ))}
        </ul>
      )}
      {data.credit !== null && (
        <p className="rounded-lg bg-emerald-50 px-3 py-2 text-sm text-emerald-900" data-testid="satisfaction-credit">
          Satisfaction credit: {money(data.credit.amount)} of promo credit added on {dateTimeFormat.format(data.credit.at)}.
        </p>
      )}
      {options !== null && options.creditRefusal === null && <CreditOffer sessionId={sessionId} amount={money(options.creditAmount)} everyDays={options.creditEveryDays} />}
      {options !== null && options.disputeRefusal === null && <DisputeForm sessionId={sessionId} until={options.disputeUntil} />}
    </section>
  );
}

function CreditOffer({ sessionId, amount, everyDays }: { sessionId: Id<"sessions">; amount: string; everyDays: number }) {
  const take = useMutation(api.disputes.takeSatisfactionCredit);
  const action = useSubmit();
  return (
    <div className="space-y-2 rounded-lg bg-slate-50 p-4 text-sm">
      <p className="text-slate-700">
        Not happy with this session? Take {amount} back as promo credit, no questions asked. You can do this once every {everyDays} days.
      </p>
      <FormAlert message={action.formError} />
      <Button variant="secondary" pending={action.pending} onClick={() => void action.submit(() => take({ sessionId }))}>
        Take {amount} as promo credit
      </Button>
    </div>
  );
}

function DisputeForm({ sessionId, until }: { sessionId: Id<"sessions">; until: number | null }) {
  const open = useMutation(api.disputes.open);
  const [reason, setReason] = useState<DisputeReason | "">("");
  const [description, setDescription] = useState("");
  const formRef = useRef<HTMLFormElement>(null);
  const form = useSubmit(["reason", "description"], formRef);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (!form.check({ reason: reason === "" ? "Choose a reason." : null, description: descriptionProblem(description) })) return;
    const outcome = await form.submit(() => open({ sessionId, reason: reason as DisputeReason, description: description.trim() }));
    if (outcome.ok) {
      setReason("");
      setDescription("");
    }
  }

  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="space-y-3" aria-labelledby="dispute-form-title" data-testid="dispute-form">
      <h3 id="dispute-form-title" className="text-sm font-semibold text-slate-900">
        Open a dispute
      </h3>
      {until !== null && <p className="text-xs text-slate-500">Possible until {dateTimeFormat.format(until)}. An admin reviews it and may refund part or all of the charge.</p>}
      <Field label="Reason" error={form.fieldErrors.reason}>
        {(p) => (
          <Select {...p} value={reason} onChange={(e) => setReason(e.target.value as DisputeReason | "")}>
            <option value="">Choose…</option>
            {DISPUTE_REASONS.map((r) => (
              <option key={r} value={r}>
                {DISPUTE_REASON_LABELS[r]}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <Field label="What happened" error={form.fieldErrors.description} counter={{ length: textLength(description), max: DISPUTE_DESCRIPTION_MAX }}>
        {(p) => <Textarea {...p} rows={4} value={description} onChange={(e) => setDescription(e.target.value)} />}
      </Field>
      <FormAlert message={form.formError} />
      <Button type="submit" pending={form.pending}>
        Open dispute
      </Button>
    </form>
  );
}
