"use client";

import { useMutation, useQuery } from "convex/react";
import Link from "next/link";
import { api } from "@/convex/_generated/api";
import { useSubmit } from "@/components/forms/use-submit";
import { Badge } from "@/components/ui/badge";
import { ButtonLink } from "@/components/ui/button";
import { Card, CardBody } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Icon } from "@/components/ui/icons";
import { Skeleton } from "@/components/ui/spinner";
import { Stat } from "@/components/ui/stat";
import { formatMoney } from "@/lib/money";
import { cn } from "@/components/ui/cn";
import { IncomingRequests } from "@/components/sessions/incoming-requests";
import { LiveSessionBanner } from "@/components/sessions/live-session-banner";
import { UpcomingBookingsCard } from "@/components/bookings/upcoming-bookings-card";

function OnlineSwitch({ isOnline, disabled }: { isOnline: boolean; disabled: boolean }) {
  const setOnline = useMutation(api.advisors.setOnline).withOptimisticUpdate((store, args) => {
    const mine = store.getQuery(api.advisors.mine, {});
    if (mine) store.setQuery(api.advisors.mine, {}, { ...mine, isOnline: args.isOnline });
  });
  const { submit, formError: error } = useSubmit();
  return (
    <div>
      <button
        type="button"
        role="switch"
        aria-checked={isOnline}
        aria-label="Available for live sessions"
        disabled={disabled}
        onClick={() => void submit(() => setOnline({ isOnline: !isOnline }))}
        className={cn(
          "relative inline-flex h-7 w-12 shrink-0 items-center rounded-full transition-colors disabled:opacity-50",
          isOnline ? "bg-emerald-500" : "bg-slate-300",
        )}
      >
        <span className={cn("inline-block size-5 rounded-full bg-white shadow transition-transform", isOnline ? "translate-x-6" : "translate-x-1")} />
      </button>
      {error && (
        <p role="alert" className="mt-2 text-xs text-red-600">
          {error}
        </p>
      )}
    </div>
  );
}

export function AdvisorDashboard() {
  const profile = useQuery(api.advisors.mine);

  if (profile === undefined) {
    return (
      <div className="space-y-4" aria-busy="true">
        <Skeleton className="h-28 w-full" />
        <div className="grid gap-4 sm:grid-cols-3">
          <Skeleton className="h-24" />
          <Skeleton className="h-24" />
          <Skeleton className="h-24" />
        </div>
      </div>
    );
  }
  if (profile === null) {
    return (
      <EmptyState icon={<Icon name="users" />} title="Set up your profile" action={<ButtonLink href="/advisor/profile">Create profile</ButtonLink>}>
        Clients see your headline, specialties and prices before they start a session.
      </EmptyState>
    );
  }

  const approved = profile.status === "approved";
  return (
    <div className="space-y-6">
      <LiveSessionBanner />
      <Card>
        <CardBody className="flex flex-wrap items-center justify-between gap-4 p-5">
          <div>
            <div className="flex items-center gap-2">
              <h2 className="text-base font-semibold text-slate-900">{profile.isOnline ? "You are online" : "You are offline"}</h2>
              <Badge tone={approved ? "green" : "amber"}>{approved ? "Approved" : profile.status}</Badge>
            </div>
            <p className="mt-1 text-sm text-slate-600">
              {profile.isOnline ? "Clients can start chat and video sessions with you now." : "Go online when you are ready to take sessions."}
            </p>
          </div>
          <OnlineSwitch isOnline={profile.isOnline} disabled={!approved} />
        </CardBody>
      </Card>

      <div className="grid gap-4 sm:grid-cols-3">
        <Stat icon="chat" label="Chat price" value={`${formatMoney(profile.chatPricePerMinute, profile.currency)}/min`} />
        <Stat icon="calendar" label="Video price" value={`${formatMoney(profile.videoPricePerMinute, profile.currency)}/min`} />
        <Stat
          icon="chart"
          label="Rating"
          value={profile.rating === null ? "—" : profile.rating.toFixed(1)}
          note={profile.ratingCount === 0 ? "No ratings yet" : `${profile.ratingCount} ratings`}
        />
      </div>

      <div className="space-y-2">
        <IncomingRequests isOnline={profile.isOnline} />
        <Link href="/advisor/sessions" className="inline-block text-sm font-medium text-brand-700 hover:text-brand-900">
          Session history and receipts →
        </Link>
      </div>

      <UpcomingBookingsCard />
    </div>
  );
}
