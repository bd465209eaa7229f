"use client";

import { useMutation, useQuery } from "convex/react";
import type { FunctionReturnType } from "convex/server";
import { useRef, useState, type FormEvent } from "react";
import { api } from "@/convex/_generated/api";
import { FormAlert } from "@/components/forms/form-alert";
import { useSubmit } from "@/components/forms/use-submit";
import { Button } from "@/components/ui/button";
import { Card, CardBody } from "@/components/ui/card";
import { Field, Input, Select } from "@/components/ui/field";
import { Skeleton } from "@/components/ui/spinner";
import { useViewerTimeZone } from "@/components/bookings/use-viewer-zone";
import { availabilityProblems, type AvailabilityField, type TimeRange } from "@/lib/bookings/availability";
import { ExceptionsEditor, type ExceptionRow } from "./exceptions-editor";
import { SlotsPreview } from "./slots-preview";
import { WeeklyEditor, byWeekday, fromWeekdays } from "./weekly-editor";

type Mine = NonNullable<FunctionReturnType<typeof api.availability.mine>>;
const FIELDS = ["timeZone", "weekly", "exceptions", "bufferMinutes", "minNoticeHours", "dailyCap"] as const satisfies readonly AvailabilityField[];

function timeZones(current: string): string[] {
  const all = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
  return all.includes(current) ? all : [current, ...all];
}

/** A whole number typed in a box, or NaN (refused with the field's words). */
const whole = (text: string) => (text.trim() === "" ? Number.NaN : Number(text));

function EditForm({ mine, browserZone }: { mine: Mine; browserZone: string }) {
  const save = useMutation(api.availability.save);
  const formRef = useRef<HTMLFormElement>(null);
  const form = useSubmit(FIELDS, formRef);
  const [timeZone, setTimeZone] = useState(mine.saved ? mine.timeZone : browserZone);
  const [weekly, setWeekly] = useState<Record<number, TimeRange[]>>(() => byWeekday(mine.weekly));
  const [exceptions, setExceptions] = useState<ExceptionRow[]>(() => mine.exceptions.map((e, i) => ({ key: i, date: e.date, off: e.ranges.length === 0, ranges: e.ranges })));
  const [buffer, setBuffer] = useState(String(mine.bufferMinutes));
  const [notice, setNotice] = useState(String(mine.minNoticeHours));
  const [cap, setCap] = useState(String(mine.dailyCap));
  const [saved, setSaved] = useState(false);
  const errors = form.fieldErrors;
  const { limits } = mine;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaved(false);
    const availability = {
      timeZone,
      weekly: fromWeekdays(weekly),
      exceptions: exceptions.map((e) => ({ date: e.date, ranges: e.off ? [] : e.ranges })),
      bufferMinutes: whole(buffer),
      minNoticeHours: whole(notice),
      dailyCap: whole(cap),
    };
    const problems = availabilityProblems(availability, limits, mine.exceptionDates);
    if (!form.check(Object.fromEntries(problems.map((p) => [p.field, p.message])))) return;
    const outcome = await form.submit(() => save(availability));
    setSaved(outcome.ok);
  }

  return (
    <div className="grid gap-6 lg:grid-cols-[1fr_20rem]">
      <form ref={formRef} onSubmit={onSubmit} noValidate aria-label="Availability" className="space-y-6">
        <Field label="Time zone" error={errors.timeZone} hint="Your hours and dates below are in this zone; clients see them in theirs.">
          {(p) => (
            <Select {...p} name="timeZone" value={timeZone} onChange={(e) => setTimeZone(e.target.value)}>
              {timeZones(timeZone).map((z) => (
                <option key={z} value={z}>
                  {z.replaceAll("_", " ")}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <WeeklyEditor weekly={weekly} maxPerDay={limits.maxRangesPerDay} error={errors.weekly} onChange={setWeekly} />
        <ExceptionsEditor rows={exceptions} dates={mine.exceptionDates} max={limits.maxExceptions} maxPerDay={limits.maxRangesPerDay} error={errors.exceptions} onChange={setExceptions} />
        <div className="grid gap-5 sm:grid-cols-3">
          <Field label="Buffer between bookings (minutes)" error={errors.bufferMinutes} hint={`0 to ${limits.bufferMaxMinutes}.`}>
            {(p) => <Input {...p} name="bufferMinutes" inputMode="numeric" value={buffer} onChange={(e) => setBuffer(e.target.value)} />}
          </Field>
          <Field label="Minimum notice (hours)" error={errors.minNoticeHours} hint={`0 to ${limits.minNoticeMaxHours}.`}>
            {(p) => <Input {...p} name="minNoticeHours" inputMode="numeric" value={notice} onChange={(e) => setNotice(e.target.value)} />}
          </Field>
          <Field label="Bookings per day at most" error={errors.dailyCap} hint={`1 to ${limits.dailyCapMax}.`}>
            {(p) => <Input {...p} name="dailyCap" inputMode="numeric" value={cap} onChange={(e) => setCap(e.target.value)} />}
          </Field>
        </div>
        <FormAlert message={form.formError} />
        <div className="flex flex-wrap items-center gap-3">
          <Button type="submit" pending={form.pending}>
            Save availability
          </Button>
          {saved && (
            <p role="status" className="text-sm text-emerald-700">
              Saved. Clients see your new times now.
            </p>
          )}
        </div>
      </form>
      <SlotsPreview advisorId={mine.advisorId} viewerZone={browserZone} />
    </div>
  );
}

export function AvailabilityForm() {
  const mine = useQuery(api.availability.mine);
  const browserZone = useViewerTimeZone();
  return (
    <Card>
      <CardBody className="p-4 sm:p-6">
        {mine === undefined ? (
          <div className="space-y-4" aria-busy="true" aria-label="Loading your availability">
            <Skeleton className="h-10" />
            <Skeleton className="h-64" />
          </div>
        ) : mine === null ? (
          <p className="text-sm text-slate-600">Your availability can be set once an admin approves you as an advisor.</p>
        ) : (
          <EditForm mine={mine} browserZone={browserZone} />
        )}
      </CardBody>
    </Card>
  );
}
