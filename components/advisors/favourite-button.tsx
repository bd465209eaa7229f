"use client";

import { useMutation, useQuery } from "convex/react";
import { api } from "@/convex/_generated/api";
import type { Id } from "@/convex/_generated/dataModel";
import { useViewer } from "@/components/auth/viewer";
import { useSubmit } from "@/components/forms/use-submit";
import { cn } from "@/components/ui/cn";

/** A heart that saves or forgets an advisor; shown to clients only. */
export function FavouriteButton({ advisorId, advisorName, className }: { advisorId: string; advisorName: string; className?: string }) {
  const viewer = useViewer();
  const isClient = viewer?.role === "client";
  const ids = useQuery(api.favourites.ids, isClient ? {} : "skip");
  const set = useMutation(api.favourites.set);
  const action = useSubmit();
  if (!isClient || ids === undefined) return null;
  const saved = ids.includes(advisorId as Id<"advisors">);
  return (
    <button
      type="button"
      aria-pressed={saved}
      aria-label={saved ? `Remove ${advisorName} from favourites` : `Save ${advisorName} to favourites`}
      title={action.formError ?? (saved ? "Saved to favourites" : "Save to favourites")}
      disabled={action.pending}
      onClick={() => void action.submit(() => set({ advisorId: advisorId as Id<"advisors">, favourite: !saved }))}
      className={cn("relative z-10 rounded-full p-1.5 text-slate-400 hover:bg-rose-50 hover:text-rose-500 disabled:opacity-50", saved && "text-rose-500", className)}
    >
      <svg viewBox="0 0 24 24" className="size-5" fill={saved ? "currentColor" : "none"} stroke="currentColor" strokeWidth="2" aria-hidden="true">
        <path strokeLinejoin="round" d="M12 20s-7-4.4-9.2-8.6C1.3 8.4 3 5 6.3 5c2 0 3.3 1.1 3.9 2.1h3.6C14.4 6.1 15.7 5 17.7 5 21 5 22.7 8.4 21.2 11.4 19 15.6 12 20 12 20z" />
      </svg>
    </button>
  );
}
