"use client";

import { useQuery } from "convex/react";
import { Fragment, useState } from "react";
import { api } from "@/convex/_generated/api";
import type { Id } from "@/convex/_generated/dataModel";
import { useViewerTimeZone } from "@/components/bookings/use-viewer-zone";
import { SLOT_WINDOW_DAYS } from "@/lib/bookings/availability";
import { zoneLabel } from "@/lib/bookings/slotDays";
import { weeklySummary } from "@/lib/bookings/weeklySummary";

/** The advisor's weekly hours in the viewer's zone and their next open time; nothing for an advisor without hours. */
export function AdvisorAvailability({ advisorId }: { advisorId: Id<"advisors"> }) {
  const summary = useQuery(api.availability.summary, { advisorId });
  const timeZone = useViewerTimeZone();
  const [openedAt] = useState(() => Date.now());
  if (summary === undefined || summary === null) return null;
  const now = openedAt;
  const lines = weeklySummary(summary, timeZone, now);
  const when = new Intl.DateTimeFormat(undefined, { timeZone, weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" });
  return (
    <section aria-labelledby="availability-title" data-testid="advisor-availability">
      <h2 id="availability-title" className="mt-8 text-sm font-semibold text-slate-900">
        Availability
      </h2>
      <p className="mt-1 text-xs text-slate-500">Weekly hours in your time zone, {zoneLabel(timeZone, now)}</p>
      <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
        {lines.map((line) => (
          <div key={line.days} className="contents">
            <dt className="font-medium text-slate-800">{line.days}</dt>
            <dd className="text-slate-700 tabular-nums">
              {line.hours.split(", ").map((range, i) => (
                <Fragment key={range}>
                  {i > 0 && ", "}
                  <span className="whitespace-nowrap">{range}</span>
                </Fragment>
              ))}
            </dd>
          </div>
        ))}
      </dl>
      <p className="mt-3 text-sm text-slate-700">
        {summary.nextOpen === null ? `No open times in the next ${SLOT_WINDOW_DAYS} days.` : <>Next open time: <strong>{when.format(summary.nextOpen)}</strong></>}
      </p>
    </section>
  );
}
