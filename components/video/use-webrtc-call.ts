"use client";

import { useConvex, useConvexConnectionState } from "convex/react";
import { useEffect, useRef, useState } from "react";
import { api } from "@/convex/_generated/api";
import type { Id } from "@/convex/_generated/dataModel";
import type { CallRole } from "@/lib/video/negotiation";
import { decodeSignal, encodeSignal } from "@/lib/video/protocol";
import { PeerCall, type PeerCallSnapshot } from "./peer-call";
import type { LocalMedia } from "./use-local-media";

/** A call that has not connected after this long is replaced (a technical timeout, not a product rule). */
const CALL_STALL_MS = 10_000;
/** Once this many signals are listed, the subscription moves on to start after the newest one handled. */
const SIGNALS_WINDOW = 100;

type Options = {
  sessionId: Id<"sessions">;
  role: CallRole;
  media: LocalMedia | null;
  /** Billing is paused because a side went silent. */
  pausedDisconnected: boolean;
  /** The session is billing. */
  active: boolean;
};

/**
 * The direct WebRTC call of this page. Once the camera question is answered,
 * it reads where the signal rows addressed to this user end, says hello, and
 * from then on feeds every newer row to a PeerCall, live. Ends the call (with
 * a goodbye) when unmounted or when the page is closed.
 */
export function useWebRtcCall({ sessionId, role, media, pausedDisconnected, active }: Options): { snapshot: PeerCallSnapshot | null; online: boolean } {
  const convex = useConvex();
  const [snapshot, setSnapshot] = useState<PeerCallSnapshot | null>(null);
  const callRef = useRef<PeerCall | null>(null);
  const connection = useConvexConnectionState();
  const online = connection.isWebSocketConnected || !connection.hasEverConnected;
  const mediaReady = media !== null;

  useEffect(() => {
    if (media === null) return;
    let closed = false;
    let unsubscribe = () => {};
    // The room's own subscription to the session: once it has ended there is nobody to signal (a goodbye
    // sent then would only be refused), so signals stop with the session.
    const sessionWatch = convex.watchQuery(api.sessions.get, { sessionId });
    const stopWatchingSession = sessionWatch.onUpdate(() => undefined);
    const sessionLive = () => {
      try {
        const session = sessionWatch.localQueryResult();
        return session === undefined || session.status === "active" || session.status === "paused";
      } catch {
        return false; // access was lost; the room shows why
      }
    };
    const call = new PeerCall({
      role,
      localStream: media.stream,
      iceServers: [],
      send: (message) => {
        if (sessionLive()) void convex.mutation(api.signals.send, { sessionId, ...encodeSignal(message) }).catch(() => undefined);
      },
      onChange: setSnapshot,
    });
    callRef.current = call;
    const handled = new Set<string>();

    const follow = (after: number) => {
      const watch = convex.watchQuery(api.signals.listForMe, { sessionId, after });
      const deliver = () => {
        let signals;
        try {
          signals = watch.localQueryResult();
        } catch {
          return; // the session ended or access was lost; the room shows why
        }
        if (signals === undefined || closed) return;
        for (const signal of signals) {
          if (handled.has(signal._id)) continue;
          handled.add(signal._id);
          const message = decodeSignal(signal.kind, signal.payload);
          if (message !== null) call.receive(message);
        }
        const newest = signals.at(-1);
        if (signals.length >= SIGNALS_WINDOW && newest !== undefined) {
          unsubscribe();
          follow(newest._creationTime);
        }
      };
      unsubscribe = watch.onUpdate(deliver);
      deliver();
    };

    convex.query(api.signals.cursor, { sessionId }).then(
      (cursor) => {
        if (closed) return;
        call.start();
        follow(cursor);
      },
      () => undefined,
    );
    const timer = window.setInterval(() => call.tick(CALL_STALL_MS), 1000);
    const onPageHide = () => call.leave();
    window.addEventListener("pagehide", onPageHide);
    return () => {
      closed = true;
      unsubscribe();
      window.clearInterval(timer);
      window.removeEventListener("pagehide", onPageHide);
      call.leave();
      stopWatchingSession();
      callRef.current = null;
    };
    // The call lives as long as the page has its media; `media` is set once.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [mediaReady, convex, role, sessionId]);

  const wasDisconnected = useRef(false);
  useEffect(() => {
    if (wasDisconnected.current && active) callRef.current?.billingResumed();
    wasDisconnected.current = pausedDisconnected;
  }, [pausedDisconnected, active]);

  return { snapshot, online };
}
