"use client";

import { useEffect, useState, type ReactNode } from "react";
import type { SessionView } from "@/convex/model/sessionsViews";
import { billingNotice, callStatus, sendsMedia, type CallStatus } from "@/lib/video/callStatus";
import { CallControls } from "./call-controls";
import { CallStatusBadge } from "./call-status-badge";
import { useLocalMedia } from "./use-local-media";
import { useWebRtcCall } from "./use-webrtc-call";
import { VideoTile } from "./video-tile";

function remoteOverlay(status: CallStatus, otherName: string, hold: string | null): ReactNode {
  const main =
    status === "connecting" ? `Connecting to ${otherName}…`
    : status === "reconnecting" ? `Waiting for ${otherName} to reconnect…`
    : status === "disconnected" ? "You are offline. The call reconnects when your connection is back."
    : status === "ended" ? "The call has ended."
    : null;
  if (main === null && hold === null) return null;
  return (
    <div className="max-w-md space-y-1">
      {main !== null && <p className="font-medium text-white">{main}</p>}
      {hold !== null && <p className={main === null ? "font-medium text-white" : "text-xs text-slate-300"}>{hold}</p>}
    </div>
  );
}

/** The local default: a direct WebRTC call between the two browsers, signalled through Convex. */
export function WebRtcCall({
  session,
  graceSeconds,
  onConnectedChange,
}: {
  session: SessionView;
  graceSeconds: number;
  /** Told whether the call is connected, for the presence heartbeat that bills connected time only. */
  onConnectedChange: (connected: boolean) => void;
}) {
  const role = session.viewerRole === "advisor" ? "advisor" : "client";
  const otherName = role === "advisor" ? session.client.name : session.advisor.name;
  const media = useLocalMedia();
  const [microphoneOn, setMicrophoneOn] = useState(true);
  const [cameraOn, setCameraOn] = useState(true);
  const pausedDisconnected = session.status === "paused" && session.pauseReason === "disconnected";
  const { snapshot, online } = useWebRtcCall({ sessionId: session._id, role, media, pausedDisconnected, active: session.status === "active" });

  const stream = media?.stream ?? null;
  const hasMicrophone = (stream?.getAudioTracks().length ?? 0) > 0;
  const hasCamera = (stream?.getVideoTracks().length ?? 0) > 0;
  const sendAudio = sendsMedia(session, microphoneOn);
  const sendVideo = sendsMedia(session, cameraOn);
  useEffect(() => {
    stream?.getAudioTracks().forEach((track) => (track.enabled = sendAudio));
    stream?.getVideoTracks().forEach((track) => (track.enabled = sendVideo));
  }, [stream, sendAudio, sendVideo]);

  const negotiation = snapshot?.negotiation;
  const status = callStatus({
    live: session.status === "active" || session.status === "paused",
    online,
    health: negotiation?.health ?? "none",
    everConnected: negotiation?.everConnected ?? false,
    peerLeft: negotiation?.peerLeft ?? false,
    pausedDisconnected,
  });
  const connected = status === "connected";
  useEffect(() => onConnectedChange(connected), [connected, onConnectedChange]);
  const hold = billingNotice(session, graceSeconds);
  const onHold = session.status === "paused" && session.pauseReason !== "disconnected";
  const localOverlay =
    media === null ? "Starting camera…"
    : !hasCamera ? "No camera"
    : onHold ? "On hold"
    : !cameraOn ? "Camera off"
    : null;

  return (
    <section aria-label="Video call" data-testid="video-call" className="overflow-hidden rounded-xl bg-slate-950 shadow-sm ring-1 ring-slate-900/10">
      <div className="relative aspect-[4/3] w-full sm:aspect-video">
        <VideoTile
          stream={snapshot?.remoteStream ?? null}
          trackCount={snapshot?.remoteTrackCount ?? 0}
          label={otherName}
          overlay={remoteOverlay(status, otherName, hold)}
          className="absolute inset-0"
          testId="remote-video"
        />
        <CallStatusBadge status={status} className="absolute top-3 left-3" />
        <VideoTile
          stream={stream}
          trackCount={stream?.getTracks().length ?? 0}
          label="You"
          self
          overlay={localOverlay}
          className="absolute right-3 bottom-3 aspect-[4/3] w-28 rounded-lg shadow-lg ring-2 ring-white/30 sm:w-44"
          testId="local-video"
        />
      </div>
      <div className="flex flex-col items-center gap-2 border-t border-white/10 px-4 py-3 sm:flex-row sm:justify-between">
        <CallControls
          microphoneOn={microphoneOn}
          cameraOn={cameraOn}
          hasMicrophone={hasMicrophone}
          hasCamera={hasCamera}
          onToggleMicrophone={() => setMicrophoneOn((on) => !on)}
          onToggleCamera={() => setCameraOn((on) => !on)}
        />
        <p className="text-center text-xs text-slate-400 sm:text-right">Direct, private connection between your two browsers</p>
      </div>
      {media?.error && (
        <p role="alert" className="border-t border-white/10 bg-amber-500/15 px-4 py-2 text-sm text-amber-100">
          {media.error}
        </p>
      )}
    </section>
  );
}
