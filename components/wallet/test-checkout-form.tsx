"use client";

import { useAction, useQuery } from "convex/react";
import Link from "next/link";
import { useRef, useState, type FormEvent } from "react";
import { api } from "@/convex/_generated/api";
import { FormAlert } from "@/components/forms/form-alert";
import { useSubmit } from "@/components/forms/use-submit";
import { Button, buttonClasses } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { Skeleton } from "@/components/ui/spinner";
import { formatMoney } from "@/lib/money";

const TEST_CARDS = [
  ["4242 4242 4242 4242", "succeeds"],
  ["4000 0000 0000 0002", "is declined"],
  ["4000 0000 0000 9995", "has insufficient funds"],
] as const;

const CARD_FIELDS = ["cardNumber", "expiry", "cvc", "name"] as const;

/** Groups digits in fours as the person types. */
function formatCardNumber(value: string): string {
  return value
    .replace(/\D/g, "")
    .slice(0, 19)
    .replace(/(\d{4})(?=\d)/g, "$1 ");
}

/**
 * The built-in test checkout: takes a card like Stripe test mode and, on
 * success, the backend delivers a signed event to the real webhook. The
 * balance then updates live wherever it is shown.
 */
export function TestCheckoutForm({ checkoutId, onPaid, showWalletLink = true }: { checkoutId: string; onPaid?: () => void; showWalletLink?: boolean }) {
  const checkout = useQuery(api.payments.getCheckout, { checkoutId });
  const pay = useAction(api.payments.payTestCheckout);
  const [cardNumber, setCardNumber] = useState("");
  const formRef = useRef<HTMLFormElement>(null);
  const form = useSubmit(CARD_FIELDS, formRef);

  if (checkout === undefined) return <Skeleton className="h-64 w-full" />;
  if (checkout === null) {
    return (
      <p role="alert" className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-700">
        This checkout does not exist. Start a new top-up from your wallet.
      </p>
    );
  }
  const amount = formatMoney(checkout.amount, checkout.currency);

  if (checkout.status === "paid") {
    return (
      <div role="status" className="space-y-4 rounded-lg bg-emerald-50 p-4 text-emerald-900" data-testid="checkout-paid">
        <p className="font-medium">Payment received. {amount} was added to your wallet.</p>
        {showWalletLink && (
          <Link href="/wallet" className={buttonClasses("secondary", "sm")}>
            Back to wallet
          </Link>
        )}
      </div>
    );
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const expiry = String(data.get("expiry") ?? "").trim();
    const cvc = String(data.get("cvc") ?? "").trim();
    const checked = form.check({
      cardNumber: cardNumber.trim() === "" ? "Enter the card number." : null,
      expiry: expiry === "" ? "Enter the expiry date as MM/YY." : null,
      cvc: cvc === "" ? "Enter the 3 or 4 digits on the back of the card." : null,
    });
    if (!checked) return;
    const outcome = await form.submit(() => pay({ checkoutId, cardNumber, expiry, cvc, name: String(data.get("name") ?? "") }));
    if (!outcome.ok) return;
    if (outcome.value.status === "declined") form.check({ [outcome.value.field]: outcome.value.message });
    else onPaid?.();
  }

  return (
    <form ref={formRef} onSubmit={onSubmit} className="space-y-4" noValidate aria-label="Card payment">
      <p className="text-sm text-slate-600">
        Pay <span className="font-semibold text-slate-900" data-testid="checkout-amount">{amount}</span> to top up your wallet.
      </p>
      <Field label="Card number" error={form.fieldErrors.cardNumber}>
        {(p) => (
          <Input
            {...p}
            name="cardNumber"
            inputMode="numeric"
            autoComplete="cc-number"
            placeholder="1234 1234 1234 1234"
            value={cardNumber}
            onChange={(e) => setCardNumber(formatCardNumber(e.target.value))}
            required
          />
        )}
      </Field>
      <div className="grid grid-cols-2 gap-4">
        <Field label="Expiry (MM/YY)" error={form.fieldErrors.expiry}>
          {(p) => <Input {...p} name="expiry" autoComplete="cc-exp" placeholder="MM/YY" defaultValue="12/34" required />}
        </Field>
        <Field label="CVC" error={form.fieldErrors.cvc}>
          {(p) => <Input {...p} name="cvc" inputMode="numeric" autoComplete="cc-csc" placeholder="123" defaultValue="123" maxLength={4} required />}
        </Field>
      </div>
      <Field label="Name on card" error={form.fieldErrors.name}>
        {(p) => <Input {...p} name="name" autoComplete="cc-name" />}
      </Field>
      <FormAlert message={form.formError} testId="checkout-error" />
      <Button type="submit" size="lg" className="w-full" pending={form.pending}>
        Pay {amount}
      </Button>
      <div className="rounded-lg bg-amber-50 p-3 text-xs text-amber-900">
        <p className="font-semibold">Test mode — no real money moves.</p>
        <ul className="mt-1 space-y-0.5">
          {TEST_CARDS.map(([number, outcome]) => (
            <li key={number}>
              <button type="button" className="font-mono underline-offset-2 hover:underline" onClick={() => setCardNumber(number)}>
                {number}
              </button>{" "}
              {outcome}
            </li>
          ))}
        </ul>
      </div>
    </form>
  );
}
