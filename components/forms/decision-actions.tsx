"use client";

import { useState } from "react";
import { FormAlert } from "@/components/forms/form-alert";
import { ReasonForm } from "@/components/forms/reason-form";
import { useSubmit } from "@/components/forms/use-submit";
import { Button } from "@/components/ui/button";

export type Decision = { label: string; run: () => Promise<unknown>; variant?: "primary" | "secondary" };
export type Refusal = { label: string; hint: string; submitLabel: string; run: (reason: string) => Promise<unknown> };

/**
 * An admin's buttons on a queue row: the decisions that need no words, and a
 * refusal that opens a reason form (SPEC §10: every refusal has a reason).
 * A server refusal shows under the buttons.
 */
export function DecisionActions({ decisions, refusal }: { decisions: readonly Decision[]; refusal?: Refusal }) {
  const action = useSubmit();
  const [refusing, setRefusing] = useState(false);
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap gap-2">
        {decisions.map((d) => (
          <Button key={d.label} size="sm" variant={d.variant} pending={action.pending} onClick={() => void action.submit(d.run)}>
            {d.label}
          </Button>
        ))}
        {refusal !== undefined && !refusing && (
          <Button size="sm" variant="secondary" onClick={() => setRefusing(true)}>
            {refusal.label}
          </Button>
        )}
      </div>
      {refusal !== undefined && refusing && (
        <ReasonForm hint={refusal.hint} submitLabel={refusal.submitLabel} onSubmit={refusal.run} onCancel={() => setRefusing(false)} />
      )}
      <FormAlert message={action.formError} />
    </div>
  );
}
