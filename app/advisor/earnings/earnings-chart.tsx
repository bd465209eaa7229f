"use client";

import { useId, useState } from "react";
import type { EarningsOverview } from "@/convex/model/earningsRollup";
import { MoneyBarChart } from "@/components/charts/money-bar-chart";
import { Button } from "@/components/ui/button";
import { formatMoney } from "@/lib/money";

type Span = "days" | "months";
type Point = { key: string; label: string; earnedCents: number; sessions: number };

const DAY_MS = 24 * 60 * 60 * 1000;
const dayLabel = new Intl.DateTimeFormat(undefined, { month: "short", day: "numeric", timeZone: "UTC" });
const monthLabel = new Intl.DateTimeFormat(undefined, { month: "short", year: "numeric", timeZone: "UTC" });

/** The last 30 UTC days or 12 UTC months ending today, with zero where nothing was earned. */
export function chartPoints(days: EarningsOverview["days"], span: Span, now: number): Point[] {
  const byKey = new Map<string, { earnedCents: number; sessions: number }>();
  for (const d of days) {
    const key = span === "days" ? d.day : d.day.slice(0, 7);
    const sum = byKey.get(key) ?? { earnedCents: 0, sessions: 0 };
    byKey.set(key, { earnedCents: sum.earnedCents + d.earnedCents, sessions: sum.sessions + d.sessions });
  }
  const points: Point[] = [];
  if (span === "days") {
    for (let i = 29; i >= 0; i--) {
      const at = now - i * DAY_MS;
      const key = new Date(at).toISOString().slice(0, 10);
      points.push({ key, label: dayLabel.format(at), ...(byKey.get(key) ?? { earnedCents: 0, sessions: 0 }) });
    }
  } else {
    const today = new Date(now);
    for (let i = 11; i >= 0; i--) {
      const at = Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - i, 1);
      const key = new Date(at).toISOString().slice(0, 7);
      points.push({ key, label: monthLabel.format(at), ...(byKey.get(key) ?? { earnedCents: 0, sessions: 0 }) });
    }
  }
  return points;
}

/**
 * Earnings over time as a bar chart, described for screen readers, with the
 * same numbers as a table underneath (SPEC §6). Amounts stay integer cents;
 * only the labels are formatted.
 */
export function EarningsChart({ overview, now }: { overview: EarningsOverview; now: number }) {
  const [span, setSpan] = useState<Span>("days");
  const id = useId();
  const points = chartPoints(overview.days, span, now);
  const total = points.reduce((sum, p) => sum + p.earnedCents, 0);
  const money = (cents: number) => formatMoney(cents, overview.currency);
  const title = span === "days" ? "Earnings per day, last 30 days (UTC)" : "Earnings per month, last 12 months (UTC)";
  const description = `${money(total)} earned in ${points.filter((p) => p.earnedCents > 0).length} of ${points.length} ${span === "days" ? "days" : "months"}; the table below has every figure.`;

  return (
    <figure className="space-y-3" aria-labelledby={`${id}-title`} aria-describedby={`${id}-desc`} data-testid="earnings-chart">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <figcaption>
          <h3 id={`${id}-title`} className="text-sm font-semibold text-slate-900">
            {title}
          </h3>
          <p id={`${id}-desc`} className="text-xs text-slate-500">
            {description}
          </p>
        </figcaption>
        <div role="group" aria-label="Chart span" className="flex gap-1">
          <Button size="sm" variant={span === "days" ? "primary" : "secondary"} aria-pressed={span === "days"} onClick={() => setSpan("days")}>
            30 days
          </Button>
          <Button size="sm" variant={span === "months" ? "primary" : "secondary"} aria-pressed={span === "months"} onClick={() => setSpan("months")}>
            12 months
          </Button>
        </div>
      </div>
      <MoneyBarChart
        points={points.map((p) => ({ ...p, count: p.sessions }))}
        series={[{ key: "earnedCents", label: "Earned", color: "#4f46e5" }]}
        money={money}
        title={title}
        periodHeader={span === "days" ? "Day" : "Month"}
        countHeader="Sessions"
        tableTestId="earnings-chart-table"
      />
    </figure>
  );
}
