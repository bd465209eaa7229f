"use client";

import { useMutation } from "convex/react";
import { api } from "@/convex/_generated/api";
import type { SessionView } from "@/convex/model/sessionsViews";
import { FormAlert } from "@/components/forms/form-alert";
import { useSubmit } from "@/components/forms/use-submit";
import { Button } from "@/components/ui/button";
import { formatMoney } from "@/lib/money";
import { formatDuration } from "./format";
import { useNow } from "./use-now";

/**
 * A booked session's prepaid time (SPEC §5): what is left of it, counted down
 * to the booking's end, and the agreement to go on past it at the per-second
 * rate (both must agree; the client needs the balance for it).
 */
export function BookedTime({ session }: { session: SessionView & { booked: NonNullable<SessionView["booked"]> } }) {
  const now = useNow(1000);
  const agree = useMutation(api.bookings.agreeToContinue);
  const { pending, formError, submit } = useSubmit();
  const left = Math.max(0, Math.ceil((session.booked.until - now) / 1000));
  const { client, advisor } = session.booked.continueAgreed;
  const participant = session.viewerRole === "client" || session.viewerRole === "advisor" ? session.viewerRole : null;
  const mine = participant === null ? false : session.booked.continueAgreed[participant];
  const rate = `${formatMoney(session.rateCentsPerMinute, session.currency)}/min`;
  const agreement = client && advisor ? `You both agreed: after the booked time the session goes on at ${rate}, billed per second.` : mine ? "You agreed to go on; waiting for the other side." : client || advisor ? `The ${client ? "client" : "advisor"} would like to go on at ${rate}.` : null;
  return (
    <section aria-label="Booked time" className="rounded-xl bg-brand-50 p-4 text-slate-900 ring-1 ring-inset ring-brand-200" data-testid="booked-time">
      <p className="text-xs font-semibold uppercase tracking-wide text-brand-800">Booked time left (until the booking ends)</p>
      <p className="mt-1 font-mono text-4xl font-semibold tabular-nums tracking-tight" role="timer" aria-live="off">
        {formatDuration(left)}
      </p>
      <p className="mt-2 text-sm text-slate-700">Prepaid booking: nothing is billed per second until the booked time is over.</p>
      {agreement && (
        <p className="mt-2 text-sm font-medium text-slate-800" role="status">
          {agreement}
        </p>
      )}
      {participant !== null && !mine && (
        <Button size="sm" variant="secondary" className="mt-3" pending={pending} onClick={() => void submit(() => agree({ bookingId: session.booked.bookingId }))}>
          Go on after the booked time ({rate})
        </Button>
      )}
      <FormAlert message={formError} className="mt-2" />
    </section>
  );
}
