"use client";

import { useAction, useMutation, useQuery } from "convex/react";
import { useRef, useState, type FormEvent } from "react";
import { api } from "@/convex/_generated/api";
import { FormAlert } from "@/components/forms/form-alert";
import { useSubmit } from "@/components/forms/use-submit";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Field, Input } from "@/components/ui/field";
import { Skeleton } from "@/components/ui/spinner";
import { WITHDRAWAL_STATUS_LABEL, WITHDRAWAL_STATUS_TONE, dateTimeFormat } from "@/components/wallet/labels";
import { formatMoney, parseMoney } from "@/lib/money";

/** Holder and account number; only the holder and last 4 come back, ever. */
function BankDetailsForm({ onDone }: { onDone?: () => void }) {
  const save = useMutation(api.withdrawals.saveBankDetails);
  const formRef = useRef<HTMLFormElement>(null);
  const form = useSubmit(["holderName", "accountNumber"], formRef);
  const [holderName, setHolderName] = useState("");
  const [accountNumber, setAccountNumber] = useState("");

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const ok = form.check({
      holderName: holderName.trim() === "" ? "Give the account holder's name." : null,
      accountNumber: accountNumber.trim() === "" ? "Give the account number or IBAN." : null,
    });
    if (!ok) return;
    const outcome = await form.submit(() => save({ holderName, accountNumber }));
    if (outcome.ok) {
      setAccountNumber("");
      onDone?.();
    }
  }

  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="grid gap-3 sm:grid-cols-[1fr_1fr_auto] sm:items-start" data-testid="bank-details-form">
      <Field label="Account holder" error={form.fieldErrors.holderName}>
        {(p) => <Input {...p} name="holderName" autoComplete="name" value={holderName} onChange={(e) => setHolderName(e.target.value)} />}
      </Field>
      <Field label="Account number or IBAN" hint="Only the last 4 digits are kept." error={form.fieldErrors.accountNumber}>
        {(p) => <Input {...p} name="accountNumber" autoComplete="off" spellCheck={false} value={accountNumber} onChange={(e) => setAccountNumber(e.target.value)} />}
      </Field>
      <div className="sm:pt-6">
        <Button type="submit" pending={form.pending}>
          Save bank details
        </Button>
      </div>
      <FormAlert message={form.formError} className="sm:col-span-3" />
    </form>
  );
}

function RequestForm({ available, currency, min }: { available: number; currency: string; min: number }) {
  const request = useMutation(api.withdrawals.request);
  const formRef = useRef<HTMLFormElement>(null);
  const form = useSubmit(["amount"], formRef);
  const [amount, setAmount] = useState("");

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const parsed = parseMoney(amount, currency);
    const error = !parsed.ok
      ? parsed.error
      : parsed.amount < min
        ? `The smallest withdrawal is ${formatMoney(min, currency)}.`
        : parsed.amount > available
          ? `You have ${formatMoney(available, currency)} available.`
          : null;
    if (!form.check({ amount: error }) || !parsed.ok) return;
    const outcome = await form.submit(() => request({ amount: parsed.amount }));
    if (outcome.ok) setAmount("");
  }

  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="grid gap-3 sm:grid-cols-[1fr_auto] sm:items-start" data-testid="withdrawal-form">
      <Field
        label={`Amount (${currency})`}
        hint={`From ${formatMoney(min, currency)} up to your available ${formatMoney(available, currency)}.`}
        error={form.fieldErrors.amount}
      >
        {(p) => <Input {...p} name="amount" inputMode="decimal" autoComplete="off" value={amount} onChange={(e) => setAmount(e.target.value)} />}
      </Field>
      <div className="sm:pt-6">
        <Button type="submit" pending={form.pending}>
          Request withdrawal
        </Button>
      </div>
      <FormAlert message={form.formError} className="sm:col-span-2" />
    </form>
  );
}

