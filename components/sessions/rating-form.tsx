"use client";

import { useMutation, useQuery } from "convex/react";
import { useRef, useState, type FormEvent } from "react";
import { api } from "@/convex/_generated/api";
import type { Id } from "@/convex/_generated/dataModel";
import { FormAlert } from "@/components/forms/form-alert";
import { useSubmit } from "@/components/forms/use-submit";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Field, Select, Textarea } from "@/components/ui/field";
import { SUB_RATINGS, SUB_RATING_LABEL, type SubRating } from "@/lib/advisors/reviews";
import { textLength, tooLongError } from "@/lib/forms/textLimits";

function Stars({ value }: { value: number }) {
  return (
    <span aria-label={`${value} out of 5 stars`} className="text-amber-500">
      {"★".repeat(value)}
      <span className="text-slate-300">{"★".repeat(5 - value)}</span>
    </span>
  );
}

/** The client rates an ended session once: 1–5 stars and optional feedback. */
export function RatingForm({ sessionId, advisorName, canRate }: { sessionId: Id<"sessions">; advisorName: string; canRate: boolean }) {
  const existing = useQuery(api.ratings.forSession, { sessionId });
  const maxText = useQuery(api.ratings.feedbackLimit, {});
  const rate = useMutation(api.ratings.rate);
  const [stars, setStars] = useState(0);
  const [text, setText] = useState("");
  const formRef = useRef<HTMLFormElement>(null);
  const form = useSubmit(["stars", "text", ...SUB_RATINGS], formRef);
  const [subRatings, setSubRatings] = useState<Partial<Record<SubRating, number>>>({});

  if (existing === undefined || maxText === undefined) return null;
  if (existing !== null) {
    return (
      <div role="status" className="rounded-xl bg-emerald-50 px-4 py-3 text-sm text-emerald-900" data-testid="rating-done">
        <p>
          You rated this session <Stars value={existing.stars} />.
        </p>
        {existing.text && <p className="mt-1 text-emerald-800">“{existing.text}”</p>}
      </div>
    );
  }
  if (!canRate) return null;

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (!form.check({ stars: stars === 0 ? "Choose from 1 to 5 stars." : null, text: tooLongError("Your feedback", text, maxText!) })) return;
    await form.submit(() => rate({ sessionId, stars, text: text.trim() === "" ? undefined : text.trim(), ...subRatings }));
  }

  return (
    <form ref={formRef} onSubmit={onSubmit} className="space-y-4 rounded-xl border border-slate-200 bg-white p-5 shadow-sm" aria-labelledby="rating-title" noValidate>
      <h2 id="rating-title" className="text-base font-semibold text-slate-900">
        How was your session with {advisorName}?
      </h2>
      <fieldset>
        <legend id="rating-stars-label" className="text-sm font-medium text-slate-800">Rating</legend>
        <div
          role="radiogroup"
          aria-labelledby="rating-stars-label"
          aria-invalid={form.fieldErrors.stars ? true : undefined}
          aria-describedby={form.fieldErrors.stars ? "rating-stars-error" : undefined}
          className="mt-2 flex gap-1"
        >
          {[1, 2, 3, 4, 5].map((n) => (
            <label key={n} className="relative cursor-pointer">
              <input type="radio" name="stars" value={n} checked={stars === n} onChange={() => setStars(n)} className="peer absolute inset-0 z-10 size-full cursor-pointer opacity-0" aria-label={`${n} star${n === 1 ? "" : "s"}`} />
              <span
                aria-hidden="true"
                className={cn(
                  "flex size-10 items-center justify-center rounded-lg text-2xl ring-1 ring-inset ring-slate-200 peer-focus-visible:outline-2 peer-focus-visible:outline-offset-2 peer-focus-visible:outline-brand-600",
                  n <= stars ? "bg-amber-50 text-amber-500" : "text-slate-300 hover:text-amber-400",
                )}
              >
                ★
              </span>
            </label>
          ))}
        </div>
        {form.fieldErrors.stars && (
          <p id="rating-stars-error" className="mt-1.5 text-xs font-medium text-red-600">
            {form.fieldErrors.stars}
          </p>
        )}
      </fieldset>
      <div className="grid gap-3 sm:grid-cols-3">
        {SUB_RATINGS.map((name) => (
          <Field key={name} label={`${SUB_RATING_LABEL[name]} (optional)`} error={form.fieldErrors[name]}>
            {(p) => (
              <Select {...p} name={name} value={subRatings[name] ?? ""} onChange={(e) => setSubRatings({ ...subRatings, [name]: e.target.value === "" ? undefined : Number(e.target.value) })}>
                <option value="">Not rated</option>
                {[5, 4, 3, 2, 1].map((n) => (
                  <option key={n} value={n}>
                    {n} star{n === 1 ? "" : "s"}
                  </option>
                ))}
              </Select>
            )}
          </Field>
        ))}
      </div>
      <Field label="Feedback (optional)" error={form.fieldErrors.text} counter={{ length: textLength(text), max: maxText }}>
        {(p) => <Textarea {...p} rows={3} value={text} onChange={(e) => setText(e.target.value)} />}
      </Field>
      <FormAlert message={form.formError} />
      <Button type="submit" pending={form.pending}>
        Submit rating
      </Button>
    </form>
  );
}
