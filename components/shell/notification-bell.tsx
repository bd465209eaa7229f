"use client";

import { useQuery } from "convex/react";
import Link from "next/link";
import { api } from "@/convex/_generated/api";
import { UNREAD_CAP } from "@/lib/notifications/kinds";

/** The bell in the header: unread count, live; opens the notifications page. */
export function NotificationBell() {
  const unread = useQuery(api.notifications.unreadCount, {});
  const count = unread ?? 0;
  const shown = count > UNREAD_CAP ? `${UNREAD_CAP}+` : String(count);
  return (
    <Link
      href="/notifications"
      aria-label={count === 0 ? "Notifications" : `Notifications, ${shown} unread`}
      className="relative rounded-full p-2 text-slate-600 hover:bg-slate-100 hover:text-slate-900"
      data-testid="notification-bell"
    >
      <svg viewBox="0 0 24 24" className="size-5" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
        <path d="M18 8a6 6 0 1 0-12 0c0 7-3 9-3 9h18s-3-2-3-9" />
        <path d="M13.7 21a2 2 0 0 1-3.4 0" />
      </svg>
      {count > 0 && (
        <span className="absolute -right-0.5 -top-0.5 min-w-5 rounded-full bg-red-600 px-1 text-center text-[11px] font-semibold leading-5 text-white" aria-hidden="true">
          {shown}
        </span>
      )}
    </Link>
  );
}
