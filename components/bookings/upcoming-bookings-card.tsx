"use client";

import { useQuery } from "convex/react";
import Link from "next/link";
import { api } from "@/convex/_generated/api";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/spinner";
import { formatSlotRange } from "./format";

const SHOWN = 3;

/** The advisor dashboard's next bookings (live), linking to the bookings page where they are joined. */
export function UpcomingBookingsCard() {
  const upcoming = useQuery(api.bookings.advisorUpcoming, {});
  return (
    <Card>
      <CardHeader title="Upcoming bookings" action={<Link href="/advisor/bookings" className="text-sm font-medium text-brand-700 hover:text-brand-900">All bookings →</Link>} />
      <CardBody>
        {upcoming === undefined ? (
          <Skeleton className="h-16 w-full" />
        ) : upcoming.length === 0 ? (
          <p className="text-sm text-slate-600">
            No upcoming bookings. Clients book the open times of your{" "}
            <Link href="/advisor/availability" className="font-medium text-brand-700 underline">
              availability
            </Link>
            .
          </p>
        ) : (
          <ul className="divide-y divide-slate-100 text-sm" data-testid="upcoming-bookings">
            {upcoming.slice(0, SHOWN).map((b) => (
              <li key={b._id} className="flex flex-wrap justify-between gap-2 py-2">
                <span className="font-medium text-slate-900">{formatSlotRange(b.startsAt, b.endsAt)}</span>
                <span className="text-slate-600">
                  {b.durationMinutes}-min {b.kind} with {b.client.name}
                </span>
              </li>
            ))}
          </ul>
        )}
      </CardBody>
    </Card>
  );
}
