"use client";

import { useId } from "react";
import { FieldMessages } from "@/components/ui/field";
import { WEEKDAYS, WEEKDAY_NAMES, type TimeRange, type WeeklyRange } from "@/lib/bookings/availability";
import { RangeList } from "./range-list";

export function byWeekday(weekly: readonly WeeklyRange[]): Record<number, TimeRange[]> {
  return Object.fromEntries(WEEKDAYS.map((day) => [day, weekly.filter((r) => r.weekday === day).map(({ start, end }) => ({ start, end }))]));
}

export function fromWeekdays(weekly: Record<number, TimeRange[]>): WeeklyRange[] {
  return WEEKDAYS.flatMap((weekday) => (weekly[weekday] ?? []).map((r) => ({ weekday, ...r })));
}

/** Each weekday's ranges, in the advisor's zone; a day without any is a day off. */
export function WeeklyEditor({
  weekly,
  maxPerDay,
  error,
  onChange,
}: {
  weekly: Record<number, TimeRange[]>;
  maxPerDay: number;
  error?: string;
  onChange: (weekly: Record<number, TimeRange[]>) => void;
}) {
  const id = useId();
  return (
    <fieldset className="space-y-3" aria-describedby={error ? `${id}-error` : `${id}-hint`} aria-invalid={error ? true : undefined}>
      <legend className="text-sm font-medium text-slate-800">Weekly hours</legend>
      <FieldMessages id={id} hint="Up to six ranges a day, on the quarter hour. Days without hours take no bookings." error={error} />
      <ul className="divide-y divide-slate-100 rounded-lg ring-1 ring-slate-200">
        {WEEKDAYS.map((day) => {
          const name = WEEKDAY_NAMES[day - 1]!;
          const ranges = weekly[day] ?? [];
          return (
            <li key={day} className="flex flex-col gap-2 p-3 sm:flex-row sm:items-start" aria-label={name}>
              <span className="w-28 shrink-0 pt-1.5 text-sm font-medium text-slate-900">{name}</span>
              <div className="flex-1 space-y-2">
                {ranges.length === 0 && <p className="pt-1.5 text-sm text-slate-500">No hours</p>}
                <RangeList label={name} ranges={ranges} max={maxPerDay} onChange={(next) => onChange({ ...weekly, [day]: next })} />
              </div>
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}
