import type { FunctionReturnType } from "convex/server";
import type { api } from "@/convex/_generated/api";
import { SUB_RATINGS, SUB_RATING_LABEL } from "@/lib/advisors/reviews";

export type Review = FunctionReturnType<typeof api.reviews.forAdvisor>["page"][number];

const dateFormat = new Intl.DateTimeFormat("en-US", { dateStyle: "medium" });

export function StarsText({ value }: { value: number }) {
  return (
    <span role="img" aria-label={`${value} out of 5 stars`} className="text-amber-500">
      {"★".repeat(value)}
      <span className="text-slate-300">{"★".repeat(5 - value)}</span>
    </span>
  );
}

/** One review: stars, who and when, the text, its sub-ratings and the advisor's reply. */
export function ReviewItem({ review }: { review: Review }) {
  const subs = SUB_RATINGS.filter((name) => review[name] !== undefined);
  return (
    <article className="space-y-1 wrap-anywhere">
      <p className="flex flex-wrap items-center gap-2 text-sm">
        <StarsText value={review.stars} />
        <span className="font-medium text-slate-900">{review.reviewer}</span>
        <span className="text-xs text-slate-500">{dateFormat.format(review.at)}</span>
      </p>
      {review.text && <p className="text-sm text-slate-700">{review.text}</p>}
      {subs.length > 0 && (
        <p className="text-xs text-slate-500">{subs.map((name) => `${SUB_RATING_LABEL[name]} ${review[name]}/5`).join(" · ")}</p>
      )}
      {review.reply && (
        <div className="mt-2 rounded-lg bg-slate-50 px-3 py-2 text-sm text-slate-700">
          <p className="text-xs font-medium text-slate-500">Reply from the advisor</p>
          <p>{review.reply.text}</p>
        </div>
      )}
    </article>
  );
}
