"use client";

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export type MoneySeries<P> = { key: keyof P & string; label: string; color: string };

/**
 * Amounts per period as bars (hidden from screen readers) with the same
 * numbers in a table a click away: the one way the app charts money. Amounts
 * stay integer cents; only labels are formatted, by `money`.
 */
export function MoneyBarChart<P extends { key: string; label: string; count: number }>({
  points,
  series,
  money,
  title,
  periodHeader,
  countHeader,
  tableTestId,
}: {
  points: readonly P[];
  series: readonly MoneySeries<P>[];
  money: (cents: number) => string;
  /** The table's caption (the figure's title). */
  title: string;
  periodHeader: string;
  countHeader: string;
  tableTestId: string;
}) {
  const labelOf = (key: string) => series.find((s) => s.key === key)?.label ?? key;
  return (
    <>
      <div className="h-56 w-full" aria-hidden="true">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={[...points]} margin={{ top: 8, right: 8, bottom: 0, left: 8 }} accessibilityLayer={false}>
            <CartesianGrid vertical={false} stroke="#e2e8f0" />
            <XAxis dataKey="label" tick={{ fontSize: 11, fill: "#64748b" }} interval="preserveStartEnd" minTickGap={16} tickLine={false} />
            <YAxis tickFormatter={money} tick={{ fontSize: 11, fill: "#64748b" }} width={64} allowDecimals={false} tickLine={false} axisLine={false} />
            <Tooltip formatter={(value, name) => [money(Number(value)), labelOf(String(name))]} cursor={{ fill: "#f1f5f9" }} />
            {series.length > 1 && <Legend formatter={(name) => labelOf(String(name))} wrapperStyle={{ fontSize: 12 }} />}
            {series.map((s) => (
              <Bar key={s.key} dataKey={s.key as string} fill={s.color} radius={[3, 3, 0, 0]} isAnimationActive={false} />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </div>
      <details className="rounded-lg border border-slate-200 text-sm">
        <summary className="cursor-pointer px-3 py-2 font-medium text-slate-700">Show the figures as a table</summary>
        <div className="max-h-72 overflow-y-auto">
          <table className="min-w-full divide-y divide-slate-200" data-testid={tableTestId}>
            <caption className="sr-only">{title}</caption>
            <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
              <tr>
                <th scope="col" className="px-3 py-2">{periodHeader}</th>
                <th scope="col" className="px-3 py-2 text-right">{countHeader}</th>
                {series.map((s) => (
                  <th key={s.key} scope="col" className="px-3 py-2 text-right">
                    {s.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {points.map((p) => (
                <tr key={p.key}>
                  <th scope="row" className="px-3 py-1.5 text-left font-normal text-slate-700">{p.label}</th>
                  <td className="px-3 py-1.5 text-right tabular-nums text-slate-700">{p.count}</td>
                  {series.map((s) => (
                    <td key={s.key} className="px-3 py-1.5 text-right tabular-nums text-slate-900">
                      {money(Number(p[s.key]))}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </>
  );
}
