"use client";

import type { SessionView } from "@/convex/model/sessionsViews";
import { cn } from "@/components/ui/cn";
import { END_REASON_LABEL, formatCountdown } from "./format";
import { useNow } from "./use-now";

function pausedText(session: SessionView): string {
  const client = session.viewerRole === "client";
  switch (session.pauseReason) {
    case "zero_balance":
      return client
        ? "Your balance is used up. The chat is read-only until you top up and resume."
        : "The client's balance is used up. The chat is read-only until they top up and resume.";
    case "inactive":
      return "No messages for a while, so billing stopped. It resumes with the next message.";
    case "disconnected":
      return "Reconnecting. Billing resumes by itself when both sides are back.";
    default:
      return "Paused by a participant. Billing is stopped until someone resumes.";
  }
}

/** One line that says what state the session is in and why, announced politely when it changes. */
export function StatusBanner({ session }: { session: SessionView }) {
  const now = useNow(1000, session.endsAt !== undefined);
  const endsIn = session.endsAt === undefined ? null : formatCountdown((session.endsAt - now) / 1000);
  let tone = "bg-emerald-50 text-emerald-900 ring-emerald-200";
  let title = "Active";
  let text = "Billing by the second at the rate agreed when the session was requested.";
  if (session.booked?.prepaid === true) {
    tone = "bg-brand-50 text-brand-900 ring-brand-200";
    title = "Booked session";
    text = `Prepaid until ${new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit" }).format(session.booked.until)}: nothing is billed per second during the booked time.`;
  } else if (session.awaitingConnection) {
    tone = "bg-sky-50 text-sky-900 ring-sky-200";
    title = "Connecting";
    text = "Billing starts when you are both connected to the call.";
  } else if (session.status === "paused") {
    tone = "bg-amber-50 text-amber-900 ring-amber-200";
    title = "Paused";
    text = pausedText(session);
  } else if (session.status === "ended") {
    tone = "bg-slate-100 text-slate-800 ring-slate-200";
    title = "Ended";
    text = session.endReason ? `${END_REASON_LABEL[session.endReason]}.` : "The session has ended.";
  }
  return (
    <div role="status" data-testid="session-status" data-status={session.status} data-reason={session.pauseReason ?? session.endReason ?? ""} className={cn("rounded-xl px-4 py-3 text-sm ring-1 ring-inset", tone)}>
      <span className="font-semibold">{title}.</span> {text}
      {endsIn !== null && session.status !== "ended" && (
        // A countdown read out every second would drown the announcement it belongs to.
        <span aria-live="off" data-testid="session-ends-in">
          {" "}
          The session ends in <span className="font-semibold tabular-nums">{endsIn}</span> {session.pauseReason === "zero_balance" ? "unless topped up" : "unless you are both connected"}.
        </span>
      )}
    </div>
  );
}
