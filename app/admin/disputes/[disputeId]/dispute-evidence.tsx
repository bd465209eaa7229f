"use client";

import { useMutation, useQuery } from "convex/react";
import Link from "next/link";
import { useRef, useState, type FormEvent } from "react";
import { api } from "@/convex/_generated/api";
import type { Id } from "@/convex/_generated/dataModel";
import { FormAlert } from "@/components/forms/form-alert";
import { useSubmit } from "@/components/forms/use-submit";
import { ReceiptView } from "@/components/sessions/receipt-view";
import { dateTimeFormat, timeFormat } from "@/components/sessions/format";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Field, Input, Textarea } from "@/components/ui/field";
import { Skeleton } from "@/components/ui/spinner";
import { DISPUTE_REASON_LABELS, type DisputeOutcome } from "@/lib/disputes/rules";
import { TEXT_LIMITS, textLength, tooLongError } from "@/lib/forms/textLimits";
import { formatMoney, parseMoney } from "@/lib/money";

type Earlier = { _id: Id<"disputes">; sessionId: Id<"sessions">; reason: keyof typeof DISPUTE_REASON_LABELS; status: "open" | "refunded" | "rejected"; openedAt: number; refundCents?: number };

function EarlierList({ title, rows, currency }: { title: string; rows: Earlier[]; currency: string }) {
  return (
    <section aria-label={title} className="space-y-2">
      <h3 className="text-sm font-semibold text-slate-900">{title}</h3>
      {rows.length === 0 ? (
        <p className="text-sm text-slate-500">None.</p>
      ) : (
        <ul className="divide-y divide-slate-100 text-sm">
          {rows.map((d) => (
            <li key={d._id} className="flex flex-wrap justify-between gap-2 py-1.5">
              <Link href={`/admin/disputes/${d._id}`} className="text-brand-700 hover:underline">
                {DISPUTE_REASON_LABELS[d.reason]} · {dateTimeFormat.format(d.openedAt)}
              </Link>
              <span className="text-slate-600">
                {d.status}
                {d.refundCents !== undefined && ` ${formatMoney(d.refundCents, currency)}`}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function DisputeEvidence({ disputeId }: { disputeId: Id<"disputes"> }) {
  const evidence = useQuery(api.disputes.evidence, { disputeId });
  if (evidence === undefined) return <Skeleton className="h-96 w-full" />;
  const { dispute } = evidence;
  const money = (cents: number) => formatMoney(cents, dispute.currency);
  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_minmax(0,1.3fr)]">
      <div className="space-y-6">
        <section className="space-y-3 rounded-xl border border-slate-200 bg-white p-5 shadow-sm" aria-label="The dispute" data-testid="dispute-summary">
          <div className="flex flex-wrap items-center gap-2">
            <Badge tone={dispute.status === "open" ? "amber" : dispute.status === "refunded" ? "green" : "neutral"}>{dispute.status}</Badge>
            <span className="font-medium text-slate-900">{DISPUTE_REASON_LABELS[dispute.reason]}</span>
          </div>
          <p className="text-sm text-slate-600">
            {dispute.clientName} (client) about {dispute.advisorName} (advisor) · opened {dateTimeFormat.format(dispute.openedAt)}
          </p>
          <p className="whitespace-pre-wrap text-sm text-slate-800">{dispute.description}</p>
          <dl className="grid grid-cols-2 gap-2 text-sm">
            <dt className="text-slate-500">Charge</dt>
            <dd className="text-right tabular-nums">{money(dispute.chargeCents)}</dd>
            <dt className="text-slate-500">Left to refund</dt>
            <dd className="text-right tabular-nums" data-testid="dispute-refundable">
              {money(evidence.refundableCents)}
            </dd>
            {evidence.credit !== null && (
              <>
                <dt className="text-slate-500">Satisfaction credit taken</dt>
                <dd className="text-right tabular-nums">{money(evidence.credit.amount)}</dd>
              </>
            )}
          </dl>
          {dispute.status !== "open" && (
            <p className="rounded-lg bg-slate-50 px-3 py-2 text-sm text-slate-700" data-testid="dispute-outcome">
              {dispute.refundCents !== undefined
                ? `Refunded ${money(dispute.refundCents)} (earning ${money(dispute.earningReversedCents ?? 0)}, fee ${money(dispute.feeReversedCents ?? 0)}).`
                : "Rejected."}{" "}
              Note: {dispute.note}
            </p>
          )}
        </section>
        {dispute.status === "open" && <ResolveForm disputeId={disputeId} refundable={evidence.refundableCents} currency={dispute.currency} />}
        <section className="space-y-4 rounded-xl border border-slate-200 bg-white p-5 shadow-sm" aria-label="Earlier disputes">
          <EarlierList title={`${dispute.clientName}'s other disputes`} rows={evidence.clientEarlier} currency={dispute.currency} />
          <EarlierList title={`Other disputes about ${dispute.advisorName}`} rows={evidence.advisorEarlier} currency={dispute.currency} />
        </section>
        <section className="space-y-2 rounded-xl border border-slate-200 bg-white p-5 shadow-sm" aria-labelledby="transcript-title">
          <h3 id="transcript-title" className="text-sm font-semibold text-slate-900">
            Chat transcript
          </h3>
          {evidence.transcript.length === 0 ? (
            <p className="text-sm text-slate-500">No messages.</p>
          ) : (
            <ol className="max-h-96 space-y-2 overflow-y-auto text-sm" data-testid="dispute-transcript">
              {evidence.transcript.map((m, i) => (
                <li key={i} className={m.kind === "system" ? "text-xs italic text-slate-500" : "text-slate-800"}>
                  <span className="text-xs tabular-nums text-slate-500">{timeFormat.format(m.at)}</span> <span className="font-medium">{m.author}:</span> {m.body}
                </li>
              ))}
            </ol>
          )}
          {evidence.transcriptTruncated && <p className="text-xs text-slate-500">Only the first 500 messages are shown.</p>}
        </section>
      </div>
      <div>
        <ReceiptView sessionId={dispute.sessionId} />
      </div>
    </div>
  );
}

function ResolveForm({ disputeId, refundable, currency }: { disputeId: Id<"disputes">; refundable: number; currency: string }) {
  const resolve = useMutation(api.disputes.resolve);
  const [outcome, setOutcome] = useState<DisputeOutcome>("partial_refund");
  const [amount, setAmount] = useState("");
  const [note, setNote] = useState("");
  const formRef = useRef<HTMLFormElement>(null);
  const form = useSubmit(["amount", "reason"], formRef);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const parsed = outcome === "partial_refund" ? parseMoney(amount, currency) : null;
    const amountError =
      parsed === null ? null : !parsed.ok ? parsed.error : parsed.amount <= 0 || parsed.amount > refundable ? `Enter an amount from ${formatMoney(1, currency)} to ${formatMoney(refundable, currency)}.` : null;
    const noteError = textLength(note) === 0 ? "Write a note; it goes to the audit log and both sides see it." : tooLongError("The note", note, TEXT_LIMITS.reason);
    if (!form.check({ amount: amountError, reason: noteError })) return;
    await form.submit(() =>
      resolve({ disputeId, outcome, amount: parsed?.ok ? parsed.amount : undefined, note: note.trim() }),
    );
  }

  const choices: { value: DisputeOutcome; label: string }[] = [
    { value: "full_refund", label: `Full refund (${formatMoney(refundable, currency)})` },
    { value: "partial_refund", label: "Partial refund" },
    { value: "reject", label: "Reject" },
  ];
  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="space-y-4 rounded-xl border border-slate-200 bg-white p-5 shadow-sm" aria-labelledby="resolve-title" data-testid="resolve-form">
      <h3 id="resolve-title" className="text-sm font-semibold text-slate-900">
        Resolve
      </h3>
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-slate-800">Outcome</legend>
        {choices.map((c) => (
          <label key={c.value} className="flex items-center gap-2 text-sm text-slate-800">
            <input type="radio" name="outcome" value={c.value} checked={outcome === c.value} onChange={() => setOutcome(c.value)} disabled={c.value !== "reject" && refundable <= 0} />
            {c.label}
          </label>
        ))}
      </fieldset>
      {outcome === "partial_refund" && (
        <Field label="Refund amount" hint={`At most ${formatMoney(refundable, currency)}; earning and fee are taken back in proportion.`} error={form.fieldErrors.amount}>
          {(p) => <Input {...p} inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} />}
        </Field>
      )}
      <Field label="Note" error={form.fieldErrors.reason} counter={{ length: textLength(note), max: TEXT_LIMITS.reason }}>
        {(p) => <Textarea {...p} rows={3} value={note} onChange={(e) => setNote(e.target.value)} />}
      </Field>
      <FormAlert message={form.formError} />
      <Button type="submit" variant={outcome === "reject" ? "secondary" : "primary"} pending={form.pending}>
        {outcome === "reject" ? "Reject dispute" : "Refund"}
      </Button>
    </form>
  );
}
