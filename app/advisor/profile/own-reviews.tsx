"use client";

import { useMutation, usePaginatedQuery, useQuery } from "convex/react";
import { useRef, useState, type FormEvent } from "react";
import { api } from "@/convex/_generated/api";
import { ReviewItem, type Review } from "@/components/advisors/review-item";
import { FormAlert } from "@/components/forms/form-alert";
import { useSubmit } from "@/components/forms/use-submit";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Field, Textarea } from "@/components/ui/field";
import { LoadMore } from "@/components/ui/load-more";
import { Skeleton } from "@/components/ui/spinner";
import { textLength, tooLongError } from "@/lib/forms/textLimits";

const PAGE_SIZE = 10;

function ReplyForm({ review, max }: { review: Review; max: number }) {
  const reply = useMutation(api.reviews.reply);
  const formRef = useRef<HTMLFormElement>(null);
  const form = useSubmit(["text"], formRef);
  const [text, setText] = useState("");
  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (!form.check({ text: text.trim() === "" ? "Write your reply." : tooLongError("Your reply", text, max) })) return;
    await form.submit(() => reply({ ratingId: review._id, text: text.trim() }));
  }
  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="mt-2 space-y-2">
      <Field label="Your public reply (once)" error={form.fieldErrors.text} counter={{ length: textLength(text), max }}>
        {(p) => <Textarea {...p} name="reply" rows={2} value={text} onChange={(e) => setText(e.target.value)} />}
      </Field>
      <Button size="sm" type="submit" variant="secondary" pending={form.pending}>
        Post reply
      </Button>
      <FormAlert message={form.formError} />
    </form>
  );
}

/** The advisor's reviews, newest first, each answerable once. */
export function OwnReviews() {
  const max = useQuery(api.ratings.feedbackLimit, {});
  const { results, status, loadMore } = usePaginatedQuery(api.reviews.mine, {}, { initialNumItems: PAGE_SIZE });
  return (
    <Card className="mt-6" data-testid="own-reviews">
      <CardHeader title="Reviews of your sessions" description="Clients see your reply under their review." />
      <CardBody>
        {status === "LoadingFirstPage" || max === undefined ? (
          <Skeleton className="h-24 w-full" />
        ) : results.length === 0 ? (
          <p className="text-sm text-slate-500">No reviews yet. They appear here as clients rate their sessions.</p>
        ) : (
          <ul className="divide-y divide-slate-100">
            {results.map((review) => (
              <li key={review._id} className="py-4 first:pt-0" data-testid="own-review">
                <ReviewItem review={review} />
                {review.reply === undefined && <ReplyForm review={review} max={max} />}
              </li>
            ))}
          </ul>
        )}
        <div className="mt-4">
          <LoadMore status={status} onLoadMore={() => loadMore(PAGE_SIZE)} label="Show more reviews" />
        </div>
      </CardBody>
    </Card>
  );
}
