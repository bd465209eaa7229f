"use client";

import { usePaginatedQuery, useQuery } from "convex/react";
import Link from "next/link";
import { api } from "@/convex/_generated/api";
import type { AdvisorBooking, ClientBooking } from "@/convex/model/bookingsViews";
import { useNow } from "@/components/sessions/use-now";
import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Icon } from "@/components/ui/icons";
import { LoadMore } from "@/components/ui/load-more";
import { Skeleton } from "@/components/ui/spinner";
import { formatMoney } from "@/lib/money";
import { BookingActions } from "./booking-actions";
import { BOOKING_STATUS_LABEL, BOOKING_STATUS_TONE, formatSlotRange } from "./format";
import { useViewerTimeZone } from "./use-viewer-zone";

type Row = (ClientBooking & { side: "client" }) | (AdvisorBooking & { side: "advisor" });

function who(row: Row) {
  return row.side === "client" ? (
    <Link href={`/advisors/${row.advisorId}`} className="font-medium text-brand-700 hover:underline">
      {row.advisor.name}
    </Link>
  ) : (
    <span className="font-medium text-slate-900">{row.client.name}</span>
  );
}

function money(row: Row): string {
  if (row.chargedCents === undefined) return `${formatMoney(row.priceCents, row.currency)} held`;
  if (row.side === "advisor" && row.earningCents !== undefined) return `${formatMoney(row.chargedCents, row.currency)} charged · you earn ${formatMoney(row.earningCents, row.currency)}`;
  return row.chargedCents === 0 ? "Nothing charged" : `${formatMoney(row.chargedCents, row.currency)} charged`;
}

function BookingRow({ row, now, actions }: { row: Row; now: number; actions: boolean }) {
  return (
    <li className="space-y-2 py-4" data-testid="booking-row">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <p className="text-sm text-slate-900">
          <span className="font-semibold" data-testid="booking-time">
            {formatSlotRange(row.startsAt, row.endsAt)}
          </span>{" "}
          · {row.durationMinutes}-min {row.kind} with {who(row)}
        </p>
        <Badge tone={BOOKING_STATUS_TONE[row.status]}>{BOOKING_STATUS_LABEL[row.status]}</Badge>
      </div>
      <p className="text-sm text-slate-600">
        {money(row)}
        {row.reschedules > 0 && ` · moved ${row.reschedules}×`}
        {row.cancelReason && ` · “${row.cancelReason}”`}
        {row.sessionId && row.status !== "confirmed" && row.status !== "in_progress" && (
          <>
            {" · "}
            <Link href={`/session/${row.sessionId}/receipt`} className="text-brand-700 underline">
              Receipt
            </Link>
          </>
        )}
      </p>
      {row.note && <p className="text-sm text-slate-600">Note: {row.note}</p>}
      {actions && <BookingActions booking={row} side={row.side} now={now} />}
    </li>
  );
}

/** Upcoming bookings (with join, move and cancel) and every booking of one side, times in the viewer's zone; live. */
export function BookingList({ side }: { side: "client" | "advisor" }) {
  const now = useNow(15_000);
  const timeZone = useViewerTimeZone();
  const upcoming = useQuery(side === "client" ? api.bookings.upcoming : api.bookings.advisorUpcoming, {});
  const history = usePaginatedQuery(side === "client" ? api.bookings.history : api.bookings.advisorHistory, {}, { initialNumItems: 10 });
  const tag = (rows: (ClientBooking | AdvisorBooking)[]): Row[] => rows.map((r) => ({ ...r, side }) as Row);
  return (
    <div className="space-y-6">
      <Card>
        <CardHeader title="Upcoming" description={`Times are in your time zone (${timeZone}).`} />
        <CardBody>
          {upcoming === undefined ? (
            <Skeleton className="h-24 w-full" />
          ) : upcoming.length === 0 ? (
            <EmptyState icon={<Icon name="clock" />} title="No upcoming bookings">
              {side === "client" ? "Book a session from an advisor's page." : "Clients book the open times of your availability."}
            </EmptyState>
          ) : (
            <ul className="divide-y divide-slate-100" aria-label="Upcoming bookings">
              {tag(upcoming).map((row) => (
                <BookingRow key={row._id} row={row} now={now} actions />
              ))}
            </ul>
          )}
        </CardBody>
      </Card>
      <Card>
        <CardHeader title="All bookings" />
        <CardBody>
          {history.status === "LoadingFirstPage" ? (
            <Skeleton className="h-24 w-full" />
          ) : history.results.length === 0 ? (
            <p className="text-sm text-slate-600">No bookings yet.</p>
          ) : (
            <ul className="divide-y divide-slate-100" aria-label="All bookings">
              {tag(history.results).map((row) => (
                <BookingRow key={row._id} row={row} now={now} actions={false} />
              ))}
            </ul>
          )}
          <LoadMore status={history.status} onLoadMore={() => history.loadMore(10)} label="Show more bookings" />
        </CardBody>
      </Card>
    </div>
  );
}
