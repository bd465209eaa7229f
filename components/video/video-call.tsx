"use client";

import type { Id } from "@/convex/_generated/dataModel";

/** The video area of a live video session. (Full WebRTC call in progress.) */
export function VideoCall({ sessionId }: { sessionId: Id<"sessions"> }) {
  return (
    <section aria-label="Video call" data-session-id={sessionId} className="rounded-xl bg-slate-900 p-4 text-sm text-slate-200">
      <p role="status">Connecting…</p>
    </section>
  );
}
