"use client";

import { useQuery } from "convex/react";
import type { FunctionReturnType } from "convex/server";
import Link from "next/link";
import type { ReactNode } from "react";
import { api } from "@/convex/_generated/api";
import type { Id } from "@/convex/_generated/dataModel";
import { Button, ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Icon } from "@/components/ui/icons";
import { Skeleton } from "@/components/ui/spinner";
import { formatMoney } from "@/lib/money";
import { DocumentList } from "./documents-panel";
import { END_REASON_LABEL, KIND_LABEL, PAUSE_REASON_LABEL, WARNING_LABEL, dateTimeFormat, formatDuration, timeFormat, type EndReason, type PauseReason } from "./format";

type Receipt = NonNullable<FunctionReturnType<typeof api.receipts.get>>;
type TimelineItem = Receipt["timeline"][number];

/** Hides the site header and footer when printing; only this page carries it. */
const PRINT_CSS = "@media print { body > header, body > footer { display: none !important; } body { background: white !important; } }";

const ACTOR_LABEL = { client: "client", advisor: "advisor", admin: "admin", system: "system" } as const;

function describe(item: TimelineItem): string {
  const by = item.actorRole === "system" ? "" : ` by the ${ACTOR_LABEL[item.actorRole]}`;
  switch (item.kind) {
    case "warning":
      return `Warning: ${WARNING_LABEL[item.reason as keyof typeof WARNING_LABEL] ?? item.reason}`;
    case "paused":
      return `Paused${by}${item.reason && item.reason in PAUSE_REASON_LABEL ? ` (${PAUSE_REASON_LABEL[item.reason as PauseReason]})` : ""}`;
    case "resumed":
      return `Resumed${by}`;
    case "billing_started":
      return "Both connected: billing started";
    case "joined":
      return `Joined${by}`;
    case "ended":
      return item.reason && item.reason in END_REASON_LABEL ? END_REASON_LABEL[item.reason as EndReason] : `Ended${by}`;
    default:
      return `${item.kind[0].toUpperCase()}${item.kind.slice(1)}${by}`;
  }
}

function Row({ label, children, testId, strong = false }: { label: string; children: ReactNode; testId?: string; strong?: boolean }) {
  return (
    <div className="flex items-baseline justify-between gap-4 py-2">
      <dt className="text-slate-600">{label}</dt>
      <dd className={strong ? "font-semibold tabular-nums text-slate-900" : "tabular-nums text-slate-900"} data-testid={testId}>
        {children}
      </dd>
    </div>
  );
}

