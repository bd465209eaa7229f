"use client";

import { useEffect, useState, type RefObject } from "react";
import { describeError } from "@/components/errors";

const FOCUSABLE = "input:not([disabled]), select:not([disabled]), textarea:not([disabled]), button:not([disabled]), [tabindex]";

export type FieldErrors<F extends string> = Partial<Record<F, string>>;
/** What a form found before sending: a message per field, null or undefined where there is none. */
export type FieldChecks<F extends string> = Partial<Record<F, string | null | undefined>>;
export type Outcome<T> = { ok: true; value: T } | { ok: false; error: ReturnType<typeof describeError> };

/**
 * One way to run what a form or button asks the backend for: pending while it
 * runs, a refusal in words, and field-level errors. A server error that names
 * one of `fields` (ConvexError data `{ code, message, field }`) is shown next
 * to that field; any other one as the form's alert. After a failure the focus
 * moves to the first field marked aria-invalid inside `formRef`.
 */
export function useSubmit<F extends string = never>(fields: readonly F[] = [], formRef?: RefObject<HTMLElement | null>) {
  const [pending, setPending] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors<F>>({});
  const [failures, setFailures] = useState(0);

  useEffect(() => {
    if (failures === 0) return;
    // The first field in error, or the first control inside it (a radio group marks the group, not each radio).
    const invalid = formRef?.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    const target = invalid?.matches(FOCUSABLE) ? invalid : invalid?.querySelector<HTMLElement>(FOCUSABLE);
    target?.focus();
  }, [failures, formRef]);

  /** Shows errors found before sending (field errors, or a form-level message); returns whether there were none. */
  function check(errors: FieldChecks<F> | string | null): boolean {
    const fieldsAtFault = typeof errors === "object" && errors !== null ? (Object.entries(errors).filter(([, m]) => Boolean(m)) as [F, string][]) : [];
    const message = typeof errors === "string" ? errors : null;
    setFieldErrors(Object.fromEntries(fieldsAtFault) as FieldErrors<F>);
    setFormError(message);
    if (fieldsAtFault.length === 0 && message === null) return true;
    setFailures((n) => n + 1);
    return false;
  }

  /** Runs `action`, catching a refusal into the field or form error. */
  async function submit<T>(action: () => Promise<T>): Promise<Outcome<T>> {
    setPending(true);
    setFormError(null);
    setFieldErrors({});
    try {
      return { ok: true, value: await action() };
    } catch (caught) {
      const error = describeError(caught);
      const field = fields.find((f) => f === error.field);
      if (field !== undefined) setFieldErrors({ [field]: error.message } as FieldErrors<F>);
      else setFormError(error.message);
      setFailures((n) => n + 1);
      return { ok: false, error };
    } finally {
      setPending(false);
    }
  }

  function clear() {
    setFormError(null);
    setFieldErrors({});
  }

  return { pending, formError, fieldErrors, check, submit, clear };
}
