import Link from "next/link";
import type { FunctionReturnType } from "convex/server";
import type { api } from "@/convex/_generated/api";
import { Avatar } from "@/components/ui/avatar";
import { Badge } from "@/components/ui/badge";
import { formatMoney } from "@/lib/money";
import { FavouriteButton } from "./favourite-button";

/** What a card shows: the public profile, or a discovery result with its live presence and languages. */
export type PublicAdvisor = Omit<FunctionReturnType<typeof api.advisors.list>[number], "bio" | "_id" | "languages"> & {
  /** An advisor id, or any string for a preview that links nowhere. */
  _id: string;
  presence?: "online" | "busy" | "offline";
  languages?: string[];
};

const PRESENCE = {
  online: { dot: "size-2 rounded-full bg-emerald-500 ring-2 ring-emerald-100", label: "Online" },
  busy: { dot: "size-2 rounded-full bg-amber-500 ring-2 ring-amber-100", label: "In a session" },
  offline: { dot: "size-2 rounded-full bg-slate-300", label: "Offline" },
};

export function OnlineStatus({ isOnline, presence }: { isOnline: boolean; presence?: keyof typeof PRESENCE }) {
  const shown = PRESENCE[presence ?? (isOnline ? "online" : "offline")];
  return (
    <span className="inline-flex shrink-0 items-center gap-1.5 text-xs font-medium text-slate-600">
      <span className={shown.dot} aria-hidden="true" />
      {shown.label}
    </span>
  );
}

export function Rating({ rating, count }: { rating: number | null; count: number }) {
  if (rating === null) return <span className="text-xs text-slate-500">New — no ratings yet</span>;
  return (
    <span className="inline-flex items-center gap-1 text-sm text-slate-700" aria-label={`Rated ${rating.toFixed(1)} out of 5 from ${count} reviews`}>
      <svg viewBox="0 0 20 20" className="size-4 text-amber-400" fill="currentColor" aria-hidden="true">
        <path d="M10 1.5l2.6 5.3 5.9.9-4.2 4.1 1 5.8L10 14.9l-5.3 2.7 1-5.8L1.5 7.7l5.9-.9z" />
      </svg>
      <span className="font-semibold">{rating.toFixed(1)}</span>
      <span className="text-slate-500">({count})</span>
    </span>
  );
}

export function Price({ label, cents, currency }: { label: string; cents: number; currency: string }) {
  return (
    <div className="rounded-lg bg-slate-50 px-3 py-2">
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd className="text-sm font-semibold text-slate-900">
        {formatMoney(cents, currency)}
        <span className="font-normal text-slate-500">/min</span>
      </dd>
    </div>
  );
}

/** `preview`: the advisor's own card on their profile page, before it exists for clients: no link to follow or prefetch. */
export function AdvisorCard({ advisor, preview = false }: { advisor: PublicAdvisor; preview?: boolean }) {
  return (
    <article className="group relative flex min-w-0 flex-col rounded-xl border border-slate-200 bg-white p-5 shadow-sm transition wrap-anywhere hover:border-brand-200 hover:shadow-md" aria-labelledby={`advisor-${advisor._id}`}>
      <div className="flex items-start gap-3">
        <Avatar name={advisor.name} src={advisor.photoUrl} className="size-12 text-base" />
        <div className="min-w-0 flex-1">
          <div className="flex items-start justify-between gap-2">
            <h3 id={`advisor-${advisor._id}`} className="truncate text-base font-semibold text-slate-900">
              {preview ? (
                advisor.name
              ) : (
                <Link href={`/advisors/${advisor._id}`} className="after:absolute after:inset-0 focus-visible:outline-none">
                  {advisor.name}
                </Link>
              )}
            </h3>
            <div className="flex shrink-0 items-center gap-1">
              <OnlineStatus isOnline={advisor.isOnline} presence={advisor.presence} />
              <FavouriteButton advisorId={advisor._id} advisorName={advisor.name} />
            </div>
          </div>
          <p className="mt-0.5 line-clamp-2 text-sm text-slate-600">{advisor.headline}</p>
          {advisor.languages !== undefined && advisor.languages.length > 0 && (
            <p className="mt-1 text-xs text-slate-500">
              <span className="sr-only">Languages: </span>
              {advisor.languages.join(" · ")}
            </p>
          )}
        </div>
      </div>
      <ul className="mt-4 flex flex-wrap gap-1.5" aria-label="Specialties">
        {advisor.specialties.map((specialty) => (
          <li key={specialty}>
            <Badge tone="brand">{specialty}</Badge>
          </li>
        ))}
      </ul>
      <div className="mt-auto pt-4">
        <div className="mb-3">
          <Rating rating={advisor.rating} count={advisor.ratingCount} />
        </div>
        <dl className="grid grid-cols-2 gap-2">
          <Price label="Chat" cents={advisor.chatPricePerMinute} currency={advisor.currency} />
          <Price label="Video" cents={advisor.videoPricePerMinute} currency={advisor.currency} />
        </dl>
      </div>
    </article>
  );
}

export function AdvisorCardSkeleton() {
  return (
    <div className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm" aria-hidden="true">
      <div className="flex gap-3">
        <div className="size-12 animate-pulse rounded-full bg-slate-200" />
        <div className="flex-1 space-y-2">
          <div className="h-4 w-1/2 animate-pulse rounded bg-slate-200" />
          <div className="h-3 w-5/6 animate-pulse rounded bg-slate-200" />
        </div>
      </div>
      <div className="mt-4 h-5 w-2/3 animate-pulse rounded bg-slate-200" />
      <div className="mt-6 grid grid-cols-2 gap-2">
        <div className="h-12 animate-pulse rounded-lg bg-slate-100" />
        <div className="h-12 animate-pulse rounded-lg bg-slate-100" />
      </div>
    </div>
  );
}