/** The printable receipt of an ended session (SPEC §4). All figures come from the settlement. */
export function ReceiptView({ sessionId }: { sessionId: Id<"sessions"> }) {
  const receipt = useQuery(api.receipts.get, { sessionId });
  if (receipt === undefined) return <Skeleton className="h-[36rem] w-full" />;
  if (receipt === null) {
    return (
      <EmptyState icon={<Icon name="clock" />} title="No receipt yet" action={<ButtonLink href={`/session/${sessionId}`}>Back to the session</ButtonLink>}>
        The receipt is ready once the session has ended.
      </EmptyState>
    );
  }
  const money = (cents: number) => formatMoney(cents, receipt.currency);
  return (
    <article aria-labelledby="receipt-title" className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm sm:p-8 print:border-0 print:p-0 print:shadow-none">
      <style>{PRINT_CSS}</style>
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <p className="text-sm font-semibold text-brand-700">ExpertLine receipt</p>
          <h1 id="receipt-title" className="mt-1 text-2xl font-semibold tracking-tight text-slate-900">
            {KIND_LABEL[receipt.kind]} session with {receipt.advisorName}
          </h1>
          <p className="mt-1 text-sm text-slate-600">
            Client: {receipt.clientName} · {dateTimeFormat.format(receipt.acceptedAt ?? receipt.requestedAt)}
          </p>
          <p className="mt-0.5 font-mono text-xs text-slate-500">Session {receipt.sessionId}</p>
        </div>
        <div className="flex gap-2 print:hidden">
          <Button variant="secondary" onClick={() => window.print()}>
            Print
          </Button>
          <ButtonLink href={`/session/${sessionId}`} variant="ghost">
            Session
          </ButtonLink>
        </div>
      </div>

      <div className="mt-8 grid gap-8 sm:grid-cols-2">
        <section aria-labelledby="receipt-time">
          <h2 id="receipt-time" className="text-sm font-semibold uppercase tracking-wide text-slate-500">
            Time
          </h2>
          <dl className="mt-2 divide-y divide-slate-100 text-sm">
            <Row label="Billed duration" testId="receipt-billed" strong>
              {receipt.billedDuration}
            </Row>
            <Row label="Wall-clock duration" testId="receipt-wall-clock">
              {receipt.wallClockDuration}
            </Row>
            <Row label="Rate">{money(receipt.rateCentsPerMinute)}/min</Row>
            <Row label="How it ended">{receipt.endReason ? END_REASON_LABEL[receipt.endReason].replace(/^Ended /, "") : "—"}</Row>
          </dl>
        </section>
        <section aria-labelledby="receipt-money">
          <h2 id="receipt-money" className="text-sm font-semibold uppercase tracking-wide text-slate-500">
            Money
          </h2>
          {receipt.booking && (
            <dl className="mt-2 divide-y divide-slate-100 text-sm" data-testid="receipt-booking">
              <Row label={`Booking, ${receipt.booking.durationMinutes} min (prepaid)`} testId="receipt-booking-charge" strong>
                {receipt.booking.chargedCents === undefined ? `${money(receipt.booking.priceCents)} held` : money(receipt.booking.chargedCents)}
              </Row>
              {receipt.booking.feeCents !== undefined && <Row label="Platform fee on the booking">{money(receipt.booking.feeCents)}</Row>}
              {receipt.booking.earningCents !== undefined && <Row label="Advisor earning on the booking">{money(receipt.booking.earningCents)}</Row>}
            </dl>
          )}
          <dl className="mt-2 divide-y divide-slate-100 text-sm">
            <Row label={receipt.booking ? "Charge after the booked time" : "Charge"} testId="receipt-charge" strong>
              {money(receipt.chargeCents)}
            </Row>
            <Row label="Platform fee" testId="receipt-fee">
              {money(receipt.feeCents)}
            </Row>
            <Row label="Advisor earning" testId="receipt-earning">
              {money(receipt.earningCents)}
            </Row>
          </dl>
          {receipt.viewerRole !== "advisor" && (
            <>
              <h3 className="mt-6 text-sm font-semibold uppercase tracking-wide text-slate-500">{receipt.viewerRole === "client" ? "Your wallet" : "Client's wallet"}</h3>
              <dl className="mt-2 divide-y divide-slate-100 text-sm" data-testid="receipt-wallet">
                {receipt.availableAtStartCents !== undefined && (
                  <Row label="Balance at start" testId="receipt-available-at-start">
                    {money(receipt.availableAtStartCents)}
                  </Row>
                )}
                <Row label={receipt.topUpsDuringCount > 1 ? `Top-ups during the session (${receipt.topUpsDuringCount})` : "Top-ups during the session"} testId="receipt-top-ups">
                  {receipt.topUpsDuringCents > 0 ? `+${money(receipt.topUpsDuringCents)}` : money(0)}
                </Row>
                {receipt.walletBeforeCents !== undefined && (
                  <Row label="Wallet before settlement" testId="receipt-wallet-before">
                    {money(receipt.walletBeforeCents)}
                  </Row>
                )}
                {receipt.booking?.chargedCents !== undefined && (
                  <Row label="Charged for the booking">{receipt.booking.chargedCents > 0 ? `−${money(receipt.booking.chargedCents)}` : money(0)}</Row>
                )}
                <Row label={receipt.booking ? "Charged per second" : "Charged for this session"}>{receipt.chargeCents > 0 ? `−${money(receipt.chargeCents)}` : money(0)}</Row>
                {receipt.walletAfterCents !== undefined && (
                  <Row label="Wallet after settlement" testId="receipt-wallet-after" strong>
                    {money(receipt.walletAfterCents)}
                  </Row>
                )}
              </dl>
            </>
          )}
        </section>
      </div>

      <section aria-labelledby="receipt-timeline" className="mt-8">
        <h2 id="receipt-timeline" className="text-sm font-semibold uppercase tracking-wide text-slate-500">
          Timeline
        </h2>
        <ol className="mt-2 divide-y divide-slate-100 text-sm" data-testid="receipt-timeline">
          {receipt.timeline.map((item, index) => (
            <li key={index} className="flex flex-wrap items-baseline justify-between gap-x-4 py-2" data-kind={item.kind}>
              <span className="text-slate-900">{describe(item)}</span>
              <span className="text-xs tabular-nums text-slate-500">
                {timeFormat.format(item.at)} · billed {formatDuration(item.billedSeconds)}
              </span>
            </li>
          ))}
        </ol>
      </section>

      <section aria-labelledby="receipt-documents" className="mt-8">
        <h2 id="receipt-documents" className="text-sm font-semibold uppercase tracking-wide text-slate-500">
          Documents
        </h2>
        <div className="mt-2" data-testid="receipt-documents">
          <DocumentList sessionId={sessionId} documents={receipt.documents} />
        </div>
      </section>

      {receipt.rating && (
        <p className="mt-8 text-sm text-slate-700">
          Rated {receipt.rating.stars} of 5{receipt.rating.text ? `: “${receipt.rating.text}”` : "."}
        </p>
      )}
      <p className="mt-8 text-xs text-slate-500 print:mt-4">
        Charge = platform fee + advisor earning. Billed per second at the rate fixed when the session was requested.{" "}
        <Link href={`/session/${sessionId}`} className="underline print:hidden">
          Open the session
        </Link>
      </p>
    </article>
  );
}
