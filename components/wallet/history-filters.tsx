"use client";

import { DateRangeFields } from "@/components/ui/date-range-fields";
import { Field, Select } from "@/components/ui/field";
import { HISTORY_TYPES, type HistoryType } from "@/lib/ledger/historyTypes";
import { HISTORY_TYPE_LABEL } from "./labels";

export type HistoryFilterState = { type: HistoryType | ""; from: string; to: string };

/** Type and date-range filters shared by the wallet history and the admin search. */
export function HistoryFilters({
  value,
  onChange,
  types = HISTORY_TYPES,
}: {
  value: HistoryFilterState;
  onChange: (next: HistoryFilterState) => void;
  types?: readonly HistoryType[];
}) {
  return (
    <div className="grid gap-3 sm:grid-cols-3">
      <Field label="Type">
        {(p) => (
          <Select {...p} value={value.type} onChange={(e) => onChange({ ...value, type: e.target.value as HistoryType | "" })}>
            <option value="">All types</option>
            {types.map((type) => (
              <option key={type} value={type}>
                {HISTORY_TYPE_LABEL[type]}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <DateRangeFields value={value} onChange={(range) => onChange({ ...value, ...range })} />
    </div>
  );
}
