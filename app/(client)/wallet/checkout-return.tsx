"use client";

import { useQuery } from "convex/react";
import { api } from "@/convex/_generated/api";
import { formatMoney } from "@/lib/money";

/**
 * Shown on the wallet after coming back from Stripe Checkout. Coming back
 * credits nothing by itself: the banner waits, live, for the verified webhook.
 */
export function CheckoutReturn({ checkoutId }: { checkoutId: string }) {
  const checkout = useQuery(api.payments.getCheckout, { checkoutId });
  if (checkout === undefined || checkout === null) return null;
  const amount = formatMoney(checkout.amount, checkout.currency);
  return checkout.status === "paid" ? (
    <p role="status" className="mb-6 rounded-lg bg-emerald-50 px-4 py-3 text-sm text-emerald-800">
      Payment received: {amount} was added to your wallet.
    </p>
  ) : (
    <p role="status" className="mb-6 rounded-lg bg-amber-50 px-4 py-3 text-sm text-amber-900">
      Waiting for the payment of {amount} to be confirmed. Your balance updates here as soon as it is.
    </p>
  );
}
