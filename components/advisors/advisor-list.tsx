"use client";

import { usePreloadedQuery, type Preloaded } from "convex/react";
import { useMemo, useState } from "react";
import type { api } from "@/convex/_generated/api";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/field";
import { AdvisorGrid } from "./advisor-grid";

/** Approved advisors, live (online status and prices update in place), with an optional search box. */
export function AdvisorList({ preloaded, limit, searchable = false }: { preloaded: Preloaded<typeof api.advisors.list>; limit?: number; searchable?: boolean }) {
  const advisors = usePreloadedQuery(preloaded);
  const [search, setSearch] = useState("");
  const shown = useMemo(() => {
    const needle = search.trim().toLowerCase();
    const matching = needle
      ? advisors.filter((a) => [a.name, a.headline, ...a.specialties].some((text) => text.toLowerCase().includes(needle)))
      : advisors;
    return limit === undefined ? matching : matching.slice(0, limit);
  }, [advisors, search, limit]);

  return (
    <div>
      {searchable && (
        <div className="mb-6 max-w-md">
          <label htmlFor="advisor-search" className="sr-only">
            Search advisors
          </label>
          <Input id="advisor-search" type="search" placeholder="Search by name or specialty" value={search} onChange={(e) => setSearch(e.target.value)} />
        </div>
      )}
      {shown.length === 0 ? (
        <EmptyState
          title={search ? "No advisors match your search" : "No advisors yet"}
          icon={
            <svg viewBox="0 0 24 24" className="size-6" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round">
              <circle cx="11" cy="11" r="7" />
              <path d="m20 20-3.5-3.5" />
            </svg>
          }
        >
          {search ? "Try another name or specialty." : "Approved advisors appear here as soon as they publish a profile."}
        </EmptyState>
      ) : (
        <AdvisorGrid advisors={shown} label="Advisors" />
      )}
    </div>
  );
}
