"use client";

import { useMutation, usePaginatedQuery, useQuery } from "convex/react";
import type { FunctionReturnType } from "convex/server";
import { useRef, useState, type FormEvent } from "react";
import { api } from "@/convex/_generated/api";
import { DOCUMENT_EXTENSIONS, SETTING_GROUPS, formatSettingNumber, type SettingUnit } from "@/lib/admin/settingUnits";
import { FormAlert } from "@/components/forms/form-alert";
import { useSubmit } from "@/components/forms/use-submit";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Field, Input, Textarea } from "@/components/ui/field";
import { LoadMore } from "@/components/ui/load-more";
import { Skeleton } from "@/components/ui/spinner";
import { TEXT_LIMITS, textLength, tooLongError } from "@/lib/forms/textLimits";
import { parseMoney } from "@/lib/money";

type Row = FunctionReturnType<typeof api.settings.adminList>["settings"][number];
type Value = Row["value"];

const EFFECT: Record<Row["effect"], { text: string; tone: "brand" | "neutral" | "amber" }> = {
  new_sessions: { text: "New sessions only", tone: "brand" },
  sessions_ending: { text: "Sessions ending after the change", tone: "amber" },
  immediately: { text: "From the change on", tone: "neutral" },
  read_only: { text: "Fixed", tone: "neutral" },
};

const unitOf = (row: Row) => row.unit as SettingUnit;

/** A value as the page shows it. */
export function showValue(value: Value, unit: SettingUnit, currency: string): string {
  if (Array.isArray(value)) return value.map((v) => (typeof v === "number" ? formatSettingNumber(v, unit, currency) : v)).join(", ");
  return typeof value === "number" ? formatSettingNumber(value, unit, currency) : value;
}

/** What the edit box starts with: the value in the unit a person types (dollars, percent). */
function editText(value: Value, unit: SettingUnit): string {
  const decimal = (n: number) => (n / 100).toFixed(2);
  if (unit === "cents" && typeof value === "number") return decimal(value);
  if (unit === "bps" && typeof value === "number") return decimal(value);
  if (unit === "cents_list" && Array.isArray(value)) return (value as number[]).map(decimal).join(", ");
  if (Array.isArray(value)) return value.join(", ");
  return String(value);
}

/** What the person typed, as the value the server takes; or the reason it is not one. */
function parseValue(text: string, row: Row, currency: string): { ok: true; value: Value } | { ok: false; error: string } {
  const unit = unitOf(row);
  if (unit === "time_zone") return { ok: true, value: text.trim() };
  if (unit === "extensions") return { ok: true, value: text.split(",").map((s) => s.trim().toLowerCase()).filter(Boolean) };
  if (unit === "cents" || unit === "bps") {
    const parsed = parseMoney(text.replace(/%$/, ""), currency);
    return parsed.ok ? { ok: true, value: parsed.amount } : { ok: false, error: unit === "bps" ? "Enter a percentage like 10 or 12.5." : parsed.error };
  }
  if (unit === "cents_list") {
    const values: number[] = [];
    for (const part of text.split(",").map((s) => s.trim()).filter(Boolean)) {
      const parsed = parseMoney(part, currency);
      if (!parsed.ok) return { ok: false, error: `${part}: ${parsed.error}` };
      values.push(parsed.amount);
    }
    return { ok: true, value: values };
  }
  if (!/^\d+$/.test(text.trim())) return { ok: false, error: "Enter a whole number." };
  return { ok: true, value: Number(text.trim()) };
}

function rangeText(row: Row, currency: string): string | null {
  const unit = unitOf(row);
  if (unit === "extensions") return `Any of ${DOCUMENT_EXTENSIONS.join(", ")}`;
  if (row.min === undefined || row.max === undefined) return null;
  return `${formatSettingNumber(row.min, unit, currency)} to ${formatSettingNumber(row.max, unit, currency)}`;
}

function typingHint(unit: SettingUnit): string {
  switch (unit) {
    case "cents":
      return "In dollars, e.g. 25 or 25.50.";
    case "bps":
      return "In percent, e.g. 10 or 12.5.";
    case "cents_list":
      return "Dollar amounts separated by commas.";
    case "extensions":
      return "Types separated by commas.";
    case "time_zone":
      return "An IANA name, e.g. Europe/London.";
    default:
      return `A whole number (${unit}).`;
  }
}

