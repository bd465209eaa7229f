"use client";

import { useMutation } from "convex/react";
import { useState } from "react";
import { api } from "@/convex/_generated/api";
import type { SessionView } from "@/convex/model/sessionsViews";
import { describeError } from "@/components/errors";
import { Button } from "@/components/ui/button";
import { TopUpDialog } from "./top-up-dialog";

/** Pause / Resume / End for both participants, and the in-session top-up for the client. */
export function SessionControls({ session }: { session: SessionView }) {
  const pause = useMutation(api.sessions.pauseSession);
  const resume = useMutation(api.sessions.resumeSession);
  const end = useMutation(api.sessions.endSession);
  const [pending, setPending] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [confirmingEnd, setConfirmingEnd] = useState(false);

  const participant = session.viewerRole !== "admin";
  const live = session.status === "active" || session.status === "paused";
  if (!participant || !live) return null;

  async function run(name: string, action: () => Promise<unknown>) {
    setError(null);
    setPending(name);
    try {
      await action();
    } catch (e) {
      setError(describeError(e).message);
    } finally {
      setPending(null);
    }
  }

  const args = { sessionId: session._id };
  const zeroBalance = session.status === "paused" && session.pauseReason === "zero_balance";
  const canResume = session.status === "paused" && session.pauseReason !== "disconnected" && (!zeroBalance || session.resumable);

  return (
    <section aria-label="Session controls" className="space-y-3">
      <div className="flex flex-wrap gap-2">
        {session.status === "active" && (
          <Button variant="secondary" pending={pending === "pause"} disabled={pending !== null} onClick={() => void run("pause", () => pause(args))}>
            Pause
          </Button>
        )}
        {session.status === "paused" && (
          <Button pending={pending === "resume"} disabled={pending !== null || !canResume} onClick={() => void run("resume", () => resume(args))}>
            Resume
          </Button>
        )}
        {session.viewerRole === "client" && <TopUpDialog highlight={zeroBalance || session.warningLevel !== "none"} />}
        {!confirmingEnd ? (
          <Button variant="ghost" className="text-red-700 hover:bg-red-50 hover:text-red-800" disabled={pending !== null} onClick={() => setConfirmingEnd(true)}>
            End session
          </Button>
        ) : (
          <div role="group" aria-label="Confirm ending the session" className="flex flex-wrap items-center gap-2 rounded-lg bg-red-50 px-2 py-1">
            <span className="text-sm text-red-900">End for both of you?</span>
            <Button
              variant="danger"
              size="sm"
              autoFocus
              pending={pending === "end"}
              disabled={pending !== null}
              onClick={() => void run("end", () => end(args)).then(() => setConfirmingEnd(false))}
            >
              Yes, end it
            </Button>
            <Button variant="ghost" size="sm" onClick={() => setConfirmingEnd(false)}>
              Keep going
            </Button>
          </div>
        )}
      </div>
      {zeroBalance && !session.resumable && (
        <p className="text-sm text-slate-600">
          {session.viewerRole === "client" ? "Top up to resume: the balance must cover at least the next second." : "Waiting for the client to top up."}
        </p>
      )}
      {error && (
        <p role="alert" className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-700">
          {error}
        </p>
      )}
    </section>
  );
}
