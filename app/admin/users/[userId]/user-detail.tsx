"use client";

import { useMutation, usePaginatedQuery, useQuery } from "convex/react";
import Link from "next/link";
import { useRef, useState, type FormEvent } from "react";
import { api } from "@/convex/_generated/api";
import type { Id } from "@/convex/_generated/dataModel";
import { FormAlert } from "@/components/forms/form-alert";
import { useSubmit } from "@/components/forms/use-submit";
import { formatDuration } from "@/components/sessions/format";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { BOOKING_STATUS_LABEL } from "@/components/bookings/format";
import { Field, Textarea } from "@/components/ui/field";
import { LoadMore } from "@/components/ui/load-more";
import { PageHeader } from "@/components/ui/page-header";
import { Skeleton } from "@/components/ui/spinner";
import { TEXT_LIMITS, textLength, tooLongError } from "@/lib/forms/textLimits";
import { formatMoney } from "@/lib/money";

const when = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });
const ID = /^[a-z0-9]{10,64}$/;

export function UserDetail({ userId }: { userId: string }) {
  const valid = ID.test(userId);
  const detail = useQuery(api.userAdmin.detail, valid ? { userId: userId as Id<"users"> } : "skip");
  if (!valid) return <PageHeader title="No such user" description="That link does not name a user." />;
  if (detail === undefined) return <Skeleton className="h-96 w-full" />;
  const { user, sessions, disputes, audit, bookings, bookingNoShows } = detail;
  return (
    <div className="space-y-6">
      <PageHeader
        title={user.name}
        description={
          <>
            <span className="break-all">{user.email}</span> · {user.role} · joined {when.format(user.joinedAt)}
          </>
        }
        action={user.status === "suspended" ? <Badge tone="red">Suspended</Badge> : <Badge tone="green">Active</Badge>}
      />
      <SuspendForm userId={user._id} name={user.name} suspended={user.status === "suspended"} />

      <Card>
        <CardHeader title="Sessions" description={`The latest ${sessions.length} on either side.`} />
        <CardBody>
          {sessions.length === 0 ? (
            <p className="py-4 text-center text-sm text-slate-500">No sessions.</p>
          ) : (
            <ul className="divide-y divide-slate-100 text-sm" data-testid="user-sessions">
              {sessions.map((s) => (
                <li key={s._id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                  <Link href={`/session/${s._id}`} className="min-w-0 font-medium text-brand-700 hover:text-brand-900">
                    {s.kind === "chat" ? "Chat" : "Video"} as {s.side} with <span className="break-words">{s.otherName}</span>
                  </Link>
                  <span className="tabular-nums text-slate-600">
                    {s.status} · {formatDuration(s.billedSeconds)} · {formatMoney(s.chargeCents, s.currency)} · {when.format(s.requestedAt)}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </CardBody>
      </Card>

      <Card>
        <CardHeader
          title="Bookings"
          description={`The latest ${bookings.length} on either side.${bookingNoShows === undefined ? "" : ` Booked sessions missed as the advisor: ${bookingNoShows}.`}`}
        />
        <CardBody>
          {bookings.length === 0 ? (
            <p className="py-4 text-center text-sm text-slate-500">No bookings.</p>
          ) : (
            <ul className="divide-y divide-slate-100 text-sm" data-testid="user-bookings">
              {bookings.map((b) => (
                <li key={b._id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                  <span className="min-w-0 font-medium text-slate-900">
                    {b.durationMinutes}-min {b.kind} as {b.side} with <span className="break-words">{b.otherName}</span>
                  </span>
                  <span className="tabular-nums text-slate-600">
                    {BOOKING_STATUS_LABEL[b.status]} · {b.chargedCents === undefined ? `${formatMoney(b.priceCents, b.currency)} held` : `${formatMoney(b.chargedCents, b.currency)} charged`} ·{" "}
                    {when.format(b.startsAt)}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </CardBody>
      </Card>

      <UserLedger userId={user._id} />

      <div className="grid gap-6 lg:grid-cols-2">
        <Card>
          <CardHeader title="Disputes" description="On either side, newest first." />
          <CardBody>
            {disputes.length === 0 ? (
              <p className="py-4 text-center text-sm text-slate-500">No disputes.</p>
            ) : (
              <ul className="divide-y divide-slate-100 text-sm">
                {disputes.map((d) => (
                  <li key={d._id} className="flex flex-wrap justify-between gap-2 py-2">
                    <Link href={`/admin/disputes/${d._id}`} className="font-medium text-brand-700 hover:text-brand-900">
                      {d.reason.replaceAll("_", " ")} (as {d.side})
                    </Link>
                    <span className="text-slate-600">
                      {d.status}
                      {d.refundCents > 0 && ` · refunded ${formatMoney(d.refundCents)}`} · {when.format(d.openedAt)}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </CardBody>
        </Card>
        <Card>
          <CardHeader title="Audit entries" description="Admin actions on this user." />
          <CardBody>
            {audit.length === 0 ? (
              <p className="py-4 text-center text-sm text-slate-500">No admin actions on this user.</p>
            ) : (
              <ul className="divide-y divide-slate-100 text-sm" data-testid="user-audit">
                {audit.map((a) => (
                  <li key={a._id} className="py-2">
                    <span className="font-mono text-xs text-slate-900">{a.action}</span> by {a.actorName}
                    {a.reason && <span className="block break-words text-slate-600">“{a.reason}”</span>}
                    <time className="text-xs text-slate-500" dateTime={new Date(a.at).toISOString()}>
                      {when.format(a.at)}
                    </time>
                  </li>
                ))}
              </ul>
            )}
          </CardBody>
        </Card>
      </div>
    </div>
  );
}

function UserLedger({ userId }: { userId: Id<"users"> }) {
  const { results, status, loadMore } = usePaginatedQuery(api.ledger.userHistory, { userId }, { initialNumItems: 20 });
  return (
    <Card>
      <CardHeader title="Ledger history" description="Entries on any of this user's accounts, newest first." />
      <CardBody className="space-y-4">
        {status === "LoadingFirstPage" ? (
          <Skeleton className="h-16" />
        ) : results.length === 0 ? (
          <p className="py-4 text-center text-sm text-slate-500">No ledger entries.</p>
        ) : (
          <div className="overflow-x-auto" role="region" aria-label="Ledger history" tabIndex={0}>
            <table className="min-w-full text-sm">
              <thead className="text-left text-xs uppercase tracking-wide text-slate-500">
                <tr>
                  <th scope="col" className="py-2 pr-4">Time</th>
                  <th scope="col" className="py-2 pr-4">Type</th>
                  <th scope="col" className="py-2 pr-4">Description</th>
                  <th scope="col" className="py-2 text-right">Amount</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {results.map((r) => (
                  <tr key={r._id}>
                    <td className="whitespace-nowrap py-2 pr-4 text-slate-600">{when.format(r.at)}</td>
                    <td className="py-2 pr-4 text-slate-700">{r.type}</td>
                    <td className="py-2 pr-4 text-slate-700">{r.description}</td>
                    <td className="whitespace-nowrap py-2 text-right tabular-nums text-slate-900">
                      {r.amount > 0 ? "+" : ""}
                      {formatMoney(r.amount, r.currency)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <LoadMore status={status} onLoadMore={() => loadMore(20)} label="Show older entries" />
      </CardBody>
    </Card>
  );
}

function SuspendForm({ userId, name, suspended }: { userId: Id<"users">; name: string; suspended: boolean }) {
  const setStatus = useMutation(api.userAdmin.setStatus);
  const formRef = useRef<HTMLFormElement>(null);
  const form = useSubmit(["reason"], formRef);
  const [reason, setReason] = useState("");
  const action = suspended ? "Reinstate" : "Suspend";

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const problem = textLength(reason) === 0 ? "Give a reason: it goes to the audit log." : tooLongError("The reason", reason, TEXT_LIMITS.reason);
    if (!form.check({ reason: problem })) return;
    const outcome = await form.submit(() => setStatus({ userId, status: suspended ? "active" : "suspended", reason }));
    if (outcome.ok) setReason("");
  }

  return (
    <Card>
      <CardHeader
        title={suspended ? "Suspended" : "Suspend"}
        description={
          suspended
            ? `${name} cannot start or accept sessions or act on the platform until reinstated; a session already running may be finished.`
            : `A suspended user stays signed in but can only finish a session already running: no new sessions; their pending requests, and bookings they have not joined, are cancelled with nothing charged. A suspended advisor is hidden and offline at once.`
        }
      />
      <CardBody>
        <form ref={formRef} onSubmit={onSubmit} noValidate className="grid gap-3 sm:grid-cols-[1fr_auto] sm:items-end" aria-label={`${action} ${name}`}>
          <Field label={`Reason to ${action.toLowerCase()}`} error={form.fieldErrors.reason} counter={{ length: textLength(reason), max: TEXT_LIMITS.reason }}>
            {(p) => <Textarea {...p} rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />}
          </Field>
          <Button type="submit" size="sm" variant={suspended ? "primary" : "danger"} pending={form.pending}>
            {action} {name}
          </Button>
        </form>
        <FormAlert message={form.formError} />
      </CardBody>
    </Card>
  );
}
