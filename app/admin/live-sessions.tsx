"use client";

import { useMutation, useQuery } from "convex/react";
import Link from "next/link";
import { useState } from "react";
import { api } from "@/convex/_generated/api";
import type { SessionView } from "@/convex/model/sessionsViews";
import { describeError } from "@/components/errors";
import { KIND_LABEL, STATUS_LABEL, STATUS_TONE, formatDuration } from "@/components/sessions/format";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Field, Input } from "@/components/ui/field";
import { Skeleton } from "@/components/ui/spinner";
import { formatMoney } from "@/lib/money";

/** The live session monitor: every requested, active and paused session, with an audited End. */
export function LiveSessions() {
  const sessions = useQuery(api.sessions.adminListLive);
  return (
    <Card>
      <CardHeader title="Live sessions" description="Requested, active and paused sessions, live. Ending one settles it and is written to the audit log." />
      <CardBody>
        {sessions === undefined ? (
          <Skeleton className="h-16" />
        ) : sessions.length === 0 ? (
          <p className="py-6 text-center text-sm text-slate-500">No live sessions right now.</p>
        ) : (
          <ul className="divide-y divide-slate-100" aria-label="Live sessions">
            {sessions.map((session) => (
              <LiveSessionRow key={session._id} session={session} />
            ))}
          </ul>
        )}
      </CardBody>
    </Card>
  );
}

function LiveSessionRow({ session }: { session: SessionView }) {
  const endSession = useMutation(api.sessions.adminEndSession);
  const [ending, setEnding] = useState(false);
  const [reason, setReason] = useState("");
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const label = `${KIND_LABEL[session.kind]}: ${session.client.name} with ${session.advisor.name}`;

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    if (reason.trim() === "") {
      setError("Give a reason: it goes to the audit log.");
      return;
    }
    setPending(true);
    setError(null);
    try {
      await endSession({ sessionId: session._id, reason: reason.trim() });
    } catch (caught) {
      setError(describeError(caught).message);
      setPending(false);
    }
  }

  return (
    <li className="py-3" data-testid="live-session">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div className="min-w-0">
          <Link href={`/session/${session._id}`} className="font-medium text-slate-900 hover:text-brand-700">
            {label}
          </Link>
          <p className="text-sm text-slate-500">
            {formatDuration(session.billedSeconds)} billed · {formatMoney(session.chargeCents, session.currency)} so far
          </p>
        </div>
        <div className="flex items-center gap-2">
          <Badge tone={STATUS_TONE[session.status]}>{STATUS_LABEL[session.status]}</Badge>
          {!ending && (
            <Button variant="secondary" size="sm" onClick={() => setEnding(true)} aria-label={`End ${label}`}>
              End
            </Button>
          )}
        </div>
      </div>
      {ending && (
        <form onSubmit={submit} className="mt-3 flex flex-wrap items-end gap-2">
          <div className="min-w-48 flex-1">
            <Field label="Reason for ending" error={error ?? undefined}>
              {(p) => <Input {...p} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} autoFocus />}
            </Field>
          </div>
          <Button type="submit" variant="danger" size="sm" pending={pending}>
            End session
          </Button>
          <Button variant="ghost" size="sm" onClick={() => setEnding(false)}>
            Keep running
          </Button>
        </form>
      )}
    </li>
  );
}
