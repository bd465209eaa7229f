"use client";

import { useMutation, useQuery } from "convex/react";
import { useState, type FormEvent } from "react";
import { api } from "@/convex/_generated/api";
import type { Id } from "@/convex/_generated/dataModel";
import { describeError } from "@/components/errors";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Field, Textarea } from "@/components/ui/field";

const MAX_TEXT = 1000;

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
  const rate = useMutation(api.ratings.rate);
  const [stars, setStars] = useState(0);
  const [text, setText] = useState("");
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  if (existing === undefined) return null;
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
    if (stars === 0) {
      setError("Choose from 1 to 5 stars.");
      return;
    }
    setPending(true);
    setError(null);
    try {
      await rate({ sessionId, stars, text: text.trim() === "" ? undefined : text.trim() });
    } catch (e) {
      setError(describeError(e).message);
    } finally {
      setPending(false);
    }
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4 rounded-xl border border-slate-200 bg-white p-5 shadow-sm" aria-labelledby="rating-title" noValidate>
      <h2 id="rating-title" className="text-base font-semibold text-slate-900">
        How was your session with {advisorName}?
      </h2>
      <fieldset>
        <legend className="text-sm font-medium text-slate-800">Rating</legend>
        <div className="mt-2 flex gap-1">
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
      </fieldset>
      <Field label="Feedback (optional)" hint={`Up to ${MAX_TEXT.toLocaleString("en-US")} characters.`}>
        {(p) => <Textarea {...p} rows={3} maxLength={MAX_TEXT} value={text} onChange={(e) => setText(e.target.value)} />}
      </Field>
      {error && (
        <p role="alert" className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-700">
          {error}
        </p>
      )}
      <Button type="submit" pending={pending}>
        Submit rating
      </Button>
    </form>
  );
}
