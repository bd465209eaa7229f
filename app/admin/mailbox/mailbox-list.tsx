"use client";

import { usePaginatedQuery } from "convex/react";
import Link from "next/link";
import { api } from "@/convex/_generated/api";
import { dateTimeFormat } from "@/components/sessions/format";
import { EmailStatusBadge } from "@/components/mailbox/status";
import { EmptyState } from "@/components/ui/empty-state";
import { Icon } from "@/components/ui/icons";
import { LoadMore } from "@/components/ui/load-more";
import { Skeleton } from "@/components/ui/spinner";

const PAGE_SIZE = 25;

export function MailboxList() {
  const { results, status, loadMore } = usePaginatedQuery(api.mailbox.list, {}, { initialNumItems: PAGE_SIZE });
  if (status === "LoadingFirstPage") return <Skeleton className="h-64 w-full" />;
  if (results.length === 0) return <EmptyState title="No emails yet" icon={<Icon name="inbox" />}>Emails appear here as soon as an event sends one.</EmptyState>;
  return (
    <div className="space-y-4">
      <ul className="divide-y divide-slate-100 rounded-xl border border-slate-200 bg-white shadow-sm" aria-label="Emails" data-testid="mailbox">
        {results.map((m) => (
          <li key={m._id} className="flex flex-wrap items-center justify-between gap-3 px-4 py-3 text-sm" data-testid="mailbox-row">
            <div className="min-w-0 space-y-0.5 wrap-anywhere">
              <Link href={`/admin/mailbox/${m._id}`} className="font-medium text-brand-700 underline-offset-2 hover:underline">
                {m.subject}
              </Link>
              <p className="text-slate-600">
                To {m.to} · {dateTimeFormat.format(m.createdAt)} · {m.attempts} attempt{m.attempts === 1 ? "" : "s"}
                {m.attachmentCount > 0 && " · with calendar file"}
              </p>
              {m.lastError !== undefined && m.status !== "sent" && <p className="text-red-700">Last error: {m.lastError}</p>}
            </div>
            <EmailStatusBadge status={m.status} />
          </li>
        ))}
      </ul>
      <LoadMore status={status} onLoadMore={() => loadMore(PAGE_SIZE)} label="Show older" />
    </div>
  );
}
