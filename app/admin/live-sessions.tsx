"use client";

import { useMutation, useQuery } from "convex/react";
import Link from "next/link";
import { useRef, useState, type FormEvent } from "react";
import { api } from "@/convex/_generated/api";
import type { SessionView } from "@/convex/model/sessionsViews";
import { FormAlert } from "@/components/forms/form-alert";
import { useSubmit } from "@/components/forms/use-submit";
import { KIND_LABEL, STATUS_LABEL, STATUS_TONE, formatDuration } from "@/components/sessions/format";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Field, Input } from "@/components/ui/field";
import { Skeleton } from "@/components/ui/spinner";
import { TEXT_LIMITS, textLength, tooLongError } from "@/lib/forms/textLimits";
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
  const formRef = useRef<HTMLFormElement>(null);
  const form = useSubmit(["reason"], formRef);
  const label = `${KIND_LABEL[session.kind]}: ${session.client.name} with ${session.advisor.name}`;

  async function submit(event: FormEvent) {
    event.preventDefault();
    const problem = reason.trim() === "" ? "Give a reason: it goes to the audit log." : tooLongError("The reason", reason, TEXT_LIMITS.reason);
    if (!form.check({ reason: problem })) return;
    // On success the row leaves the live list.
    await form.submit(() => endSession({ sessionId: session._id, reason: reason.trim() }));
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
        <form ref={formRef} onSubmit={submit} className="mt-3 flex flex-wrap items-start gap-2" noValidate aria-label={`End ${label}`}>
          <div className="min-w-0 flex-1 basis-48">
            <Field label="Reason for ending" error={form.fieldErrors.reason} counter={{ length: textLength(reason), max: TEXT_LIMITS.reason }}>
              {(p) => <Input {...p} value={reason} onChange={(e) => setReason(e.target.value)} autoFocus />}
            </Field>
          </div>
          <Button type="submit" variant="danger" size="sm" pending={form.pending} className="mt-7">
            End session
          </Button>
          <Button variant="ghost" size="sm" onClick={() => setEnding(false)} className="mt-7">
            Keep running
          </Button>
          <FormAlert message={form.formError} className="w-full" />
        </form>
      )}
    </li>
  );
}