export function SettingsEditor() {
  const data = useQuery(api.settings.adminList);
  const [editing, setEditing] = useState<string | null>(null);
  if (data === undefined) return <Skeleton className="h-96 w-full" />;
  return (
    <div className="space-y-6" data-testid="settings-editor">
      {SETTING_GROUPS.map((group) => {
        const rows = data.settings.filter((r) => r.group === group);
        if (rows.length === 0) return null;
        return (
          <Card key={group}>
            <CardHeader title={group} />
            <ul className="divide-y divide-slate-100">
              {rows.map((row) => (
                <li key={row.name} className="px-5 py-4" data-testid={`setting-${row.name}`}>
                  <div className="flex flex-wrap items-start justify-between gap-3">
                    <div className="min-w-0 flex-1 basis-64">
                      <h3 className="text-sm font-semibold text-slate-900">{row.label}</h3>
                      <p className="mt-0.5 text-sm text-slate-600">{row.help}</p>
                      <p className="mt-1 flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-slate-500">
                        {rangeText(row, data.currency) && <span>Range: {rangeText(row, data.currency)}</span>}
                        <span>Default: {showValue(row.defaultValue, unitOf(row), data.currency)}</span>
                        <Badge tone={EFFECT[row.effect].tone}>{EFFECT[row.effect].text}</Badge>
                      </p>
                    </div>
                    <div className="flex items-center gap-3">
                      <span className="break-words text-right font-mono text-sm text-slate-900" data-testid="setting-value">
                        {showValue(row.value, unitOf(row), data.currency)}
                      </span>
                      {row.effect !== "read_only" && editing !== row.name && (
                        <Button size="sm" variant="secondary" onClick={() => setEditing(row.name)} aria-label={`Change ${row.label}`}>
                          Change
                        </Button>
                      )}
                    </div>
                  </div>
                  {editing === row.name && <SettingForm row={row} currency={data.currency} onDone={() => setEditing(null)} />}
                </li>
              ))}
            </ul>
          </Card>
        );
      })}
    </div>
  );
}

function SettingForm({ row, currency, onDone }: { row: Row; currency: string; onDone: () => void }) {
  const update = useMutation(api.settings.update);
  const formRef = useRef<HTMLFormElement>(null);
  // The server names the setting as the field at fault (e.g. "feeBps"): it is this form's value.
  const form = useSubmit<string>(["value", "reason", row.name], formRef);
  const [text, setText] = useState(() => editText(row.value, unitOf(row)));
  const [reason, setReason] = useState("");
  const reasonMax = TEXT_LIMITS.reason;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = parseValue(text, row, currency);
    const reasonLength = textLength(reason);
    const ok = form.check({
      value: parsed.ok ? null : parsed.error,
      reason: reasonLength === 0 ? "Give a reason; it goes to the audit log." : tooLongError("The reason", reason, reasonMax),
    });
    if (!ok || !parsed.ok) return;
    const outcome = await form.submit(() => update({ name: row.name, value: parsed.value, reason }));
    if (outcome.ok) onDone();
  }

  const valueError = form.fieldErrors.value ?? form.fieldErrors[row.name];

  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="mt-4 grid gap-4 rounded-lg bg-slate-50 p-4 sm:grid-cols-2" aria-label={`Change ${row.label}`}>
      <Field label={`New ${row.label.toLowerCase()}`} hint={typingHint(unitOf(row))} error={valueError}>
        {(props) => <Input {...props} value={text} onChange={(e) => setText(e.target.value)} autoComplete="off" />}
      </Field>
      <Field label="Reason" hint="Written to the audit log with the value before and after." error={form.fieldErrors.reason} counter={{ length: textLength(reason), max: reasonMax }}>
        {(props) => <Textarea {...props} rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />}
      </Field>
      <div className="flex flex-wrap items-center gap-3 sm:col-span-2">
        <Button type="submit" size="sm" pending={form.pending}>
          Save {row.label.toLowerCase()}
        </Button>
        <Button type="button" size="sm" variant="secondary" onClick={onDone}>
          Cancel
        </Button>
        <FormAlert message={form.formError} />
      </div>
    </form>
  );
}

const when = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

export function SettingsHistory() {
  const list = useQuery(api.settings.adminList);
  const { results, status, loadMore } = usePaginatedQuery(api.settings.history, {}, { initialNumItems: 20 });
  const currency = list?.currency ?? "USD";
  return (
    <Card>
      <CardHeader title="History of changes" description="Newest first, from the audit log." />
      <CardBody className="space-y-4">
        {status === "LoadingFirstPage" ? (
          <Skeleton className="h-16" />
        ) : results.length === 0 ? (
          <p className="py-6 text-center text-sm text-slate-500">No setting has been changed yet.</p>
        ) : (
          <ul className="divide-y divide-slate-100" data-testid="settings-history">
            {results.map((c) => (
              <li key={c._id} className="py-3 text-sm text-slate-700">
                <p>
                  <span className="font-medium text-slate-900">{c.actorName}</span> changed <span className="font-medium text-slate-900">{c.label}</span> from{" "}
                  <span className="font-mono">{showValue(c.before, c.unit as SettingUnit, currency)}</span> to{" "}
                  <span className="font-mono">{showValue(c.after, c.unit as SettingUnit, currency)}</span>
                </p>
                <p className="mt-0.5 break-words text-slate-600">“{c.reason}”</p>
                <time className="text-xs text-slate-500" dateTime={new Date(c.at).toISOString()}>
                  {when.format(c.at)}
                </time>
              </li>
            ))}
          </ul>
        )}
        <LoadMore status={status} onLoadMore={() => loadMore(20)} label="Show older changes" />
      </CardBody>
    </Card>
  );
}
