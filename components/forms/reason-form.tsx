"use client";

import { useRef, useState, type FormEvent } from "react";
import { FormAlert } from "@/components/forms/form-alert";
import { useSubmit } from "@/components/forms/use-submit";
import { Button } from "@/components/ui/button";
import { Field, Textarea } from "@/components/ui/field";
import { TEXT_LIMITS, textLength, tooLongError } from "@/lib/forms/textLimits";

/**
 * An admin's refusal with its required reason (SPEC §10: reasons ≤ 500
 * characters, audited). The reason is checked here and again on the server.
 */
export function ReasonForm({
  hint,
  submitLabel,
  onSubmit,
  onCancel,
}: {
  hint: string;
  submitLabel: string;
  onSubmit: (reason: string) => Promise<unknown>;
  onCancel: () => void;
}) {
  const formRef = useRef<HTMLFormElement>(null);
  const form = useSubmit(["reason"], formRef);
  const [reason, setReason] = useState("");

  async function submit(event: FormEvent) {
    event.preventDefault();
    const ok = form.check({
      reason: reason.trim() === "" ? `Give a reason. ${hint}` : tooLongError("The reason", reason, TEXT_LIMITS.reason),
    });
    if (ok) await form.submit(() => onSubmit(reason.trim()));
  }

  return (
    <form ref={formRef} onSubmit={submit} noValidate className="space-y-2">
      <Field label="Reason" hint={hint} error={form.fieldErrors.reason} counter={{ length: textLength(reason), max: TEXT_LIMITS.reason }}>
        {(p) => <Textarea {...p} name="reason" rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />}
      </Field>
      <div className="flex gap-2">
        <Button size="sm" type="submit" variant="danger" pending={form.pending}>
          {submitLabel}
        </Button>
        <Button size="sm" variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
      </div>
      <FormAlert message={form.formError} />
    </form>
  );
}
