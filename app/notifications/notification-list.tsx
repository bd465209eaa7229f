"use client";

import { useMutation, usePaginatedQuery, useQuery } from "convex/react";
import Link from "next/link";
import { api } from "@/convex/_generated/api";
import type { Id } from "@/convex/_generated/dataModel";
import { FormAlert } from "@/components/forms/form-alert";
import { useSubmit } from "@/components/forms/use-submit";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { EmptyState } from "@/components/ui/empty-state";
import { LoadMore } from "@/components/ui/load-more";
import { Skeleton } from "@/components/ui/spinner";
import { dateTimeFormat } from "@/components/wallet/labels";

const PAGE_SIZE = 20;

/** The signed-in user's notifications, live; opening one marks it read. */
export function NotificationList() {
  const { results, status, loadMore } = usePaginatedQuery(api.notifications.list, {}, { initialNumItems: PAGE_SIZE });
  const unread = useQuery(api.notifications.unreadCount, {});
  const markRead = useMutation(api.notifications.markRead);
  const markAllRead = useMutation(api.notifications.markAllRead);
  const action = useSubmit();

  async function readAll() {
    await action.submit(async () => {
      while (await markAllRead({})) {
        // more than one batch of unread: keep going
      }
    });
  }
  const open = (id: Id<"notifications">) => void action.submit(() => markRead({ id }));

  if (status === "LoadingFirstPage") return <Skeleton className="h-48 w-full" />;
  if (results.length === 0) {
    return (
      <EmptyState
        title="Nothing yet"
        icon={
          <svg viewBox="0 0 24 24" className="size-6" fill="none" stroke="currentColor" strokeWidth="2" aria-hidden="true">
            <path d="M18 8a6 6 0 1 0-12 0c0 7-3 9-3 9h18s-3-2-3-9" />
          </svg>
        }
      >
        Session requests, decisions on your requests and money updates appear here.
      </EmptyState>
    );
  }
  return (
    <div className="space-y-4">
      <div className="flex items-center justify-between gap-3">
        <p className="text-sm text-slate-600" data-testid="unread-summary">
          {unread === undefined ? "" : unread === 0 ? "All read." : `${unread > 99 ? "99+" : unread} unread`}
        </p>
        {unread !== undefined && unread > 0 && (
          <Button size="sm" variant="secondary" pending={action.pending} onClick={() => void readAll()}>
            Mark all as read
          </Button>
        )}
      </div>
      <FormAlert message={action.formError} />
      <ul className="divide-y divide-slate-100 rounded-xl border border-slate-200 bg-white" aria-label="Notifications" data-testid="notifications">
        {results.map((n) => (
          <li key={n._id} className={cn("px-4 py-3", !n.read && "bg-brand-50/50")} data-testid="notification">
            <div className="flex items-start justify-between gap-3">
              <div className="min-w-0 wrap-anywhere">
                <p className={cn("text-sm text-slate-900", !n.read && "font-semibold")}>
                  {!n.read && <span className="sr-only">Unread: </span>}
                  {n.href ? (
                    <Link href={n.href} className="hover:underline" onClick={() => !n.read && open(n._id)}>
                      {n.title}
                    </Link>
                  ) : (
                    n.title
                  )}
                </p>
                <p className="mt-0.5 text-sm text-slate-600">{n.body}</p>
                <p className="mt-1 text-xs text-slate-500">{dateTimeFormat.format(n.at)}</p>
              </div>
              {!n.read && (
                <Button size="sm" variant="ghost" onClick={() => open(n._id)} aria-label={`Mark “${n.title}” as read`}>
                  Mark read
                </Button>
              )}
            </div>
          </li>
        ))}
      </ul>
      <LoadMore status={status} onLoadMore={() => loadMore(PAGE_SIZE)} label="Show older" />
    </div>
  );
}
