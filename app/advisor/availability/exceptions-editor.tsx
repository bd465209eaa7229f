"use client";

import { useId } from "react";
import { Button } from "@/components/ui/button";
import { FieldMessages, Input, Select } from "@/components/ui/field";
import type { TimeRange } from "@/lib/bookings/availability";
import { RangeList, nextRange } from "./range-list";

export type ExceptionRow = { key: number; date: string; off: boolean; ranges: TimeRange[] };

/** Dates that differ from the weekly hours: a day off, or other hours that replace the day's. */
export function ExceptionsEditor({
  rows,
  dates,
  max,
  maxPerDay,
  error,
  onChange,
}: {
  rows: ExceptionRow[];
  dates: { first: string; last: string };
  max: number;
  maxPerDay: number;
  error?: string;
  onChange: (rows: ExceptionRow[]) => void;
}) {
  const id = useId();
  const set = (key: number, change: Partial<ExceptionRow>) => onChange(rows.map((r) => (r.key === key ? { ...r, ...change } : r)));
  const add = () => onChange([...rows, { key: Math.max(0, ...rows.map((r) => r.key + 1)), date: dates.first, off: true, ranges: [nextRange([])] }]);
  return (
    <fieldset className="space-y-3" aria-describedby={error ? `${id}-error` : `${id}-hint`} aria-invalid={error ? true : undefined}>
      <legend className="text-sm font-medium text-slate-800">Dates with other hours</legend>
      <FieldMessages id={id} hint={`A day off or other hours on a date, from today to ${dates.last}.`} error={error} />
      {rows.length > 0 && (
        <ul className="divide-y divide-slate-100 rounded-lg ring-1 ring-slate-200">
          {rows.map((row) => (
            <li key={row.key} className="flex flex-col gap-2 p-3 sm:flex-row sm:flex-wrap sm:items-start">
              <div className="w-44">
                <Input type="date" aria-label="Date" min={dates.first} max={dates.last} value={row.date} onChange={(e) => set(row.key, { date: e.target.value })} />
              </div>
              <div className="w-40">
                <Select aria-label={`What happens on ${row.date}`} value={row.off ? "off" : "hours"} onChange={(e) => set(row.key, { off: e.target.value === "off" })}>
                  <option value="off">Day off</option>
                  <option value="hours">Other hours</option>
                </Select>
              </div>
              {!row.off && (
                <div className="flex-1">
                  <RangeList label={row.date} ranges={row.ranges} max={maxPerDay} onChange={(ranges) => set(row.key, { ranges })} />
                </div>
              )}
              <Button variant="ghost" size="sm" aria-label={`Remove the date ${row.date}`} onClick={() => onChange(rows.filter((r) => r.key !== row.key))}>
                Remove date
              </Button>
            </li>
          ))}
        </ul>
      )}
      {rows.length < max && (
        <Button variant="secondary" size="sm" onClick={add}>
          Add a date
        </Button>
      )}
    </fieldset>
  );
}