/** With Stripe configured: onboarding to a Stripe Express account, which then receives approved withdrawals. */
function StripePayouts() {
  const setup = useQuery(api.payouts.setup, {});
  const start = useAction(api.payouts.startStripeOnboarding);
  const action = useSubmit();
  if (setup === undefined || !setup.stripe) return null;
  return (
    <div className="space-y-2" data-testid="stripe-payouts">
      <h3 className="text-sm font-semibold text-slate-900">Payouts through Stripe</h3>
      <p className="text-sm text-slate-600">
        {setup.connected
          ? "Your Stripe account is connected: approved withdrawals are transferred to it."
          : "Connect a Stripe account to receive approved withdrawals automatically."}
      </p>
      <Button
        size="sm"
        variant="secondary"
        pending={action.pending}
        onClick={() =>
          void action.submit(async () => {
            const { url } = await start({});
            window.location.assign(url);
          })
        }
      >
        {setup.connected ? "Review your Stripe account" : "Set up Stripe payouts"}
      </Button>
      <FormAlert message={action.formError} />
    </div>
  );
}

/** Bank details (masked), a request form and the advisor's own withdrawals with their live status. */
export function WithdrawalPanel({ available, currency }: { available: number; currency: string }) {
  const bank = useQuery(api.withdrawals.bankDetails, {});
  const mine = useQuery(api.withdrawals.mine, {});
  const limits = useQuery(api.settings.publicLimits, {});
  const [editingBank, setEditingBank] = useState(false);
  const open = mine?.find((w) => w.status === "requested" || w.status === "approved");

  return (
    <Card data-testid="withdrawals">
      <CardHeader title="Withdrawals" description="Withdraw from your available earnings; an admin approves and pays each request." />
      <CardBody className="space-y-5">
        {bank === undefined || mine === undefined || limits === undefined ? (
          <Skeleton className="h-20 w-full" />
        ) : (
          <>
            <div className="space-y-2">
              <h3 className="text-sm font-semibold text-slate-900">Bank account</h3>
              {bank !== null && !editingBank ? (
                <div className="flex flex-wrap items-center gap-3 text-sm text-slate-700">
                  <span data-testid="bank-masked">
                    {bank.holderName} · account ending <span className="font-medium tabular-nums">{bank.last4}</span>
                  </span>
                  <Button size="sm" variant="secondary" onClick={() => setEditingBank(true)}>
                    Change
                  </Button>
                </div>
              ) : (
                <BankDetailsForm onDone={() => setEditingBank(false)} />
              )}
            </div>

            {bank !== null && <StripePayouts />}

            <div className="space-y-2">
              <h3 className="text-sm font-semibold text-slate-900">New withdrawal</h3>
              {bank === null ? (
                <p className="text-sm text-slate-500">Add your bank account first.</p>
              ) : open !== undefined ? (
                <p className="text-sm text-slate-600">
                  Your withdrawal of {formatMoney(open.amount, open.currency)} is {WITHDRAWAL_STATUS_LABEL[open.status].toLowerCase()}; you can ask
                  for another once it is paid or rejected.
                </p>
              ) : available < limits.withdrawalMin ? (
                <p className="text-sm text-slate-500">
                  Withdrawals open once you have {formatMoney(limits.withdrawalMin, currency)} available.
                </p>
              ) : (
                <RequestForm available={available} currency={currency} min={limits.withdrawalMin} />
              )}
            </div>

            {mine.length > 0 && (
              <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200" aria-label="Your withdrawals" data-testid="my-withdrawals">
                {mine.map((w) => (
                  <li key={w._id} className="flex flex-wrap items-center justify-between gap-2 px-3 py-2 text-sm" data-testid="my-withdrawal">
                    <div className="min-w-0">
                      <p className="font-medium tabular-nums text-slate-900">{formatMoney(w.amount, w.currency)}</p>
                      <p className="text-xs text-slate-500">
                        {dateTimeFormat.format(w.requestedAt)} · account ending {w.bank.last4}
                        {w.rejectionReason && ` · ${w.rejectionReason}`}
                      </p>
                    </div>
                    <Badge tone={WITHDRAWAL_STATUS_TONE[w.status]}>{WITHDRAWAL_STATUS_LABEL[w.status]}</Badge>
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
