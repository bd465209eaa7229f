"use client";

import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/field";
import { SLOT_STEP_MINUTES, timeOf, type TimeRange } from "@/lib/bookings/availability";

const TIMES = Array.from({ length: (24 * 60) / SLOT_STEP_MINUTES + 1 }, (_, i) => timeOf(i * SLOT_STEP_MINUTES));
const STARTS = TIMES.slice(0, -1);
const ENDS = TIMES.slice(1);

/** The next range to offer after `ranges`: an hour after the last one ends, or 09:00–17:00. */
export function nextRange(ranges: readonly TimeRange[]): TimeRange {
  const last = ranges[ranges.length - 1];
  if (last === undefined) return { start: "09:00", end: "17:00" };
  const from = Math.min(TIMES.indexOf(last.end) + 4, TIMES.length - 2);
  return { start: TIMES[from]!, end: TIMES[Math.min(from + 4, TIMES.length - 1)]! };
}

/** A day's ranges as start/end pickers on the quarter hour, each removable, with a button to add one. */
export function RangeList({
  label,
  ranges,
  max,
  onChange,
}: {
  label: string;
  ranges: TimeRange[];
  max: number;
  onChange: (ranges: TimeRange[]) => void;
}) {
  const set = (i: number, change: Partial<TimeRange>) => onChange(ranges.map((r, j) => (j === i ? { ...r, ...change } : r)));
  return (
    <div className="space-y-2">
      {ranges.map((range, i) => (
        <div key={i} className="flex flex-wrap items-center gap-2">
          <div className="w-24 sm:w-28">
            <Select aria-label={`${label}, range ${i + 1} start`} value={range.start} onChange={(e) => set(i, { start: e.target.value })}>
              {STARTS.map((t) => (
                <option key={t}>{t}</option>
              ))}
            </Select>
          </div>
          <span aria-hidden="true" className="text-slate-500">
            –
          </span>
          <div className="w-24 sm:w-28">
            <Select aria-label={`${label}, range ${i + 1} end`} value={range.end} onChange={(e) => set(i, { end: e.target.value })}>
              {ENDS.map((t) => (
                <option key={t}>{t}</option>
              ))}
            </Select>
          </div>
          <Button variant="ghost" size="sm" aria-label={`Remove ${label} ${range.start}–${range.end}`} onClick={() => onChange(ranges.filter((_, j) => j !== i))}>
            Remove
          </Button>
        </div>
      ))}
      {ranges.length < max && (
        <Button variant="secondary" size="sm" aria-label={`Add hours on ${label}`} onClick={() => onChange([...ranges, nextRange(ranges)])}>
          Add hours
        </Button>
      )}
    </div>
  );
}
