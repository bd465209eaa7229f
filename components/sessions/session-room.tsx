"use client";

import { useQuery } from "convex/react";
import Link from "next/link";
import { api } from "@/convex/_generated/api";
import type { Id } from "@/convex/_generated/dataModel";
import type { SessionView } from "@/convex/model/sessionsViews";
import { useViewer } from "@/components/auth/viewer";
import { VideoCall } from "@/components/video/video-call";
import { Badge } from "@/components/ui/badge";
import { ButtonLink } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/spinner";
import { SuspendedNotice } from "@/components/shell/suspended-notice";
import { formatMoney } from "@/lib/money";
import { ChatPanel } from "./chat-panel";
import { DocumentsPanel } from "./documents-panel";
import { KIND_LABEL, STATUS_LABEL, STATUS_TONE, formatDuration } from "./format";
import { RatingForm } from "./rating-form";
import { IncomingRequestCard, RequestOutcome, WaitingForAdvisor } from "./request-panels";
import { SessionControls } from "./session-controls";
import { PhoneMeterBar, SessionTimer } from "./session-timer";
import { StatusBanner } from "./status-banner";
import { BookedTime } from "./booked-time";

function RoomHeader({ session }: { session: SessionView }) {
  // Participants see who they talk to; an admin sees both sides ("Chat: Dana Diaz with Omar Haddad").
  const title =
    session.viewerRole === "admin"
      ? `${KIND_LABEL[session.kind]}: ${session.client.name} with ${session.advisor.name}`
      : `${KIND_LABEL[session.kind]} with ${session.viewerRole === "client" ? session.advisor.name : session.client.name}`;
  const back = session.viewerRole === "client" ? "/sessions" : session.viewerRole === "advisor" ? "/advisor/sessions" : "/admin";
  return (
    <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
      <div className="min-w-0">
        <Link href={back} className="text-sm font-medium text-brand-700 hover:text-brand-900">
          ← {session.viewerRole === "admin" ? "Admin dashboard" : "Session history"}
        </Link>
        <h1 className="mt-1 flex flex-wrap items-center gap-2 text-2xl font-semibold tracking-tight text-slate-900">
          {title}
          <Badge tone={STATUS_TONE[session.status]}>{STATUS_LABEL[session.status]}</Badge>
        </h1>
      </div>
    </div>
  );
}

function EndedSummary({ session }: { session: SessionView }) {
  return (
    <section aria-label="Session summary" className="space-y-3 rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
      <h2 className="text-base font-semibold text-slate-900">Summary</h2>
      <dl className="grid grid-cols-2 gap-3 text-sm">
        <div>
          <dt className="text-slate-500">Billed time</dt>
          <dd className="font-semibold tabular-nums text-slate-900">{formatDuration(session.billedSeconds)}</dd>
        </div>
        <div>
          <dt className="text-slate-500">{session.viewerRole === "advisor" ? "Your earning" : "Charge"}</dt>
          <dd className="font-semibold tabular-nums text-slate-900" data-testid="summary-amount">
            {formatMoney(session.viewerRole === "advisor" ? (session.earningCents ?? 0) : session.chargeCents, session.currency)}
          </dd>
        </div>
      </dl>
      <ButtonLink href={`/session/${session._id}/receipt`} className="w-full">
        View receipt
      </ButtonLink>
    </section>
  );
}

/** The live room for both participants (and admins, read-only): status, meter, chat or video, documents. */
export function SessionRoom({ sessionId }: { sessionId: Id<"sessions"> }) {
  const viewer = useViewer();
  // A suspended participant may stay only while this session runs; once it ends the server refuses them.
  const shutOut = viewer?.suspended === true && viewer.liveSessionId !== sessionId;
  const session = useQuery(api.sessions.get, shutOut ? "skip" : { sessionId });

  if (shutOut) return <SuspendedNotice liveSessionId={viewer.liveSessionId} />;

  if (session === undefined) {
    return (
      <div className="grid gap-6 lg:grid-cols-3" aria-busy="true">
        <Skeleton className="h-[28rem] lg:col-span-2" />
        <Skeleton className="h-64" />
      </div>
    );
  }
  if (session.status === "requested") {
    return session.viewerRole === "advisor" ? <IncomingRequestCard session={session} /> : <WaitingForAdvisor session={session} />;
  }
  if (session.status === "declined" || session.status === "expired" || session.status === "cancelled") {
    return <RequestOutcome session={{ ...session, status: session.status }} />;
  }

  const ended = session.status === "ended";
  const prepaid = session.booked?.prepaid === true ? { ...session, booked: session.booked } : null;
  return (
    <>
      <RoomHeader session={session} />
      {prepaid === null && <PhoneMeterBar session={session} />}
      {/* Phones: meter and controls first, then chat, then documents. Desktop: chat left, the rest right. */}
      <div className="grid gap-6 lg:grid-cols-3 lg:grid-rows-[auto_1fr]">
        <div className="order-2 min-w-0 space-y-4 lg:order-none lg:col-span-2 lg:col-start-1 lg:row-span-2 lg:row-start-1">
          <StatusBanner session={session} />
          {session.kind === "video" && !ended && <VideoCall sessionId={session._id} />}
          <ChatPanel session={session} viewerId={viewer?._id} />
        </div>
        <div className="order-1 space-y-4 lg:order-none lg:col-start-3 lg:row-start-1">
          {prepaid !== null ? <BookedTime session={prepaid} /> : <SessionTimer session={session} />}
          <SessionControls session={session} />
          {ended && <EndedSummary session={session} />}
          {ended && session.viewerRole === "client" && <RatingForm sessionId={session._id} advisorName={session.advisor.name} canRate={!session.rated} />}
        </div>
        <div className="order-3 lg:order-none lg:col-start-3 lg:row-start-2">
          <DocumentsPanel session={session} />
        </div>
      </div>
    </>
  );
}
