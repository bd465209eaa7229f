"use client";

import { useMutation, useQuery } from "convex/react";
import { api } from "@/convex/_generated/api";
import type { Id } from "@/convex/_generated/dataModel";
import { FormAlert } from "@/components/forms/form-alert";
import { useSubmit } from "@/components/forms/use-submit";
import { Button } from "@/components/ui/button";

/** For a signed-in client while the advisor is busy or offline: ask to be told once when they are online (SPEC §5), or cancel. */
export function OnlineAlert({ advisorId, advisorName }: { advisorId: Id<"advisors">; advisorName: string }) {
  const waiting = useQuery(api.onlineAlerts.waiting, { advisorId });
  const ask = useMutation(api.onlineAlerts.ask);
  const cancel = useMutation(api.onlineAlerts.cancel);
  const action = useSubmit();

  if (waiting === undefined) return null;
  return (
    <div className="space-y-2" data-testid="online-alert">
      {waiting ? (
        <>
          <p className="text-sm text-slate-700" role="status">
            We will tell you once, in the app and by email, when {advisorName} is online.
          </p>
          <Button size="sm" variant="ghost" pending={action.pending} onClick={() => void action.submit(() => cancel({ advisorId }))}>
            Don’t notify me
          </Button>
        </>
      ) : (
        <Button size="sm" variant="secondary" className="w-full" pending={action.pending} onClick={() => void action.submit(() => ask({ advisorId }))}>
          Notify me when {advisorName} is online
        </Button>
      )}
      <FormAlert message={action.formError} />
    </div>
  );
}
