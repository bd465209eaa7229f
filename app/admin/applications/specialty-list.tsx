"use client";

import { useMutation, useQuery } from "convex/react";
import { useRef, useState, type FormEvent } from "react";
import { api } from "@/convex/_generated/api";
import type { Id } from "@/convex/_generated/dataModel";
import { FormAlert } from "@/components/forms/form-alert";
import { ReasonForm } from "@/components/forms/reason-form";
import { useSubmit } from "@/components/forms/use-submit";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Field, Input } from "@/components/ui/field";
import { Skeleton } from "@/components/ui/spinner";
import { TEXT_LIMITS, textLength } from "@/lib/forms/textLimits";

function Entry({ id, name }: { id: Id<"specialties">; name: string }) {
  const remove = useMutation(api.specialties.remove);
  const [removing, setRemoving] = useState(false);
  return (
    <li className="border-b border-slate-100 py-2">
      <div className="flex items-center justify-between gap-2">
        <span className="text-sm text-slate-800">{name}</span>
        {!removing && (
          <Button size="sm" variant="ghost" onClick={() => setRemoving(true)} aria-label={`Remove ${name}`}>
            Remove…
          </Button>
        )}
      </div>
      {removing && (
        <ReasonForm
          hint="Advisors who list it keep it; applicants and the filter no longer offer it. Recorded in the audit log."
          submitLabel={`Remove ${name}`}
          onSubmit={(reason) => remove({ id, reason })}
          onCancel={() => setRemoving(false)}
        />
      )}
    </li>
  );
}

/** The specialty list applicants and discovery's filter choose from. */
export function SpecialtyList() {
  const specialties = useQuery(api.specialties.list, {});
  const add = useMutation(api.specialties.add);
  const formRef = useRef<HTMLFormElement>(null);
  const form = useSubmit(["name"], formRef);
  const [name, setName] = useState("");

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (!form.check({ name: name.trim().length < 2 ? "Give a name of at least 2 characters." : null })) return;
    const outcome = await form.submit(() => add({ name }));
    if (outcome.ok) setName("");
  }

  return (
    <Card className="mt-8" data-testid="specialty-list">
      <CardHeader title="Specialties" description="What applicants choose from and the advisors page filters by." />
      <CardBody className="space-y-4">
        <form ref={formRef} onSubmit={onSubmit} noValidate className="grid gap-3 sm:grid-cols-[1fr_auto] sm:items-start">
          <Field label="New specialty" error={form.fieldErrors.name} counter={{ length: textLength(name), max: TEXT_LIMITS.specialty }}>
            {(p) => <Input {...p} name="name" value={name} onChange={(e) => setName(e.target.value)} />}
          </Field>
          <div className="sm:pt-6">
            <Button type="submit" variant="secondary" pending={form.pending}>
              Add specialty
            </Button>
          </div>
          <FormAlert message={form.formError} className="sm:col-span-2" />
        </form>
        {specialties === undefined ? (
          <Skeleton className="h-24 w-full" />
        ) : specialties.length === 0 ? (
          <p className="text-sm text-slate-500">The list is empty: applicants cannot choose a specialty until you add some.</p>
        ) : (
          <ul className="grid gap-x-6 sm:grid-cols-2" aria-label="Specialties offered">
            {specialties.map((s) => (
              <Entry key={s._id} id={s._id} name={s.name} />
            ))}
          </ul>
        )}
      </CardBody>
    </Card>
  );
}
