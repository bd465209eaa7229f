"use client";

import { useQuery } from "convex/react";
import { api } from "@/convex/_generated/api";
import { Stat } from "@/components/ui/stat";
import { formatMoney } from "@/lib/money";

/** Live balance: updates the moment a top-up, hold or charge lands. */
export function WalletSummary() {
  const wallet = useQuery(api.wallets.summary);
  const money = (amount: number | undefined) =>
    wallet === undefined || amount === undefined ? <span aria-hidden="true" className="inline-block h-8 w-28 animate-pulse rounded-md bg-slate-200/80" /> : formatMoney(amount, wallet.currency);
  return (
    <div className="grid gap-4 sm:grid-cols-3" data-testid="wallet-summary">
      <Stat
        icon="wallet"
        label="Available balance"
        value={<span data-testid="wallet-available">{money(wallet?.available)}</span>}
        note="What you can spend on sessions now"
      />
      <Stat
        icon="clock"
        label="On hold"
        value={<span data-testid="wallet-held">{money(wallet?.held)}</span>}
        note="Reserved by a live session until it is settled"
      />
      <Stat
        icon="chart"
        label="Promo credit"
        value={<span data-testid="wallet-promo">{money(wallet?.promo)}</span>}
        note="Spent before your cash; not withdrawable"
      />
    </div>
  );
}
