"use client";

import { useMutation } from "convex/react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { api } from "@/convex/_generated/api";
import type { Doc, Id } from "@/convex/_generated/dataModel";
import { FormAlert } from "@/components/forms/form-alert";
import { ReasonForm } from "@/components/forms/reason-form";
import { useSubmit } from "@/components/forms/use-submit";
import { SlotPicker } from "@/components/bookings/slot-picker";
import { Button } from "@/components/ui/button";
import { formatMoney } from "@/lib/money";
import { formatDateTime } from "./format";

export type ActionableBooking = {
  _id: Id<"bookings">;
  advisorId: Id<"advisors">;
  status: Doc<"bookings">["status"];
  startsAt: number;
  endsAt: number;
  durationMinutes: number;
  priceCents: number;
  currency: string;
  joinOpensAt: number;
  freeChangeUntil: number;
};

type Open = "none" | "cancel" | "move";

/**
 * Join, move and cancel for one upcoming booking, offered only when the
 * server would accept them (its rules decide again): the client may move or
 * cancel free until the window, and cancelling later charges in full, said
 * before confirming; the advisor may always, with a reason to cancel.
 */
export function BookingActions({ booking, side, now }: { booking: ActionableBooking; side: "client" | "advisor"; now: number }) {
  const router = useRouter();
  const join = useMutation(api.bookings.join);
  const cancel = useMutation(api.bookings.cancel);
  const reschedule = useMutation(api.bookings.reschedule);
  const { pending, formError, submit } = useSubmit();
  const [open, setOpen] = useState<Open>("none");
  const [moveTo, setMoveTo] = useState<number | null>(null);

  const live = booking.status === "confirmed" || booking.status === "in_progress";
  const joinable = live && now >= booking.joinOpensAt && now < booking.endsAt;
  const upcoming = booking.status === "confirmed" && now < booking.startsAt;
  const free = now < booking.freeChangeUntil;
  const mayMove = upcoming && (side === "advisor" || free);

  async function joinRoom() {
    const outcome = await submit(() => join({ bookingId: booking._id }));
    if (outcome.ok) router.push(`/session/${outcome.value}`);
  }

  return (
    <div className="space-y-2">
      <div className="flex flex-wrap gap-2">
        {live && (
          <Button size="sm" disabled={!joinable} pending={pending && open === "none"} onClick={() => void joinRoom()}>
            {joinable ? "Join" : `Join from ${formatDateTime(booking.joinOpensAt)}`}
          </Button>
        )}
        {mayMove && (
          <Button size="sm" variant="secondary" onClick={() => setOpen(open === "move" ? "none" : "move")} aria-expanded={open === "move"}>
            Move
          </Button>
        )}
        {upcoming && (
          <Button size="sm" variant="secondary" onClick={() => setOpen(open === "cancel" ? "none" : "cancel")} aria-expanded={open === "cancel"}>
            Cancel booking
          </Button>
        )}
      </div>
      {open === "move" && (
        <div className="space-y-2 rounded-lg bg-slate-50 p-3">
          <SlotPicker advisorId={booking.advisorId} durationMinutes={booking.durationMinutes} selected={moveTo} onSelect={setMoveTo} />
          <Button
            size="sm"
            disabled={moveTo === null}
            pending={pending}
            onClick={() => void submit(() => reschedule({ bookingId: booking._id, startsAt: moveTo! })).then((o) => o.ok && setOpen("none"))}
          >
            Move here (no extra charge)
          </Button>
        </div>
      )}
      {open === "cancel" && side === "client" && (
        <div className="space-y-2 rounded-lg bg-slate-50 p-3 text-sm text-slate-700" data-testid="cancel-confirm">
          <p>
            {free
              ? "Cancelling now is free: the held amount returns to your balance."
              : `The start is too close to cancel free: cancelling now charges the full ${formatMoney(booking.priceCents, booking.currency)}.`}
          </p>
          <div className="flex gap-2">
            <Button size="sm" variant="danger" pending={pending} onClick={() => void submit(() => cancel({ bookingId: booking._id }))}>
              {free ? "Cancel booking" : `Cancel and pay ${formatMoney(booking.priceCents, booking.currency)}`}
            </Button>
            <Button size="sm" variant="secondary" onClick={() => setOpen("none")}>
              Keep it
            </Button>
          </div>
        </div>
      )}
      {open === "cancel" && side === "advisor" && (
        <ReasonForm
          hint="The client sees it; nothing is charged to them."
          submitLabel="Cancel booking"
          onSubmit={(reason) => cancel({ bookingId: booking._id, reason })}
          onCancel={() => setOpen("none")}
        />
      )}
      <FormAlert message={formError} />
    </div>
  );
}
