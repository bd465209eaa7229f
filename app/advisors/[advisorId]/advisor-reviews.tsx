"use client";

import { useMutation, usePaginatedQuery, useQuery } from "convex/react";
import { useState } from "react";
import { api } from "@/convex/_generated/api";
import type { Id } from "@/convex/_generated/dataModel";
import { useViewer } from "@/components/auth/viewer";
import { ReasonForm } from "@/components/forms/reason-form";
import { ReviewItem, type Review } from "@/components/advisors/review-item";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { LoadMore } from "@/components/ui/load-more";
import { Skeleton } from "@/components/ui/spinner";
import { SUB_RATING_LABEL, type SubRating } from "@/lib/advisors/reviews";

const PAGE_SIZE = 10;

/** Bars of how many ratings gave 5, 4, … 1 stars, with the numbers in words for screen readers. */
function Histogram({ counts, total }: { counts: number[]; total: number }) {
  return (
    <ul className="space-y-1" aria-label="Ratings by stars">
      {[5, 4, 3, 2, 1].map((stars) => {
        const count = counts[stars - 1] ?? 0;
        const percent = total === 0 ? 0 : Math.round((count * 100) / total);
        return (
          <li key={stars} className="flex items-center gap-2 text-xs text-slate-600">
            <span className="w-10 shrink-0">{stars} star</span>
            <span className="h-2 flex-1 overflow-hidden rounded-full bg-slate-100" aria-hidden="true">
              <span className="block h-full rounded-full bg-amber-400" style={{ width: `${percent}%` }} />
            </span>
            <span className="w-8 shrink-0 text-right tabular-nums">{count}</span>
          </li>
        );
      })}
    </ul>
  );
}

function HideReview({ ratingId }: { ratingId: Id<"ratings"> }) {
  const hide = useMutation(api.reviews.hide);
  const [open, setOpen] = useState(false);
  if (!open) {
    return (
      <Button size="sm" variant="ghost" onClick={() => setOpen(true)}>
        Hide review…
      </Button>
    );
  }
  return <ReasonForm hint="Recorded in the audit log; the review leaves the page and the averages." submitLabel="Hide review" onSubmit={(reason) => hide({ ratingId, reason })} onCancel={() => setOpen(false)} />;
}

/** The advisor's rating summary and reviews, newest first, live; admins can hide an abusive one. */
export function AdvisorReviews({ advisorId }: { advisorId: Id<"advisors"> }) {
  const viewer = useViewer();
  const summary = useQuery(api.reviews.summary, { advisorId });
  const { results, status, loadMore } = usePaginatedQuery(api.reviews.forAdvisor, { advisorId }, { initialNumItems: PAGE_SIZE });
  if (summary === undefined) return <Skeleton className="h-40 w-full" />;
  if (summary === null) return null;
  return (
    <Card data-testid="advisor-reviews">
      <CardHeader title="Reviews" description={summary.rating === null ? "No reviews yet." : `${summary.rating.toFixed(1)} out of 5 from ${summary.ratingCount} ratings`} />
      <CardBody className="space-y-6">
        {summary.ratingCount > 0 && (
          <div className="grid gap-6 sm:grid-cols-2">
            <Histogram counts={summary.starCounts} total={summary.ratingCount} />
            {summary.subRatings.length > 0 && (
              <dl className="space-y-1 text-sm" aria-label="Detailed ratings">
                {summary.subRatings.map((s) => (
                  <div key={s.name} className="flex justify-between gap-2">
                    <dt className="text-slate-600">{SUB_RATING_LABEL[s.name as SubRating] ?? s.name}</dt>
                    <dd className="font-medium tabular-nums text-slate-900">
                      {s.average.toFixed(1)} <span className="font-normal text-slate-500">({s.count})</span>
                    </dd>
                  </div>
                ))}
              </dl>
            )}
          </div>
        )}
        {status === "LoadingFirstPage" ? (
          <Skeleton className="h-24 w-full" />
        ) : results.length === 0 ? (
          <p className="text-sm text-slate-500">No written reviews yet.</p>
        ) : (
          <ul className="divide-y divide-slate-100" aria-label="Reviews, newest first">
            {results.map((review: Review) => (
              <li key={review._id} className="py-4 first:pt-0" data-testid="review">
                <ReviewItem review={review} />
                {viewer?.role === "admin" && (
                  <div className="mt-2">
                    <HideReview ratingId={review._id} />
                  </div>
                )}
              </li>
            ))}
          </ul>
        )}
        <LoadMore status={status} onLoadMore={() => loadMore(PAGE_SIZE)} label="Show more reviews" />
      </CardBody>
    </Card>
  );
}
