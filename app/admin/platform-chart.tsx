"use client";

import { useId } from "react";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatMoney } from "@/lib/money";

type Day = { day: string; chargeCents: number; feeCents: number; feeRefundedCents: number; sessionsEnded: number };

const dayLabel = new Intl.DateTimeFormat(undefined, { month: "short", day: "numeric", timeZone: "UTC" });
const labelOf = (day: string) => dayLabel.format(Date.parse(`${day}T00:00:00Z`));

/**
 * GMV and platform revenue per day in the platform time zone, as bars
 * described for screen readers, with the same numbers in a table (SPEC §8).
 */
export function PlatformChart({ days, currency, timeZone }: { days: Day[]; currency: string; timeZone: string }) {
  const id = useId();
  const money = (cents: number) => formatMoney(cents, currency);
  const points = days.map((d) => ({ ...d, label: labelOf(d.day), revenueCents: d.feeCents - d.feeRefundedCents }));
  const total = points.reduce((sum, p) => sum + p.chargeCents, 0);
  const title = `GMV and platform revenue per day, last ${points.length} days (${timeZone})`;

  return (
    <figure className="space-y-3" aria-labelledby={`${id}-title`} aria-describedby={`${id}-desc`} data-testid="platform-chart">
      <figcaption>
        <h3 id={`${id}-title`} className="text-sm font-semibold text-slate-900">
          {title}
        </h3>
        <p id={`${id}-desc`} className="text-xs text-slate-500">
          {money(total)} GMV on {points.filter((p) => p.chargeCents > 0).length} of {points.length} days; the table below has every figure.
        </p>
      </figcaption>
      <div className="h-56 w-full" aria-hidden="true">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={points} margin={{ top: 8, right: 8, bottom: 0, left: 8 }} accessibilityLayer={false}>
            <CartesianGrid vertical={false} stroke="#e2e8f0" />
            <XAxis dataKey="label" tick={{ fontSize: 11, fill: "#64748b" }} interval="preserveStartEnd" minTickGap={16} tickLine={false} />
            <YAxis tickFormatter={money} tick={{ fontSize: 11, fill: "#64748b" }} width={64} allowDecimals={false} tickLine={false} axisLine={false} />
            <Tooltip formatter={(value, name) => [money(Number(value)), name === "chargeCents" ? "GMV" : "Revenue"]} cursor={{ fill: "#f1f5f9" }} />
            <Legend formatter={(name) => (name === "chargeCents" ? "GMV" : "Revenue")} wrapperStyle={{ fontSize: 12 }} />
            <Bar dataKey="chargeCents" fill="#4f46e5" radius={[3, 3, 0, 0]} isAnimationActive={false} />
            <Bar dataKey="revenueCents" fill="#0d9488" radius={[3, 3, 0, 0]} isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <details className="rounded-lg border border-slate-200 text-sm">
        <summary className="cursor-pointer px-3 py-2 font-medium text-slate-700">Show the figures as a table</summary>
        <div className="max-h-72 overflow-y-auto">
          <table className="min-w-full divide-y divide-slate-200" data-testid="platform-chart-table">
            <caption className="sr-only">{title}</caption>
            <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
              <tr>
                <th scope="col" className="px-3 py-2">Day</th>
                <th scope="col" className="px-3 py-2 text-right">Sessions</th>
                <th scope="col" className="px-3 py-2 text-right">GMV</th>
                <th scope="col" className="px-3 py-2 text-right">Revenue</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {points.map((p) => (
                <tr key={p.day}>
                  <th scope="row" className="px-3 py-1.5 text-left font-normal text-slate-700">{p.label}</th>
                  <td className="px-3 py-1.5 text-right tabular-nums text-slate-700">{p.sessionsEnded}</td>
                  <td className="px-3 py-1.5 text-right tabular-nums text-slate-900">{money(p.chargeCents)}</td>
                  <td className="px-3 py-1.5 text-right tabular-nums text-slate-900">{money(p.revenueCents)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
