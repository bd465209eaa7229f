import type { SessionView } from "@/convex/model/sessionsViews";
import { cn } from "@/components/ui/cn";
import { formatMoney } from "@/lib/money";
import { TIMER_COLOUR_CLASSES, TIMER_COLOUR_LABEL, formatDuration, formatTimeLeft } from "./format";

type TimerSession = SessionView;

function warningText(session: TimerSession): string | null {
  const client = session.viewerRole === "client";
  switch (session.warningLevel) {
    case "two_minutes":
      return client ? "About 2 minutes of balance left. Top up to keep talking." : "The client's balance runs out in about 2 minutes.";
    case "one_minute":
      return client ? "Less than 1 minute of balance left. Top up now to avoid a pause." : "The client's balance runs out in less than a minute.";
    case "exhausted":
      return client ? "Your balance is used up. The session is paused until you top up." : "The client's balance is used up. The session is paused until they top up.";
    default:
      return null;
  }
}

/** The meter of a session that is not live (not started, or ended): what was billed, in neutral colours, with no time left. */
function StoppedMeter({ session }: { session: TimerSession }) {
  const ended = session.status === "ended";
  return (
    <section aria-label="Session timer">
      <div className="rounded-xl bg-white p-4 text-slate-900 ring-1 ring-inset ring-slate-200" data-testid="session-timer" data-colour="none">
        <div className="flex items-baseline justify-between gap-2">
          <p className="text-xs font-semibold uppercase tracking-wide text-slate-500">Billed time</p>
          <p className="text-xs font-medium text-slate-500">{ended ? "Session ended" : "Not started"}</p>
        </div>
        <p className="mt-1 font-mono text-4xl font-semibold tabular-nums tracking-tight" data-testid="timer-billed">
          {formatDuration(session.billedSeconds)}
        </p>
        <dl className="mt-3 grid grid-cols-2 gap-x-4 gap-y-2 text-sm">
          <div>
            <dt className="text-slate-500">{ended ? "Total cost" : "Running cost"}</dt>
            <dd className="font-semibold tabular-nums" data-testid="timer-cost">
              {formatMoney(session.chargeCents, session.currency)}
            </dd>
          </div>
          <div>
            <dt className="text-slate-500">Rate</dt>
            <dd className="font-semibold tabular-nums" data-testid="timer-rate">{formatMoney(session.rateCentsPerMinute, session.currency)}/min</dd>
          </div>
        </dl>
      </div>
    </section>
  );
}

/**
 * The live meter on phones: one compact strip that sticks under the site
 * header (its height: the h-16 bar and, below md, the 3rem mobile nav, plus
 * their borders), so the meter stays in view while the person scrolls down to
 * the chat's message box. Desktop shows the full meter beside the chat.
 */
export function PhoneMeterBar({ session }: { session: TimerSession }) {
  const live = session.status === "active" || session.status === "paused";
  if (!live) return null;
  const colour = session.timerColour;
  const figure = "font-mono text-base font-semibold tabular-nums leading-tight";
  return (
    <section
      aria-label="Session meter"
      className={cn(
        "sticky top-[calc(7rem+2px)] z-20 -mx-4 mb-4 grid gap-2 px-4 py-2 shadow-sm ring-1 ring-inset sm:-mx-6 sm:px-6 md:top-[calc(4rem+1px)] lg:hidden",
        session.viewerRole === "advisor" ? "grid-cols-3" : "grid-cols-4",
        TIMER_COLOUR_CLASSES[colour],
      )}
      data-testid="phone-meter"
      data-colour={colour}
    >
      <div>
        <p className="text-[11px] font-semibold uppercase tracking-wide opacity-80">Billed</p>
        <p className={figure}>{formatDuration(session.billedSeconds)}</p>
      </div>
      <div>
        <p className="text-[11px] font-semibold uppercase tracking-wide opacity-80">Cost</p>
        <p className={figure}>{formatMoney(session.chargeCents, session.currency)}</p>
      </div>
      <div>
        <p className="text-[11px] font-semibold uppercase tracking-wide opacity-80">Time left</p>
        <p className={figure}>{formatTimeLeft(session.remainingSeconds)}</p>
      </div>
      {session.viewerRole !== "advisor" && (
        <div>
          <p className="text-[11px] font-semibold uppercase tracking-wide opacity-80">Balance</p>
          <p className={figure}>{formatMoney(session.availableCents, session.currency)}</p>
        </div>
      )}
    </section>
  );
}

/**
 * The live meter both participants see (the balance line only for the client
 * and admins: the advisor's view has no wallet figures). Every figure comes from the server's
 * billing clock through the session subscription (it ticks once a second);
 * the browser never computes money. Once the session is not live the meter
 * stops: no colour, no time left.
 */
export function SessionTimer({ session }: { session: TimerSession }) {
  const live = session.status === "active" || session.status === "paused";
  if (!live) return <StoppedMeter session={session} />;
  const warning = warningText(session);
  const colour = session.timerColour;
  return (
    <section aria-label="Session timer" className="space-y-3">
      <div
        className={cn("hidden rounded-xl p-4 ring-1 ring-inset transition-colors lg:block", TIMER_COLOUR_CLASSES[colour])}
        data-testid="session-timer"
        data-colour={colour}
      >
        <div className="flex items-baseline justify-between gap-2">
          <p className="text-xs font-semibold uppercase tracking-wide opacity-80">Billed time</p>
          <p className="text-xs font-medium opacity-80">{TIMER_COLOUR_LABEL[colour]}</p>
        </div>
        <p className="mt-1 font-mono text-4xl font-semibold tabular-nums tracking-tight" data-testid="timer-billed">
          {formatDuration(session.billedSeconds)}
        </p>
        <dl className="mt-3 grid grid-cols-2 gap-x-4 gap-y-2 text-sm">
          <div>
            <dt className="opacity-75">Running cost</dt>
            <dd className="font-semibold tabular-nums" data-testid="timer-cost">
              {formatMoney(session.chargeCents, session.currency)}
            </dd>
          </div>
          <div>
            <dt className="opacity-75">Rate</dt>
            <dd className="font-semibold tabular-nums" data-testid="timer-rate">{formatMoney(session.rateCentsPerMinute, session.currency)}/min</dd>
          </div>
          {session.viewerRole !== "advisor" && (
            <div>
              <dt className="opacity-75">{session.viewerRole === "client" ? "Balance left" : "Client balance left"}</dt>
              <dd className="font-semibold tabular-nums" data-testid="timer-balance">
                {formatMoney(session.availableCents, session.currency)}
              </dd>
            </div>
          )}
          <div>
            <dt className="opacity-75">Time left</dt>
            <dd className="font-semibold tabular-nums" data-testid="timer-remaining">
              {formatTimeLeft(session.remainingSeconds)}
            </dd>
          </div>
        </dl>
      </div>
      {warning !== null && (
        <p
          role="alert"
          data-testid="balance-warning"
          data-level={session.warningLevel}
          className={cn(
            "rounded-lg px-3 py-2 text-sm font-medium",
            session.warningLevel === "two_minutes" && "bg-amber-50 text-amber-900 ring-1 ring-amber-200",
            session.warningLevel === "one_minute" && "bg-red-50 text-red-800 ring-1 ring-red-200",
            session.warningLevel === "exhausted" && "bg-slate-900 text-white",
          )}
        >
          {warning}
        </p>
      )}
    </section>
  );
}
