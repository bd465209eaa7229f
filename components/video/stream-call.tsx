"use client";

/**
 * Stream Video, used when Stream keys are configured (lib/config). Loaded
 * lazily by video-call.tsx, so the local default never downloads the SDK.
 * The user token comes from the server (signals.videoCall).
 */
import {
  SpeakerLayout,
  StreamCall,
  StreamTheme,
  StreamVideo,
  StreamVideoClient,
  ToggleAudioPublishingButton,
  ToggleVideoPublishingButton,
  useCallStateHooks,
  type Call,
} from "@stream-io/video-react-sdk";
import "@stream-io/video-react-sdk/dist/css/styles.css";
import { useConvexConnectionState } from "convex/react";
import { useEffect, useState } from "react";
import { streamCallStatus } from "@/lib/video/callStatus";
import { CallStatusBadge } from "./call-status-badge";

export type StreamCallProps = {
  apiKey: string;
  token: string;
  userId: string;
  userName: string;
  callId: string;
  onConnectedChange: (connected: boolean) => void;
};

function StreamCallStatus({ onConnectedChange }: Pick<StreamCallProps, "onConnectedChange">) {
  const { useCallCallingState } = useCallStateHooks();
  const callingState = useCallCallingState();
  const connection = useConvexConnectionState();
  const status = streamCallStatus(callingState, connection.isWebSocketConnected || !connection.hasEverConnected);
  const connected = status === "connected";
  useEffect(() => onConnectedChange(connected), [connected, onConnectedChange]);
  return <CallStatusBadge status={status} />;
}

export default function StreamVideoCall({ apiKey, token, userId, userName, callId, onConnectedChange }: StreamCallProps) {
  const [joined, setJoined] = useState<{ client: StreamVideoClient; call: Call } | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const client = new StreamVideoClient({ apiKey, user: { id: userId, name: userName }, token });
    const call = client.call("default", callId);
    call.join({ create: true }).then(
      () => setJoined({ client, call }),
      () => setError("The video service could not be reached. Try again in a moment."),
    );
    return () => {
      setJoined(null);
      void call.leave().catch(() => undefined);
      void client.disconnectUser().catch(() => undefined);
    };
  }, [apiKey, token, userId, userName, callId]);

  if (error !== null) {
    return (
      <p role="alert" className="px-4 py-6 text-center text-sm text-amber-100">
        {error}
      </p>
    );
  }
  if (joined === null) {
    return <CallStatusBadge status="connecting" className="m-4" />;
  }
  return (
    <StreamVideo client={joined.client}>
      <StreamCall call={joined.call}>
        <StreamTheme className="space-y-3 p-3">
          <StreamCallStatus onConnectedChange={onConnectedChange} />
          <SpeakerLayout participantsBarPosition="bottom" />
          <div role="group" aria-label="Call controls" className="flex justify-center gap-2">
            <ToggleAudioPublishingButton />
            <ToggleVideoPublishingButton />
          </div>
        </StreamTheme>
      </StreamCall>
    </StreamVideo>
  );
}
