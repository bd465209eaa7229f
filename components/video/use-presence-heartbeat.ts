"use client";

import { useMutation } from "convex/react";
import { useEffect } from "react";
import { api } from "@/convex/_generated/api";
import type { Id } from "@/convex/_generated/dataModel";

/**
 * Tells the backend this participant is in the call and whether the call is
 * connected: at once and whenever that changes, then every `intervalSeconds`
 * (the platform's video heartbeat setting) and whenever the browser comes
 * back online. Billing runs only while both sides report a connected call.
 * Pass null to stop.
 */
export function usePresenceHeartbeat(sessionId: Id<"sessions"> | null, intervalSeconds: number | undefined, connected: boolean) {
  const heartbeat = useMutation(api.presence.heartbeat);
  useEffect(() => {
    if (sessionId === null) return;
    // A failed beat (offline, session just ended) is simply missed; the next one tries again.
    const beat = () => void heartbeat({ sessionId, connected }).catch(() => undefined);
    beat();
    const timer = intervalSeconds === undefined ? undefined : window.setInterval(beat, intervalSeconds * 1000);
    window.addEventListener("online", beat);
    return () => {
      window.clearInterval(timer);
      window.removeEventListener("online", beat);
    };
  }, [heartbeat, sessionId, intervalSeconds, connected]);
}
