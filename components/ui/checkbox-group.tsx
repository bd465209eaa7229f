"use client";

import { useId } from "react";
import { FieldMessages } from "./field";

/**
 * A labelled set of checkboxes choosing several of `options`, with a hint and
 * an error wired for screen readers (the group is marked invalid while there
 * is an error, and the first box takes the focus after a failed submit).
 */
export function CheckboxGroup({
  legend,
  name,
  options,
  value,
  onChange,
  hint,
  error,
}: {
  legend: string;
  name: string;
  options: readonly string[];
  value: readonly string[];
  onChange: (next: string[]) => void;
  hint?: string;
  error?: string | null;
}) {
  const id = useId();
  const describedBy = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(" ") || undefined;
  const toggle = (option: string, checked: boolean) => onChange(checked ? [...value, option] : value.filter((v) => v !== option));
  return (
    <fieldset aria-describedby={describedBy} aria-invalid={error ? true : undefined} className="space-y-2">
      <legend className="text-sm font-medium text-slate-800">{legend}</legend>
      <div className="flex flex-wrap gap-2">
        {options.map((option) => (
          <label
            key={option}
            className="inline-flex cursor-pointer items-center gap-2 rounded-full border border-slate-200 bg-white px-3 py-1.5 text-sm text-slate-700 has-[:checked]:border-brand-300 has-[:checked]:bg-brand-50 has-[:checked]:text-brand-800"
          >
            <input type="checkbox" name={name} className="size-4 rounded border-slate-300" checked={value.includes(option)} onChange={(e) => toggle(option, e.target.checked)} />
            {option}
          </label>
        ))}
      </div>
      <FieldMessages id={id} hint={hint} error={error} />
    </fieldset>
  );
}
