"use client";

import { useQuery } from "convex/react";
import { useState } from "react";
import { api } from "@/convex/_generated/api";
import type { Id } from "@/convex/_generated/dataModel";
import { Skeleton } from "@/components/ui/spinner";
import { cn } from "@/components/ui/cn";
import { SLOT_STEP_MINUTES, SLOT_WINDOW_DAYS } from "@/lib/bookings/availability";
import { groupSlotsByDay, zoneLabel } from "@/lib/bookings/slotDays";
import { useViewerTimeZone } from "./use-viewer-zone";

const STEP_MS = SLOT_STEP_MINUTES * 60_000;

/** The next SLOT_WINDOW_DAYS from now, fixed when the picker opens so the live query keeps one window. */
function useWindow() {
  const [window] = useState(() => {
    const from = Math.ceil(Date.now() / STEP_MS) * STEP_MS;
    return { from, to: from + SLOT_WINDOW_DAYS * 24 * 60 * 60_000 };
  });
  return window;
}

/**
 * An advisor's open times for a booking of `durationMinutes` over the next
 * 14 days, shown on the viewer's own calendar and clock (the zone is named).
 * Pick a day, then a time; each is a button, so it works with the keyboard.
 */
export function SlotPicker({
  advisorId,
  durationMinutes,
  selected = null,
  onSelect,
}: {
  advisorId: Id<"advisors">;
  durationMinutes: number;
  selected?: number | null;
  onSelect: (start: number) => void;
}) {
  const timeZone = useViewerTimeZone();
  const { from, to } = useWindow();
  const slots = useQuery(api.availability.slots, { advisorId, durationMinutes, from, to });
  const [chosenDay, setChosenDay] = useState<string | null>(null);

  if (slots === undefined) {
    return (
      <div className="space-y-2" aria-busy="true" aria-label="Loading open times">
        <Skeleton className="h-10" />
        <Skeleton className="h-24" />
      </div>
    );
  }
  const days = groupSlotsByDay(slots, timeZone);
  if (days.length === 0) {
    return <p className="rounded-lg border border-dashed border-slate-300 px-4 py-6 text-center text-sm text-slate-600">No open times in the next {SLOT_WINDOW_DAYS} days.</p>;
  }
  const selectedDay = selected === null ? undefined : days.find((d) => d.slots.some((s) => s.start === selected));
  const day = days.find((d) => d.key === chosenDay) ?? selectedDay ?? days[0]!;

  return (
    <div className="space-y-3" data-testid="slot-picker">
      <p className="text-xs text-slate-500">Times in your time zone: {zoneLabel(timeZone, from)}</p>
      <div role="group" aria-label="Day" className="-mx-1 flex gap-2 overflow-x-auto px-1 pb-1">
        {days.map((d) => (
          <button
            key={d.key}
            type="button"
            aria-pressed={d.key === day.key}
            onClick={() => setChosenDay(d.key)}
            className={cn(
              "shrink-0 rounded-lg px-3 py-2 text-sm font-medium ring-1 ring-inset focus-visible:outline-2 focus-visible:outline-brand-600",
              d.key === day.key ? "bg-brand-600 text-white ring-brand-600" : "bg-white text-slate-700 ring-slate-300 hover:bg-slate-50",
            )}
          >
            {d.label}
          </button>
        ))}
      </div>
      <div role="group" aria-label={`Open times on ${day.label}`} className="grid grid-cols-[repeat(auto-fill,minmax(5.5rem,1fr))] gap-2">
        {day.slots.map((s) => (
          <button
            key={s.start}
            type="button"
            aria-pressed={s.start === selected}
            onClick={() => onSelect(s.start)}
            className={cn(
              "min-h-10 rounded-lg px-2 py-2 text-sm whitespace-nowrap tabular-nums ring-1 ring-inset focus-visible:outline-2 focus-visible:outline-brand-600",
              s.start === selected ? "bg-brand-600 font-semibold text-white ring-brand-600" : "bg-white text-slate-800 ring-slate-300 hover:bg-brand-50",
            )}
          >
            {s.time}
          </button>
        ))}
      </div>
    </div>
  );
}
