import { Field, Input } from "@/components/ui/field";

export type DateRange = { from: string; to: string };

/** "From" and "To" date inputs (yyyy-mm-dd) that keep from ≤ to. */
export function DateRangeFields({ value, onChange }: { value: DateRange; onChange: (range: DateRange) => void }) {
  return (
    <>
      <Field label="From">
        {(p) => <Input {...p} type="date" value={value.from} max={value.to || undefined} onChange={(e) => onChange({ ...value, from: e.target.value })} />}
      </Field>
      <Field label="To">
        {(p) => <Input {...p} type="date" value={value.to} min={value.from || undefined} onChange={(e) => onChange({ ...value, to: e.target.value })} />}
      </Field>
    </>
  );
}
