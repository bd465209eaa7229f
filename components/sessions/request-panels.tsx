"use client";

import { useMutation } from "convex/react";
import { useRouter } from "next/navigation";
import { api } from "@/convex/_generated/api";
import type { SessionView } from "@/convex/model/sessionsViews";
import { FormAlert } from "@/components/forms/form-alert";
import { useSubmit } from "@/components/forms/use-submit";
import { Button, ButtonLink } from "@/components/ui/button";
import { Card, CardBody } from "@/components/ui/card";
import { Spinner } from "@/components/ui/spinner";
import { formatMoney } from "@/lib/money";
import { KIND_LABEL, formatCountdown } from "./format";
import { useNow } from "./use-now";

/** A button's call through useSubmit: true when it went through, its refusal in words otherwise. */
function useAction<Args>(action: (args: Args) => Promise<unknown>) {
  const { submit, pending, formError } = useSubmit();
  async function run(args: Args) {
    return (await submit(() => action(args))).ok;
  }
  return { run, pending, error: formError };
}

function ErrorLine({ error }: { error: string | null }) {
  return <FormAlert message={error} />;
}

/** The client waits up to the request's expiry for the advisor, and may withdraw. */
export function WaitingForAdvisor({ session }: { session: SessionView }) {
  const cancel = useAction(useMutation(api.sessions.cancelRequest));
  const now = useNow();
  const secondsLeft = Math.max(0, (session.expiresAt - now) / 1000);
  return (
    <Card className="mx-auto max-w-lg">
      <CardBody className="space-y-4 p-6 text-center">
        <Spinner className="mx-auto size-8 text-brand-600" label="" />
        <h1 className="text-xl font-semibold text-slate-900" data-testid="request-waiting">
          Waiting for {session.advisor.name} to accept…
        </h1>
        <p className="text-sm text-slate-600">
          {KIND_LABEL[session.kind]} at {formatMoney(session.rateCentsPerMinute, session.currency)}/min, billed by the second once it starts.
        </p>
        <p className="text-3xl font-semibold tabular-nums text-slate-900" aria-label={`${Math.ceil(secondsLeft)} seconds left to answer`}>
          {formatCountdown(secondsLeft)}
        </p>
        <p className="text-xs text-slate-500">The request expires if it is not answered in time. Nothing is charged until the session starts.</p>
        <ErrorLine error={cancel.error} />
        <Button variant="secondary" pending={cancel.pending} onClick={() => void cancel.run({ sessionId: session._id })}>
          Cancel request
        </Button>
      </CardBody>
    </Card>
  );
}

/** Accept / Decline for one request, with its countdown. Used on the dashboard and in the room. */
export function RequestActions({ session, compact = false }: { session: SessionView; compact?: boolean }) {
  const router = useRouter();
  const accept = useAction(useMutation(api.sessions.acceptSession));
  const decline = useAction(useMutation(api.sessions.declineSession));
  const busy = accept.pending || decline.pending;
  return (
    <div className="space-y-2">
      <div className={compact ? "flex flex-wrap gap-2" : "flex flex-wrap justify-center gap-2"}>
        <Button
          size={compact ? "sm" : "md"}
          pending={accept.pending}
          disabled={busy}
          aria-label={`Accept ${session.kind} request from ${session.client.name}`}
          onClick={async () => {
            if (await accept.run({ sessionId: session._id })) router.push(`/session/${session._id}`);
          }}
        >
          Accept
        </Button>
        <Button
          size={compact ? "sm" : "md"}
          variant="secondary"
          pending={decline.pending}
          disabled={busy}
          aria-label={`Decline ${session.kind} request from ${session.client.name}`}
          onClick={() => void decline.run({ sessionId: session._id })}
        >
          Decline
        </Button>
      </div>
      <ErrorLine error={accept.error ?? decline.error} />
    </div>
  );
}

export function RequestCountdown({ expiresAt }: { expiresAt: number }) {
  const now = useNow();
  const secondsLeft = Math.max(0, (expiresAt - now) / 1000);
  return <span className="tabular-nums">{formatCountdown(secondsLeft)}</span>;
}

/** The advisor opened a pending request's room. */
export function IncomingRequestCard({ session }: { session: SessionView }) {
  return (
    <Card className="mx-auto max-w-lg">
      <CardBody className="space-y-4 p-6 text-center">
        <h1 className="text-xl font-semibold text-slate-900">
          {session.client.name} asks for a {session.kind} session
        </h1>
        <p className="text-sm text-slate-600">
          At {formatMoney(session.rateCentsPerMinute, session.currency)}/min. Answer within <RequestCountdown expiresAt={session.expiresAt} />.
        </p>
        <RequestActions session={session} />
      </CardBody>
    </Card>
  );
}

const OUTCOME_TEXT = {
  declined: (s: SessionView) => (s.viewerRole === "client" ? `${s.advisor.name} declined the request.` : "You declined this request."),
  expired: (s: SessionView) =>
    s.viewerRole === "client" ? `${s.advisor.name} did not answer in time, so the request expired.` : "This request expired before it was answered.",
  cancelled: (s: SessionView) => (s.viewerRole === "client" ? "You cancelled the request." : `${s.client.name} withdrew the request.`),
} as const;

/** A request that never became a session: said in words, with where to go next. Nothing was charged. */
export function RequestOutcome({ session }: { session: SessionView & { status: "declined" | "expired" | "cancelled" } }) {
  return (
    <Card className="mx-auto max-w-lg">
      <CardBody className="space-y-4 p-6 text-center">
        <h1 className="text-xl font-semibold text-slate-900" data-testid="request-outcome" data-outcome={session.status}>
          {OUTCOME_TEXT[session.status](session)}
        </h1>
        <p className="text-sm text-slate-600">No session took place and nothing was charged.</p>
        {session.viewerRole === "client" ? (
          <div className="flex flex-wrap justify-center gap-2">
            <ButtonLink href={`/advisors/${session.advisor.advisorId}`} variant="secondary">
              Back to {session.advisor.name}
            </ButtonLink>
            <ButtonLink href="/advisors">Find another advisor</ButtonLink>
          </div>
        ) : (
          <ButtonLink href="/advisor" variant="secondary">
            Back to dashboard
          </ButtonLink>
        )}
      </CardBody>
    </Card>
  );
}
