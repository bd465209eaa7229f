"use client";

import { useId } from "react";
import { MoneyBarChart } from "@/components/charts/money-bar-chart";
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
  const points = days.map((d) => ({ ...d, key: d.day, label: labelOf(d.day), count: d.sessionsEnded, revenueCents: d.feeCents - d.feeRefundedCents }));
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
      <MoneyBarChart
        points={points}
        series={[
          { key: "chargeCents", label: "GMV", color: "#4f46e5" },
          { key: "revenueCents", label: "Revenue", color: "#0d9488" },
        ]}
        money={money}
        title={title}
        periodHeader="Day"
        countHeader="Sessions"
        tableTestId="platform-chart-table"
      />
    </figure>
  );
}
