"use client";

import { useMutation, useQuery } from "convex/react";
import { useRef, useState, type FormEvent } from "react";
import { api } from "@/convex/_generated/api";
import type { Id } from "@/convex/_generated/dataModel";
import { FormAlert } from "@/components/forms/form-alert";
import { useSubmit } from "@/components/forms/use-submit";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Field, Input, Textarea } from "@/components/ui/field";
import { Skeleton } from "@/components/ui/spinner";
import {
  BALANCE_REFUND_STATUS_LABEL,
  BALANCE_REFUND_STATUS_TONE,
  REFUND_PART_STATUS_LABEL,
  dateTimeFormat,
} from "@/components/wallet/labels";
import { TEXT_LIMITS, textLength, tooLongError } from "@/lib/forms/textLimits";
import { formatMoney, minorUnitDigits, parseMoney, toDecimalString } from "@/lib/money";

function RequestForm({ max, currency }: { max: number; currency: string }) {
  const request = useMutation(api.balanceRefunds.request);
  const formRef = useRef<HTMLFormElement>(null);
  const form = useSubmit(["amount", "note"], formRef);
  const [amount, setAmount] = useState("");
  const [note, setNote] = useState("");

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const parsed = parseMoney(amount, currency);
    const amountError = !parsed.ok ? parsed.error : parsed.amount > max ? `The most you can ask back now is ${formatMoney(max, currency)}.` : null;
    if (!form.check({ amount: amountError, note: tooLongError("The note", note, TEXT_LIMITS.reason) }) || !parsed.ok) return;
    const outcome = await form.submit(() => request({ amount: parsed.amount, note: note.trim() === "" ? undefined : note.trim() }));
    if (outcome.ok) {
      setAmount("");
      setNote("");
    }
  }

  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="space-y-3" data-testid="balance-refund-form">
      <div className="grid gap-3 sm:grid-cols-[12rem_1fr]">
        <Field label={`Amount (${currency})`} hint={`Up to ${formatMoney(max, currency)}.`} error={form.fieldErrors.amount}>
          {(p) => <Input {...p} name="amount" inputMode="decimal" autoComplete="off" value={amount} onChange={(e) => setAmount(e.target.value)} />}
        </Field>
        <Field label="Note (optional)" error={form.fieldErrors.note} counter={{ length: textLength(note), max: TEXT_LIMITS.reason }}>
          {(p) => <Textarea {...p} name="note" rows={1} value={note} onChange={(e) => setNote(e.target.value)} />}
        </Field>
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" variant="secondary" pending={form.pending}>
          Ask for a refund
        </Button>
        <Button type="button" variant="ghost" size="sm" onClick={() => setAmount(toDecimalString(max, minorUnitDigits(currency)))}>
          Use the full {formatMoney(max, currency)}
        </Button>
      </div>
      <FormAlert message={form.formError} />
    </form>
  );
}

function CancelButton({ id }: { id: Id<"balanceRefunds"> }) {
  const cancel = useMutation(api.balanceRefunds.cancel);
  const action = useSubmit();
  return (
    <div className="flex flex-col items-end gap-1">
      <Button size="sm" variant="secondary" pending={action.pending} onClick={() => void action.submit(() => cancel({ id }))}>
        Cancel request
      </Button>
      <FormAlert message={action.formError} />
    </div>
  );
}

/**
 * Unspent cash back to the card payments it came from (SPEC §3): what can be
 * asked back, a request form, and the client's requests with their live status.
 */
export function BalanceRefundPanel() {
  const data = useQuery(api.balanceRefunds.mine, {});
  const open = data?.requests.find((r) => r.status === "requested" || r.status === "processing");

  return (
    <Card className="mt-6" data-testid="balance-refunds">
      <CardHeader
        title="Refund unused balance"
        description="Ask for cash you have not spent back to your card. Promo credit stays in the wallet. An admin approves each request; newest payments are refunded first."
      />
      <CardBody className="space-y-4">
        {data === undefined ? (
          <Skeleton className="h-16 w-full" />
        ) : (
          <>
            <p className="text-sm text-slate-700">
              Refundable to your card now:{" "}
              <span className="font-semibold tabular-nums text-slate-900" data-testid="refundable-max">
                {formatMoney(data.refundable.max, data.refundable.currency)}
              </span>
              {data.refundable.cash > data.refundable.max && (
                <span className="text-slate-500"> (cash that did not come from a card payment cannot go back to one)</span>
              )}
            </p>
            {open !== undefined ? (
              <p className="text-sm text-slate-600">You can ask again once your current request is finished.</p>
            ) : data.refundable.max > 0 ? (
              <RequestForm max={data.refundable.max} currency={data.refundable.currency} />
            ) : (
              <p className="text-sm text-slate-500">Nothing to refund right now.</p>
            )}
            {data.requests.length > 0 && (
              <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200" aria-label="Your refund requests" data-testid="my-balance-refunds">
                {data.requests.map((r) => (
                  <li key={r._id} className="flex flex-wrap items-start justify-between gap-2 px-3 py-2 text-sm" data-testid="my-balance-refund">
                    <div className="min-w-0">
                      <p className="font-medium tabular-nums text-slate-900">
                        {formatMoney(r.amount, r.currency)}
                        {r.status === "refunded" && r.refundedAmount < r.amount && (
                          <span className="font-normal text-slate-600"> · {formatMoney(r.refundedAmount, r.currency)} refunded, the rest back in your wallet</span>
                        )}
                      </p>
                      <p className="text-xs text-slate-500">
                        Asked {dateTimeFormat.format(r.requestedAt)}
                        {r.rejectionReason && ` · ${r.rejectionReason}`}
                      </p>
                      {r.parts.length > 0 && (
                        <ul className="mt-1 space-y-0.5 text-xs text-slate-600">
                          {r.parts.map((part, i) => (
                            <li key={i}>
                              {formatMoney(part.amount, r.currency)} to your payment of {dateTimeFormat.format(part.paidAt)}: {REFUND_PART_STATUS_LABEL[part.status]}
                            </li>
                          ))}
                        </ul>
                      )}
                    </div>
                    <div className="flex items-center gap-2">
                      <Badge tone={BALANCE_REFUND_STATUS_TONE[r.status]}>{BALANCE_REFUND_STATUS_LABEL[r.status]}</Badge>
                      {r.status === "requested" && <CancelButton id={r._id} />}
                    </div>
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
      </CardBody>
    </Card>
  );
}
