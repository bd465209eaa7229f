"use client";

import { useQuery } from "convex/react";
import { useState } from "react";
import { api } from "@/convex/_generated/api";
import type { Id } from "@/convex/_generated/dataModel";
import { Skeleton } from "@/components/ui/spinner";
import { SLOT_STEP_MINUTES, SLOT_WINDOW_DAYS } from "@/lib/bookings/availability";
import { groupSlotsByDay, zoneLabel } from "@/lib/bookings/slotDays";

const PREVIEW_MINUTES = 30;
const DAYS_SHOWN = 5;
const STEP_MS = SLOT_STEP_MINUTES * 60_000;

/** The open 30-minute times clients see now (from the saved availability, live), on the advisor's own clock. */
export function SlotsPreview({ advisorId, viewerZone }: { advisorId: Id<"advisors">; viewerZone: string }) {
  const [window] = useState(() => {
    const from = Math.ceil(Date.now() / STEP_MS) * STEP_MS;
    return { from, to: from + SLOT_WINDOW_DAYS * 24 * 60 * 60_000 };
  });
  const slots = useQuery(api.availability.slots, { advisorId, durationMinutes: PREVIEW_MINUTES, ...window });
  const days = slots === undefined ? undefined : groupSlotsByDay(slots, viewerZone).slice(0, DAYS_SHOWN);
  return (
    <aside aria-labelledby="slots-preview-title" className="self-start rounded-xl border border-slate-200 p-4" data-testid="slots-preview">
      <h2 id="slots-preview-title" className="text-sm font-semibold text-slate-900">
        Next open times
      </h2>
      <p className="mt-1 text-xs text-slate-500">
        {PREVIEW_MINUTES}-minute bookings clients can make now, after saving. Times in {zoneLabel(viewerZone, window.from)}.
      </p>
      {days === undefined ? (
        <div className="mt-3 space-y-2" aria-busy="true" aria-label="Loading open times">
          <Skeleton className="h-6" />
          <Skeleton className="h-6" />
        </div>
      ) : days.length === 0 ? (
        <p className="mt-3 text-sm text-slate-600">No open times in the next {SLOT_WINDOW_DAYS} days.</p>
      ) : (
        <dl className="mt-3 space-y-2 text-sm">
          {days.map((day) => (
            <div key={day.key}>
              <dt className="font-medium text-slate-800">{day.label}</dt>
              <dd className="text-slate-600 tabular-nums">
                {day.slots.length} open from {day.slots[0]!.time} to {day.slots[day.slots.length - 1]!.time}
              </dd>
            </div>
          ))}
        </dl>
      )}
    </aside>
  );
}
