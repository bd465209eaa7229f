"use client";

import { useMutation, useQuery } from "convex/react";
import type { FunctionReturnType } from "convex/server";
import { useState, type FormEvent } from "react";
import { api } from "@/convex/_generated/api";
import { describeError } from "@/components/errors";
import { Button } from "@/components/ui/button";
import { Card, CardBody } from "@/components/ui/card";
import { Field, Input, Textarea } from "@/components/ui/field";
import { Skeleton } from "@/components/ui/spinner";
import { parseMoney, toDecimalString } from "@/lib/money";

type Profile = NonNullable<FunctionReturnType<typeof api.advisors.mine>>;
type Errors = Partial<Record<"headline" | "specialties" | "chat" | "video" | "form", string>>;

function EditForm({ profile }: { profile: Profile }) {
  const updateProfile = useMutation(api.advisors.updateProfile);
  const [errors, setErrors] = useState<Errors>({});
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const chat = parseMoney(String(form.get("chat")), profile.currency);
    const video = parseMoney(String(form.get("video")), profile.currency);
    const specialties = String(form.get("specialties")).split(",").map((s) => s.trim()).filter(Boolean);
    const headline = String(form.get("headline")).trim();
    const next: Errors = {};
    if (!headline) next.headline = "Write a one-line headline.";
    if (specialties.length === 0) next.specialties = "List at least one specialty.";
    if (!chat.ok) next.chat = chat.error;
    if (!video.ok) next.video = video.error;
    setErrors(next);
    setSaved(false);
    if (Object.keys(next).length > 0 || !chat.ok || !video.ok) return;

    setSaving(true);
    try {
      await updateProfile({
        headline,
        bio: String(form.get("bio")),
        specialties,
        chatPricePerMinute: chat.amount,
        videoPricePerMinute: video.amount,
      });
      setSaved(true);
    } catch (error) {
      setErrors({ form: describeError(error).message });
    } finally {
      setSaving(false);
    }
  }

  return (
    <form onSubmit={onSubmit} className="space-y-5" noValidate>
      <Field label="Headline" error={errors.headline} hint="One line, up to 120 characters.">
        {(p) => <Input {...p} name="headline" maxLength={120} defaultValue={profile.headline} />}
      </Field>
      <Field label="About you" hint="Up to 2,000 characters.">
        {(p) => <Textarea {...p} name="bio" rows={5} maxLength={2000} defaultValue={profile.bio} />}
      </Field>
      <Field label="Specialties" error={errors.specialties} hint="Comma-separated, up to 5.">
        {(p) => <Input {...p} name="specialties" defaultValue={profile.specialties.join(", ")} />}
      </Field>
      <div className="grid gap-5 sm:grid-cols-2">
        <Field label={`Chat price per minute (${profile.currency})`} error={errors.chat} hint="From 0.10 to 100.00">
          {(p) => <Input {...p} name="chat" inputMode="decimal" defaultValue={toDecimalString(profile.chatPricePerMinute, 2)} />}
        </Field>
        <Field label={`Video price per minute (${profile.currency})`} error={errors.video} hint="From 0.10 to 100.00">
          {(p) => <Input {...p} name="video" inputMode="decimal" defaultValue={toDecimalString(profile.videoPricePerMinute, 2)} />}
        </Field>
      </div>
      {errors.form && (
        <p role="alert" className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-700">
          {errors.form}
        </p>
      )}
      <div className="flex items-center gap-3">
        <Button type="submit" pending={saving}>
          Save profile
        </Button>
        {saved && (
          <p role="status" className="text-sm text-emerald-700">
            Saved. Clients see the new profile now.
          </p>
        )}
      </div>
    </form>
  );
}

export function ProfileForm() {
  const profile = useQuery(api.advisors.mine);
  return (
    <Card className="max-w-3xl">
      <CardBody className="p-6">
        {profile === undefined ? (
          <div className="space-y-4" aria-busy="true">
            <Skeleton className="h-10" />
            <Skeleton className="h-28" />
            <Skeleton className="h-10" />
          </div>
        ) : profile === null ? (
          <p className="text-sm text-slate-600">Your advisor profile is created when an admin approves you as an advisor.</p>
        ) : (
          <EditForm profile={profile} />
        )}
      </CardBody>
    </Card>
  );
}
