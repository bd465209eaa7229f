"use client";

import { useMutation } from "convex/react";
import { useState } from "react";
import { api } from "@/convex/_generated/api";
import { useViewer } from "@/components/auth/viewer";
import type { SessionView } from "@/convex/model/sessionsViews";
import { FormAlert } from "@/components/forms/form-alert";
import { useSubmit } from "@/components/forms/use-submit";
import { Button } from "@/components/ui/button";
import { TopUpDialog } from "./top-up-dialog";

/**
 * Pause / Resume / End for both participants, and the in-session top-up for
 * the client. Which of them this viewer may use comes from the server's view
 * (canPause, canResume, canEnd), which applies the same rules the mutations do.
 */
export function SessionControls({ session }: { session: SessionView }) {
  const pause = useMutation(api.sessions.pauseSession);
  const resume = useMutation(api.sessions.resumeSession);
  const end = useMutation(api.sessions.endSession);
  const control = useSubmit();
  const [pending, setPending] = useState<string | null>(null);
  const [confirmingEnd, setConfirmingEnd] = useState(false);
  // A suspended client may finish the session but not top up (the wallet refuses them).
  const suspended = useViewer()?.suspended === true;

  if (!session.canEnd) return null;

  async function run(name: string, action: () => Promise<unknown>) {
    setPending(name);
    await control.submit(action);
    setPending(null);
  }

  const args = { sessionId: session._id };
  const zeroBalance = session.status === "paused" && session.pauseReason === "zero_balance";

  return (
    <section aria-label="Session controls" className="space-y-3">
      <div className="flex flex-wrap gap-2">
        {session.canPause && (
          <Button variant="secondary" pending={pending === "pause"} disabled={pending !== null} onClick={() => void run("pause", () => pause(args))}>
            Pause
          </Button>
        )}
        {session.canResume && (
          <Button pending={pending === "resume"} disabled={pending !== null} onClick={() => void run("resume", () => resume(args))}>
            Resume
          </Button>
        )}
        {session.viewerRole === "client" && !suspended && <TopUpDialog highlight={zeroBalance || session.warningLevel !== "none"} />}
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
      {session.status === "paused" && session.resumeHint !== undefined && (
        <p className="text-sm text-slate-600" data-testid="resume-hint">
          {session.resumeHint}
        </p>
      )}
      <FormAlert message={control.formError} />
    </section>
  );
}
