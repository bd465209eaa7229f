"use client";

import { useQuery } from "convex/react";
import { useState } from "react";
import { api } from "@/convex/_generated/api";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/spinner";
import { Stat } from "@/components/ui/stat";
import { WalletHistory } from "@/components/wallet/wallet-history";
import { dateTimeFormat } from "@/components/wallet/labels";
import { formatMoney } from "@/lib/money";
import { EarningsChart } from "./earnings-chart";
import { WithdrawalPanel } from "./withdrawal-panel";

const ADVISOR_TYPES = ["earning", "payout", "adjustment", "refund"] as const;

function duration(seconds: number): string {
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  return hours > 0 ? `${hours} h ${minutes} min` : `${minutes} min`;
}

/** The advisor's figures, live: balances from the ledger's accounts, totals from the rollups the settlement keeps. */
export function EarningsOverview() {
  const overview = useQuery(api.earningsDashboard.overview, {});
  const pending = useQuery(api.earningsDashboard.pending, {});
  const limits = useQuery(api.settings.publicLimits, {});
  const [now] = useState(() => Date.now());
  if (overview === undefined) {
    return (
      <div className="grid grid-cols-2 gap-4 lg:grid-cols-4">
        {Array.from({ length: 8 }, (_, i) => (
          <Skeleton key={i} className="h-24" />
        ))}
      </div>
    );
  }
  const money = (cents: number) => formatMoney(cents, overview.currency);
  const rating = overview.ratingCount > 0 ? (overview.ratingTotal / overview.ratingCount).toFixed(1) : "—";

  return (
    <div className="space-y-6">
      <div className="grid grid-cols-2 gap-4 lg:grid-cols-4" data-testid="earnings-figures">
        <Stat icon="chart" label="Total earned" value={<span data-testid="figure-total">{money(overview.totalEarned)}</span>} />
        <Stat
          icon="clock"
          label="Pending"
          value={<span data-testid="figure-pending">{money(overview.pending)}</span>}
          note={limits && `Released ${limits.earningsPendingHours} h after a session`}
        />
        <Stat
          icon="wallet"
          label="Available"
          value={<span data-testid="figure-available">{money(overview.available)}</span>}
          note={overview.withdrawing > 0 ? `${money(overview.withdrawing)} being withdrawn` : undefined}
        />
        <Stat icon="bank" label="Paid out" value={<span data-testid="figure-paid-out">{money(overview.paidOut)}</span>} />
        <Stat icon="calendar" label="This month" value={<span data-testid="figure-month">{money(overview.thisMonth)}</span>} note="Calendar month, UTC" />
        <Stat icon="chat" label="Sessions" value={<span data-testid="figure-sessions">{overview.sessions}</span>} />
        <Stat icon="clock" label="Time billed" value={<span data-testid="figure-time">{duration(overview.billedSeconds)}</span>} />
        <Stat
          icon="users"
          label="Average rating"
          value={<span data-testid="figure-rating">{rating}</span>}
          note={overview.ratingCount > 0 ? `${overview.ratingCount} rating${overview.ratingCount === 1 ? "" : "s"}` : "No ratings yet"}
        />
      </div>

      <Card>
        <CardHeader title="Earnings over time" description="What settled sessions earned, by the day they ended." />
        <CardBody>
          <EarningsChart overview={overview} now={now} />
        </CardBody>
      </Card>

      <Card>
        <CardHeader title="Pending releases" description="Each session's earning becomes available at its release time." />
        <CardBody>
          {pending === undefined ? (
            <Skeleton className="h-16 w-full" />
          ) : pending.length === 0 ? (
            <p className="text-sm text-slate-500">Nothing pending.</p>
          ) : (
            <ul className="divide-y divide-slate-100" data-testid="pending-releases">
              {pending.map((p) => (
                <li key={p.sessionId} className="flex flex-wrap items-center justify-between gap-2 py-2 text-sm">
                  <span className="text-slate-700">
                    {p.kind === "chat" ? "Chat" : "Video"} session ended {dateTimeFormat.format(p.endedAt)}
                  </span>
                  <span className="text-slate-900">
                    <span className="font-medium tabular-nums">{formatMoney(p.earningCents, p.currency)}</span>
                    <span className="text-slate-500"> · releases {dateTimeFormat.format(p.releaseAt)}</span>
                  </span>
                </li>
              ))}
            </ul>
          )}
        </CardBody>
      </Card>

      <WithdrawalPanel available={overview.available} currency={overview.currency} />

      <section aria-labelledby="earnings-history" className="space-y-3">
        <h2 id="earnings-history" className="text-base font-semibold text-slate-900">
          History
        </h2>
        <WalletHistory query={api.earningsDashboard.history} types={ADVISOR_TYPES} fileName="earnings" />
      </section>
    </div>
  );
}
