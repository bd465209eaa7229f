"use client";

import { useMutation, useQuery } from "convex/react";
import { api } from "@/convex/_generated/api";
import type { Id } from "@/convex/_generated/dataModel";
import { dateTimeFormat } from "@/components/sessions/format";
import { FormAlert } from "@/components/forms/form-alert";
import { useSubmit } from "@/components/forms/use-submit";
import { EmailStatusBadge } from "@/components/mailbox/status";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Icon } from "@/components/ui/icons";
import { Skeleton } from "@/components/ui/spinner";

/** A data: URL, so the attachment downloads without another round trip (it is small calendar text). */
function dataUrl(contentType: string, content: string): string {
  return `data:${contentType.split(";")[0]};charset=utf-8,${encodeURIComponent(content)}`;
}

export function MessageView({ id }: { id: Id<"emailOutbox"> }) {
  const message = useQuery(api.mailbox.get, { id });
  const retry = useMutation(api.mailbox.retry);
  const action = useSubmit();

  if (message === undefined) return <Skeleton className="h-96 w-full" />;
  if (message === null) return <EmptyState title="No such email" icon={<Icon name="inbox" />}>
        It may have been removed, or the link is wrong.
      </EmptyState>;
  return (
    <div className="space-y-6">
      <Card>
        <CardBody className="space-y-2 text-sm">
          <div className="flex flex-wrap items-center justify-between gap-3">
            <p className="text-base font-semibold text-slate-900 wrap-anywhere" data-testid="email-subject">
              {message.subject}
            </p>
            <EmailStatusBadge status={message.status} />
          </div>
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-slate-700">
            <dt className="text-slate-500">To</dt>
            <dd className="wrap-anywhere">{message.to}</dd>
            <dt className="text-slate-500">Queued</dt>
            <dd>{dateTimeFormat.format(message.createdAt)}</dd>
            <dt className="text-slate-500">Attempts</dt>
            <dd>
              {message.attempts}
              {message.transport !== undefined && ` · delivered ${message.transport === "local" ? "to this mailbox" : "by SMTP"}`}
              {message.sentAt !== undefined && ` at ${dateTimeFormat.format(message.sentAt)}`}
            </dd>
            {message.lastError !== undefined && (
              <>
                <dt className="text-slate-500">Last error</dt>
                <dd className="text-red-700 wrap-anywhere">{message.lastError}</dd>
              </>
            )}
          </dl>
          {message.attachments.map((a) => (
            <a
              key={a.filename}
              href={dataUrl(a.contentType, a.content)}
              download={a.filename}
              className="inline-block font-medium text-brand-700 underline-offset-2 hover:underline"
            >
              Download {a.filename}
            </a>
          ))}
          {message.status === "dead" && (
            <div className="space-y-2 pt-2">
              <FormAlert message={action.formError} />
              <Button size="sm" pending={action.pending} onClick={() => void action.submit(() => retry({ id }))}>
                Retry sending
              </Button>
            </div>
          )}
        </CardBody>
      </Card>
      <Card>
        <CardHeader title="As the recipient sees it" />
        <CardBody>
          <iframe title="The email, rendered" sandbox="" srcDoc={message.html} className="h-[32rem] w-full rounded-lg border border-slate-200 bg-white" />
        </CardBody>
      </Card>
      <Card>
        <CardHeader title="Plain text" />
        <CardBody>
          <pre className="overflow-x-auto text-sm whitespace-pre-wrap text-slate-800 wrap-anywhere" data-testid="email-text">
            {message.text}
          </pre>
        </CardBody>
      </Card>
    </div>
  );
}
