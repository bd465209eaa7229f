"use client";

import { useAction, useQuery } from "convex/react";
import { useRouter } from "next/navigation";
import { useRef, useState, type FormEvent } from "react";
import { api } from "@/convex/_generated/api";
import { FormAlert } from "@/components/forms/form-alert";
import { useSubmit } from "@/components/forms/use-submit";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { Skeleton } from "@/components/ui/spinner";
import { formatMoney, parseMoney } from "@/lib/money";
import { validateTopUpAmount } from "@/lib/payments/topUp";
import { TestCheckoutForm } from "./test-checkout-form";

/**
 * Presets and a custom amount. By default it goes to the checkout page (or
 * Stripe); `inline` keeps the person where they are — during a live session
 * the test checkout opens in place and Stripe in a new tab.
 */
export function TopUpForm({ inline = false }: { inline?: boolean }) {
  const options = useQuery(api.wallets.topUpOptions);
  const createTopUp = useAction(api.payments.createTopUp);
  const router = useRouter();
  const [custom, setCustom] = useState("");
  const formRef = useRef<HTMLFormElement>(null);
  // A refusal of the custom amount is shown at its field; of a preset, as the form's alert.
  const customForm = useSubmit(["amount"], formRef);
  const presetForm = useSubmit();
  const [source, setSource] = useState<string | null>(null);
  const [inlineCheckout, setInlineCheckout] = useState<string | null>(null);

  if (options === undefined) return <Skeleton className="h-28 w-full" />;
  const limits = { currency: options.currency, topUpMin: options.min, topUpMax: options.max };

  async function start(amount: number, from: string) {
    const form = from === "custom" ? customForm : presetForm;
    (from === "custom" ? presetForm : customForm).clear();
    const valid = validateTopUpAmount(amount, limits);
    if (!form.check(from === "custom" ? { amount: valid.ok ? null : valid.error } : valid.ok ? null : valid.error)) return;
    setSource(from);
    const outcome = await form.submit(() => createTopUp({ amount }));
    setSource(null);
    if (!outcome.ok) return;
    const { checkoutId, url } = outcome.value;
    if (inline && url.startsWith("/")) setInlineCheckout(checkoutId);
    else if (inline) window.open(url, "_blank", "noopener");
    else if (url.startsWith("/")) router.push(url);
    else window.location.assign(url);
  }

  function onCustom(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = parseMoney(custom, options!.currency);
    if (!parsed.ok) customForm.check({ amount: parsed.error });
    else void start(parsed.amount, "custom");
  }

  if (inlineCheckout !== null) {
    return (
      <div className="space-y-3">
        <TestCheckoutForm checkoutId={inlineCheckout} showWalletLink={false} />
        <Button variant="ghost" size="sm" onClick={() => setInlineCheckout(null)}>
          Choose another amount
        </Button>
      </div>
    );
  }

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap gap-2" role="group" aria-label="Top-up amounts">
        {options.presets.map((amount) => (
          <Button
            key={amount}
            variant="secondary"
            onClick={() => void start(amount, String(amount))}
            pending={source === String(amount)}
            disabled={source !== null}
          >
            Add {formatMoney(amount, options.currency)}
          </Button>
        ))}
      </div>
      <form ref={formRef} onSubmit={onCustom} className="flex flex-wrap items-start gap-2" noValidate aria-label="Custom amount">
        <div className="w-48">
          <Field
            label="Custom amount"
            error={customForm.fieldErrors.amount}
            hint={`${formatMoney(options.min, options.currency)} to ${formatMoney(options.max, options.currency)}`}
          >
            {(p) => (
              <Input {...p} name="amount" inputMode="decimal" placeholder="e.g. 30.00" value={custom} onChange={(e) => setCustom(e.target.value)} />
            )}
          </Field>
        </div>
        <Button type="submit" pending={source === "custom"} disabled={source !== null} className="mt-6">
          Add funds
        </Button>
      </form>
      <FormAlert message={presetForm.formError ?? customForm.formError} testId="top-up-error" />
      {options.provider === "test" && (
        <p className="text-xs text-slate-500">Payments run in test mode on this server: no real card is charged.</p>
      )}
    </div>
  );
}
