"use client";

import { usePaginatedQuery } from "convex/react";
import { useEffect, useState } from "react";
import { api } from "@/convex/_generated/api";
import { AdvisorCardSkeleton } from "@/components/advisors/advisor-card";
import { AdvisorGrid } from "@/components/advisors/advisor-grid";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { LoadMore } from "@/components/ui/load-more";
import type { DiscoveryFilters } from "@/lib/advisors/discovery";

const PAGE_SIZE = 12;

export function DiscoverySkeleton() {
  return (
    <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3" aria-busy="true">
      {Array.from({ length: 6 }, (_, i) => (
        <AdvisorCardSkeleton key={i} />
      ))}
      <span className="sr-only" role="status">
        Loading advisors
      </span>
    </div>
  );
}

/** The advisors matching `filters`, live (status and prices update in place), a page at a time. Key it by the filters. */
export function DiscoveryResults({ filters, onClear }: { filters: DiscoveryFilters; onClear: () => void }) {
  const { results, status, loadMore } = usePaginatedQuery(api.advisors.discover, filters, { initialNumItems: PAGE_SIZE });
  const [wanted, setWanted] = useState(PAGE_SIZE);
  // A page can come back short when rows fail a filter no index covers: keep loading until `wanted` are shown or the list ends.
  useEffect(() => {
    if (status === "CanLoadMore" && results.length < wanted) loadMore(wanted - results.length);
  }, [status, results.length, wanted, loadMore]);

  if (status === "LoadingFirstPage") return <DiscoverySkeleton />;
  if (results.length === 0 && status === "Exhausted") {
    return (
      <EmptyState
        title="No advisors match"
        icon={
          <svg viewBox="0 0 24 24" className="size-6" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round">
            <circle cx="11" cy="11" r="7" />
            <path d="m20 20-3.5-3.5" />
          </svg>
        }
        action={
          <Button variant="secondary" onClick={onClear}>
            Clear search and filters
          </Button>
        }
      >
        Try fewer filters, a wider price range or another word.
      </EmptyState>
    );
  }
  return (
    <div className="space-y-6">
      <AdvisorGrid advisors={results} label="Advisors" testId="advisor-results" />
      <LoadMore status={status} onLoadMore={() => setWanted(results.length + PAGE_SIZE)} label="Show more advisors" />
    </div>
  );
}
