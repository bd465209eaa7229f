"use client";

import { useAction, useQuery } from "convex/react";
import type { FunctionReturnType } from "convex/server";
import { lazy, Suspense, useEffect, useState, type ReactNode } from "react";
import { api } from "@/convex/_generated/api";
import type { Id } from "@/convex/_generated/dataModel";
import type { SessionView } from "@/convex/model/sessionsViews";
import { Spinner } from "@/components/ui/spinner";
import { config } from "@/lib/config";
import { CallStatusBadge } from "./call-status-badge";
import { usePresenceHeartbeat } from "./use-presence-heartbeat";
import { WebRtcCall } from "./webrtc-call";

const StreamVideoCall = lazy(() => import("./stream-call"));

type CallJoin = FunctionReturnType<typeof api.signals.videoCall>;

function CallFrame({ children }: { children: ReactNode }) {
  return (
    <section aria-label="Video call" data-testid="video-call" className="flex min-h-48 flex-col items-center justify-center gap-3 rounded-xl bg-slate-950 p-6 text-center text-sm text-slate-200 shadow-sm">
      {children}
    </section>
  );
}

/** With Stream keys: asks the server how to join (a Stream token), then loads Stream's SDK. */
type CallProps = { session: SessionView; graceSeconds: number; onConnectedChange: (connected: boolean) => void };

function StreamOrDirectCall({ session, graceSeconds, onConnectedChange }: CallProps) {
  const videoCall = useAction(api.signals.videoCall);
  const [join, setJoin] = useState<CallJoin | "failed" | null>(null);
  useEffect(() => {
    let cancelled = false;
    videoCall({ sessionId: session._id }).then(
      (result) => !cancelled && setJoin(result),
      () => !cancelled && setJoin("failed"),
    );
    return () => {
      cancelled = true;
    };
  }, [videoCall, session._id]);

  if (join === null) return <CallFrame><CallStatusBadge status="connecting" /></CallFrame>;
  if (join === "failed") return <CallFrame><p role="alert">The call could not be set up. Reload the page to try again.</p></CallFrame>;
  if (join.provider === "webrtc") return <WebRtcCall session={session} graceSeconds={graceSeconds} onConnectedChange={onConnectedChange} />;
  const userName = session.viewerRole === "advisor" ? session.advisor.name : session.client.name;
  return (
    <section aria-label="Video call" data-testid="video-call" className="overflow-hidden rounded-xl bg-slate-950 shadow-sm">
      <Suspense fallback={<CallStatusBadge status="connecting" className="m-4" />}>
        <StreamVideoCall apiKey={join.apiKey} token={join.token} userId={join.userId} userName={userName} callId={join.callId} onConnectedChange={onConnectedChange} />
      </Suspense>
    </section>
  );
}

/**
 * The video part of a live video session, for its two participants: a direct
 * WebRTC call by default, Stream Video when configured; presence heartbeats
 * while mounted, saying whether the call is connected, which is what starts
 * and keeps billing running.
 */
export function VideoCall({ sessionId }: { sessionId: Id<"sessions"> }) {
  const session = useQuery(api.sessions.get, { sessionId });
  const timings = useQuery(api.presence.videoSettings, {});
  const participant = session !== undefined && session.viewerRole !== "admin";
  const live = session?.status === "active" || session?.status === "paused";
  const [connected, setConnected] = useState(false);
  usePresenceHeartbeat(participant && live ? sessionId : null, timings?.heartbeatSeconds, connected);

  if (session === undefined || timings === undefined) {
    return (
      <CallFrame>
        <Spinner label="Loading the call" />
      </CallFrame>
    );
  }
  if (session.viewerRole === "admin") return <CallFrame>Only the two participants see and hear the call.</CallFrame>;
  if (!live) return <CallFrame>{session.status === "requested" ? "The call starts when the advisor accepts." : "The call has ended."}</CallFrame>;
  const call = { session, graceSeconds: timings.reconnectGraceSeconds, onConnectedChange: setConnected };
  if (config.streamApiKey !== undefined) return <StreamOrDirectCall {...call} />;
  return <WebRtcCall {...call} />;
}
