"use client";

import { useQuery } from "convex/react";
import type { FunctionReturnType } from "convex/server";
import Link from "next/link";
import { useEffect, useState } from "react";
import { api } from "@/convex/_generated/api";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/spinner";
import { Stat } from "@/components/ui/stat";
import { ROLE_LABEL } from "@/components/shell/nav";
import { formatDuration } from "@/components/sessions/format";
import { formatMoney } from "@/lib/money";
import { HOUR_MS } from "@/lib/admin/platformFigures";
import { LiveSessions } from "./live-sessions";
import { PlatformChart } from "./platform-chart";

type Count = { count: number; more: boolean };
type WindowFigures = FunctionReturnType<typeof api.adminDashboard.figures>["windows"]["today"];
const countText = ({ count, more }: Count) => (more ? `${count}+` : String(count));

const WINDOWS = [
  { key: "today", label: "Today" },
  { key: "7d", label: "7 days" },
  { key: "30d", label: "30 days" },
] as const;

export function AdminDashboard() {
  // A new hour re-runs the query, so "today" rolls over at the zone's midnight without a reload.
  const hour = useCurrentHour();
  const figures = useQuery(api.adminDashboard.figures, { hour });
  const changes = useQuery(api.users.recentRoleChanges);

  return (
    <div className="space-y-6">
      {figures === undefined ? (
        <div className="grid grid-cols-2 gap-4 lg:grid-cols-4" aria-busy="true">
          {Array.from({ length: 8 }, (_, i) => (
            <Skeleton key={i} className="h-24" />
          ))}
        </div>
      ) : (
        <>
          <div className="grid grid-cols-1 gap-4 min-[420px]:grid-cols-2 lg:grid-cols-4" data-testid="dashboard-figures">
            {(() => {
              const money = (cents: number) => formatMoney(cents, figures.currency);
              const today = figures.windows.today;
              const liveTotal = figures.live.chat + figures.live.video;
              return (
                <>
                  <Stat icon="chart" label="GMV today" value={<span data-testid="gmv-today">{money(today.chargeCents)}</span>} note={`Session charges on ${figures.today} (${figures.timeZone})`} />
                  <Stat
                    icon="bank"
                    label="Platform revenue today"
                    value={<span data-testid="revenue-today">{money(today.feeCents - today.feeRefundedCents)}</span>}
                    note="Fees, less fees refunded"
                  />
                  <Stat
                    icon="clock"
                    label="Live sessions now"
                    value={<span data-testid="live-now">{figures.live.more ? `${liveTotal}+` : liveTotal}</span>}
                    note={`${figures.live.chat} chat · ${figures.live.video} video · ${countText(figures.waiting)} request(s) waiting`}
                  />
                  <Stat
                    icon="chat"
                    label="Sessions ended today"
                    value={<span data-testid="sessions-today">{today.sessionsEnded}</span>}
                    note={today.billedSessions > 0 ? `Average billed ${formatDuration(Math.round(today.billedSeconds / today.billedSessions))}` : "None billed yet today"}
                  />
                </>
              );
            })()}
          </div>

          <div className="grid gap-6 lg:grid-cols-3">
            <Card className="lg:col-span-2">
              <CardHeader title="Money" description={`From the platform rollups, by day in ${figures.timeZone}.`} />
              <CardBody>
                <div className="overflow-x-auto" role="region" aria-label="Money by period" tabIndex={0}>
                  <table className="min-w-full text-sm" data-testid="money-table">
                    <thead className="text-left text-xs uppercase tracking-wide text-slate-500">
                      <tr>
                        <th scope="col" className="py-2 pr-3">Figure</th>
                        {WINDOWS.map((w) => (
                          <th key={w.key} scope="col" className="whitespace-nowrap py-2 pl-3 text-right">
                            {w.label}
                          </th>
                        ))}
                      </tr>
                    </thead>
                    <tbody className="divide-y divide-slate-100">
                      {(
                        [
                          ["GMV (session charges)", (f) => f.chargeCents],
                          ["Platform revenue (fees)", (f) => f.feeCents - f.feeRefundedCents],
                          ["Refunds to clients", (f) => f.refundCents],
                          ["Satisfaction credit", (f) => f.satisfactionCreditCents],
                        ] as const satisfies readonly (readonly [string, (f: WindowFigures) => number])[]
                      ).map(([label, pick]) => (
                        <tr key={label}>
                          <th scope="row" className="py-2 pr-3 text-left font-normal text-slate-700">
                            {label}
                          </th>
                          {WINDOWS.map((w) => (
                            <td key={w.key} className="py-2 pl-3 text-right tabular-nums text-slate-900">
                              {formatMoney(pick(figures.windows[w.key]), figures.currency)}
                            </td>
                          ))}
                        </tr>
                      ))}
                      <tr>
                        <th scope="row" className="py-2 pr-3 text-left font-normal text-slate-700">
                          Sessions ended · average billed
                        </th>
                        {WINDOWS.map((w) => {
                          const f = figures.windows[w.key];
                          return (
                            <td key={w.key} className="py-2 pl-3 text-right tabular-nums text-slate-900">
                              {f.sessionsEnded}
                              {f.billedSessions > 0 && <span className="block text-xs text-slate-500">{formatDuration(Math.round(f.billedSeconds / f.billedSessions))}</span>}
                            </td>
                          );
                        })}
                      </tr>
                    </tbody>
                  </table>
                </div>
              </CardBody>
            </Card>
            <Card>
              <CardHeader title="Needs attention" description="Real rows waiting in each queue." />
              <CardBody>
                <ul className="divide-y divide-slate-100 text-sm" data-testid="needs-attention">
                  <QueueLink href="/admin/disputes" label="Open disputes" count={figures.openDisputes} />
                  <QueueLink href="/admin/applications" label="Advisor applications" count={figures.pendingApplications} />
                  <QueueLink href="/admin/withdrawals" label="Withdrawals to approve" count={figures.pendingWithdrawals.requested} />
                  <QueueLink href="/admin/withdrawals" label="Withdrawals to pay" count={figures.pendingWithdrawals.approved} />
                  <QueueLink href="/admin" label="Session requests waiting" count={figures.waiting} anchor="#live-sessions" />
                </ul>
              </CardBody>
            </Card>
          </div>

          <Card>
            <CardHeader title="GMV and revenue by day" description={`The last 30 days in ${figures.timeZone}.`} />
            <CardBody>
              <PlatformChart days={figures.days} currency={figures.currency} timeZone={figures.timeZone} />
            </CardBody>
          </Card>
        </>
      )}

      <div id="live-sessions">
        <LiveSessions />
      </div>

      <Card>
        <CardHeader
          title="Recent role changes"
          description="From the audit log."
          action={
            <Link href="/admin/users" className="text-sm font-medium text-brand-700 hover:text-brand-900">
              Manage users →
            </Link>
          }
        />
        <CardBody>
          {changes === undefined ? (
            <Skeleton className="h-16" />
          ) : changes.length === 0 ? (
            <p className="py-6 text-center text-sm text-slate-500">No role changes yet.</p>
          ) : (
            <ul className="divide-y divide-slate-100">
              {changes.map((change) => (
                <li key={change._id} className="py-2.5 text-sm text-slate-700">
                  <span className="font-medium text-slate-900">{change.actorName}</span> changed <span className="font-medium text-slate-900">{change.targetName}</span> from{" "}
                  {change.before ? ROLE_LABEL[change.before] : "—"} to {change.after ? ROLE_LABEL[change.after] : "—"}
                  <time className="block text-xs text-slate-500" dateTime={new Date(change.at).toISOString()}>
                    {new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" }).format(change.at)}
                  </time>
                </li>
              ))}
            </ul>
          )}
        </CardBody>
      </Card>
    </div>
  );
}

function useCurrentHour(): number {
  const [hour, setHour] = useState(() => Math.floor(Date.now() / HOUR_MS));
  useEffect(() => {
    const timer = setTimeout(() => setHour(Math.floor(Date.now() / HOUR_MS)), HOUR_MS - (Date.now() % HOUR_MS) + 1000);
    return () => clearTimeout(timer);
  }, [hour]);
  return hour;
}

function QueueLink({ href, label, count, anchor }: { href: string; label: string; count: Count; anchor?: string }) {
  return (
    <li>
      <Link href={anchor ?? href} className="flex items-center justify-between gap-3 py-2.5 font-medium text-slate-700 hover:text-brand-800">
        <span>{label}</span>
        <span className={count.count > 0 ? "rounded-full bg-amber-100 px-2 py-0.5 tabular-nums text-amber-900" : "tabular-nums text-slate-600"}>{countText(count)}</span>
      </Link>
    </li>
  );
}
