"use client";

import { useMutation, useQuery } from "convex/react";
import Link from "next/link";
import { useRef, useState } from "react";
import { api } from "@/convex/_generated/api";
import type { Id } from "@/convex/_generated/dataModel";
import { useViewer } from "@/components/auth/viewer";
import { formatSlotRange, policyLines } from "@/components/bookings/format";
import { useViewerTimeZone } from "@/components/bookings/use-viewer-zone";
import { SlotPicker } from "@/components/bookings/slot-picker";
import { useSubmit } from "@/components/forms/use-submit";
import { FormAlert } from "@/components/forms/form-alert";
import { TopUpDialog } from "@/components/sessions/top-up-dialog";
import { Button, ButtonLink } from "@/components/ui/button";
import { FieldMessages, Textarea } from "@/components/ui/field";
import { BOOKING_DURATIONS, type BookingDuration } from "@/lib/bookings/rules";
import { formatMoney } from "@/lib/money";

type Kind = "chat" | "video";
const NOTE_MAX = 500;

/**
 * Book a session for later (SPEC §5): kind, duration and an open slot in the
 * viewer's time zone, then the price and the policy that will be snapshotted,
 * shown before confirming. A short balance offers a top-up in place, so the
 * choice stays and the client books right after.
 */
export function BookSession({ advisorId, advisorName }: { advisorId: Id<"advisors">; advisorName: string }) {
  const viewer = useViewer();
  const [kind, setKind] = useState<Kind>("chat");
  const [duration, setDuration] = useState<BookingDuration>(30);
  const [start, setStart] = useState<number | null>(null);
  const [note, setNote] = useState("");
  const [booked, setBooked] = useState<{ startsAt: number; endsAt: number } | null>(null);
  const form = useRef<HTMLDivElement>(null);
  const { pending, formError, fieldErrors, submit, check, clear } = useSubmit(["note", "startsAt"] as const, form);
  const quote = useQuery(api.bookings.quote, viewer?.role === "client" ? { advisorId, kind, durationMinutes: duration } : "skip");
  const book = useMutation(api.bookings.book);
  const [short, setShort] = useState(false);
  const timeZone = useViewerTimeZone();

  if (viewer === null) {
    return (
      <ButtonLink variant="secondary" href={`/sign-in?next=${encodeURIComponent(`/advisors/${advisorId}`)}`} className="w-full">
        Sign in to book a session
      </ButtonLink>
    );
  }
  if (viewer.role !== "client") return null;
  if (booked !== null) {
    return (
      <div role="status" className="space-y-2 rounded-lg bg-green-50 px-3 py-3 text-sm text-green-900" data-testid="booking-confirmed">
        <p className="font-semibold">Booked with {advisorName}</p>
        <p>{formatSlotRange(booked.startsAt, booked.endsAt)} (your time)</p>
        <Link href="/bookings" className="font-medium underline">
          See your bookings
        </Link>
      </div>
    );
  }

  async function confirm() {
    setShort(false);
    if (!check({ note: note.trim().length > NOTE_MAX ? `A note may have at most ${NOTE_MAX} characters.` : null, startsAt: start === null ? "Choose a time." : null })) return;
    const outcome = await submit(() => book({ advisorId, kind, durationMinutes: duration, startsAt: start!, clientTimeZone: timeZone, note: note.trim() || undefined }));
    if (outcome.ok) setBooked({ startsAt: start!, endsAt: start! + duration * 60_000 });
    else if (outcome.error.code === "INSUFFICIENT_FUNDS") setShort(true);
  }

  const choose = (next: () => void) => {
    next();
    setStart(null);
    clear();
  };
  return (
    <div ref={form} className="space-y-4" data-testid="book-session">
      <fieldset>
        <legend className="text-sm font-medium text-slate-900">Kind</legend>
        <div className="mt-1 flex gap-2">
          {(["chat", "video"] as const).map((k) => (
            <label key={k} className="flex items-center gap-1.5 text-sm text-slate-700">
              <input type="radio" name="booking-kind" value={k} checked={kind === k} onChange={() => choose(() => setKind(k))} />
              {k === "chat" ? "Chat" : "Video"}
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset>
        <legend className="text-sm font-medium text-slate-900">Length</legend>
        <div className="mt-1 flex gap-2">
          {BOOKING_DURATIONS.map((d) => (
            <label key={d} className="flex items-center gap-1.5 text-sm text-slate-700">
              <input type="radio" name="booking-duration" value={d} checked={duration === d} onChange={() => choose(() => setDuration(d))} />
              {d} min
            </label>
          ))}
        </div>
      </fieldset>
      <div>
        <SlotPicker advisorId={advisorId} durationMinutes={duration} selected={start} onSelect={(at) => { setStart(at); clear(); }} />
        <FieldMessages id="booking-start" error={fieldErrors.startsAt} />
      </div>
      {start !== null && quote !== undefined && (
        <section aria-labelledby="booking-summary" className="space-y-2 rounded-lg bg-slate-50 p-3 text-sm" data-testid="booking-summary">
          <h3 id="booking-summary" className="font-semibold text-slate-900">
            {formatSlotRange(start, start + duration * 60_000)} · {formatMoney(quote.priceCents, quote.currency)}
          </h3>
          <p className="text-slate-600">
            {duration} minutes of {kind} at {formatMoney(quote.rateCentsPerMinute, quote.currency)}/min, held from your balance now.
          </p>
          <ul className="list-disc space-y-1 pl-5 text-slate-600">
            {policyLines(quote.policy, quote.priceCents, quote.currency).map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
          <label htmlFor="booking-note" className="block pt-1 font-medium text-slate-900">
            Note for {advisorName} (optional)
          </label>
          <Textarea id="booking-note" rows={2} value={note} onChange={(e) => setNote(e.target.value)} aria-invalid={Boolean(fieldErrors.note)} aria-describedby={fieldErrors.note ? "booking-note-error" : undefined} />
          <FieldMessages id="booking-note" error={fieldErrors.note} />
          <Button className="w-full" pending={pending} onClick={() => void confirm()}>
            Book for {formatMoney(quote.priceCents, quote.currency)}
          </Button>
        </section>
      )}
      {formError && <FormAlert message={formError} />}
      {short && (
        <div className="flex items-center justify-between gap-3 text-sm text-slate-700" data-testid="booking-top-up">
          <span>Top up, then book this time.</span>
          <TopUpDialog highlight />
        </div>
      )}
    </div>
  );
}
