import { AdvisorCardSkeleton } from "@/components/advisors/advisor-card";

export default function Loading() {
  return (
    <div className="mx-auto max-w-6xl px-4 py-8 sm:px-6 sm:py-10" aria-busy="true">
      <div className="mb-6 h-9 w-48 animate-pulse rounded bg-slate-200" />
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        {Array.from({ length: 6 }, (_, i) => (
          <AdvisorCardSkeleton key={i} />
        ))}
      </div>
      <span className="sr-only" role="status">Loading advisors</span>
    </div>
  );
}
