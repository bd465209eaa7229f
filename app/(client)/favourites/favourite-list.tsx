"use client";

import { usePaginatedQuery } from "convex/react";
import { api } from "@/convex/_generated/api";
import { AdvisorGrid } from "@/components/advisors/advisor-grid";
import { ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { LoadMore } from "@/components/ui/load-more";
import { DiscoverySkeleton } from "@/app/advisors/discovery-results";

const PAGE_SIZE = 12;

export function FavouriteList({ limit }: { limit?: number }) {
  const { results, status, loadMore } = usePaginatedQuery(api.favourites.list, {}, { initialNumItems: limit ?? PAGE_SIZE });
  if (status === "LoadingFirstPage") return limit === undefined ? <DiscoverySkeleton /> : null;
  if (results.length === 0) {
    if (limit !== undefined) return null;
    return (
      <EmptyState
        title="No favourites yet"
        icon={
          <svg viewBox="0 0 24 24" className="size-6" fill="none" stroke="currentColor" strokeWidth="2" aria-hidden="true">
            <path strokeLinejoin="round" d="M12 20s-7-4.4-9.2-8.6C1.3 8.4 3 5 6.3 5c2 0 3.3 1.1 3.9 2.1h3.6C14.4 6.1 15.7 5 17.7 5 21 5 22.7 8.4 21.2 11.4 19 15.6 12 20 12 20z" />
          </svg>
        }
        action={<ButtonLink href="/advisors">Find advisors</ButtonLink>}
      >
        Tap the heart on an advisor to keep them here.
      </EmptyState>
    );
  }
  return (
    <div className="space-y-6">
      <AdvisorGrid advisors={results} label="Favourite advisors" testId="favourite-results" />
      {limit === undefined && <LoadMore status={status} onLoadMore={() => loadMore(PAGE_SIZE)} label="Show more" />}
    </div>
  );
}
