"use client";

import { useMutation, useQuery } from "convex/react";
import type { FunctionReturnType } from "convex/server";
import { useRef, useState, type FormEvent } from "react";
import { api } from "@/convex/_generated/api";
import { FormAlert } from "@/components/forms/form-alert";
import { useSubmit } from "@/components/forms/use-submit";
import { Button } from "@/components/ui/button";
import { Card, CardBody } from "@/components/ui/card";
import { Field, Input, Textarea } from "@/components/ui/field";
import { Skeleton } from "@/components/ui/spinner";
import { CheckboxGroup } from "@/components/ui/checkbox-group";
import { AdvisorCard } from "@/components/advisors/advisor-card";
import { useViewer } from "@/components/auth/viewer";
import { profileCompletion } from "@/lib/advisors/completion";
import { PhotoField } from "./photo-field";
import { LANGUAGES, MAX_LANGUAGES } from "@/lib/advisors/discovery";
import { MAX_SPECIALTIES, TEXT_LIMITS, specialtiesError, textLength, tooLongError } from "@/lib/forms/textLimits";
import { formatMoney, parseMoney, toDecimalString } from "@/lib/money";

type Profile = NonNullable<FunctionReturnType<typeof api.advisors.mine>>;
const FIELDS = ["headline", "bio", "specialties", "languages", "chatPricePerMinute", "videoPricePerMinute"] as const;

function EditForm({ profile }: { profile: Profile }) {
  const viewer = useViewer();
  const updateProfile = useMutation(api.advisors.updateProfile);
  const limits = useQuery(api.settings.publicLimits, {});
  const listed = useQuery(api.specialties.list, {});
  const priceHint = limits && `From ${formatMoney(limits.pricePerMinuteMin, limits.currency)} to ${formatMoney(limits.pricePerMinuteMax, limits.currency)}`;
  const formRef = useRef<HTMLFormElement>(null);
  const form = useSubmit(FIELDS, formRef);
  const [headline, setHeadline] = useState(profile.headline);
  const [bio, setBio] = useState(profile.bio);
  const [specialties, setSpecialties] = useState<string[]>(profile.specialties);
  const [chat, setChat] = useState(toDecimalString(profile.chatPricePerMinute, 2));
  const [video, setVideo] = useState(toDecimalString(profile.videoPricePerMinute, 2));
  const [languages, setLanguages] = useState<string[]>(profile.languages ?? []);
  const [saved, setSaved] = useState(false);
  const errors = form.fieldErrors;
  // A specialty admins took off the list stays on the profile, and among the boxes, until the advisor unticks it.
  const listedNames = listed?.map((s) => s.name) ?? [];
  const retired = profile.specialties.filter((s) => listed !== undefined && !listedNames.includes(s));
  const specialtyOptions = [...listedNames, ...retired];
  const specialtiesHint = [
    `Choose 1 to ${MAX_SPECIALTIES}.`,
    retired.length > 0 && `${retired.join(", ")} ${retired.length === 1 ? "is" : "are"} not on the list: kept until you untick ${retired.length === 1 ? "it" : "them"}.`,
  ]
    .filter(Boolean)
    .join(" ");

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaved(false);
    const chatPrice = parseMoney(chat, profile.currency);
    const videoPrice = parseMoney(video, profile.currency);
    const valid = form.check({
      headline: headline.trim() === "" ? "Write a one-line headline." : tooLongError("The headline", headline, TEXT_LIMITS.headline),
      bio: tooLongError("The bio", bio, TEXT_LIMITS.bio),
      specialties: specialtiesError(specialties),
      languages: languages.length > MAX_LANGUAGES ? `Choose at most ${MAX_LANGUAGES}.` : null,
      chatPricePerMinute: chatPrice.ok ? null : chatPrice.error,
      videoPricePerMinute: videoPrice.ok ? null : videoPrice.error,
    });
    if (!valid || !chatPrice.ok || !videoPrice.ok) return;
    const outcome = await form.submit(() =>
      updateProfile({
        headline,
        bio,
        specialties,
        languages,
        chatPricePerMinute: chatPrice.amount,
        videoPricePerMinute: videoPrice.amount,
      }),
    );
    setSaved(outcome.ok);
  }

  const completion = profileCompletion({ headline, bio, specialties, languages, hasPhoto: profile.photoUrl !== null });
  const chatPreview = parseMoney(chat, profile.currency);
  const videoPreview = parseMoney(video, profile.currency);
  const preview = {
    _id: "preview",
    name: viewer?.name ?? "",
    headline: headline.trim() || "Your headline",
    specialties,
    languages,
    chatPricePerMinute: chatPreview.ok ? chatPreview.amount : profile.chatPricePerMinute,
    videoPricePerMinute: videoPreview.ok ? videoPreview.amount : profile.videoPricePerMinute,
    currency: profile.currency,
    isOnline: profile.isOnline,
    rating: profile.rating,
    ratingCount: profile.ratingCount,
    photoUrl: profile.photoUrl,
  };

  return (
    <div className="grid gap-6 lg:grid-cols-[1fr_20rem]">
      <form ref={formRef} onSubmit={onSubmit} className="space-y-5" noValidate aria-label="Advisor profile">
        <PhotoField name={viewer?.name ?? ""} photoUrl={profile.photoUrl} />
        <Field
          label="Headline"
          error={errors.headline}
          hint="One line that says what you help with."
          counter={{ length: textLength(headline), max: TEXT_LIMITS.headline }}
        >
          {(p) => <Input {...p} name="headline" value={headline} onChange={(e) => setHeadline(e.target.value)} />}
        </Field>
        <Field label="About you" error={errors.bio} counter={{ length: textLength(bio), max: TEXT_LIMITS.bio }}>
          {(p) => <Textarea {...p} name="bio" rows={5} value={bio} onChange={(e) => setBio(e.target.value)} />}
        </Field>
        {listed === undefined ? (
          <Skeleton className="h-20" />
        ) : (
          <CheckboxGroup
            legend="Specialties"
            name="specialties"
            options={specialtyOptions}
            value={specialties}
            onChange={setSpecialties}
            hint={specialtiesHint}
            error={errors.specialties}
          />
        )}
        <CheckboxGroup
          legend="Languages you advise in"
          name="languages"
          options={LANGUAGES}
          value={languages}
          onChange={setLanguages}
          hint={`Up to ${MAX_LANGUAGES}.`}
          error={errors.languages}
        />
        <div className="grid gap-5 sm:grid-cols-2">
          <Field label={`Chat price per minute (${profile.currency})`} error={errors.chatPricePerMinute} hint={priceHint}>
            {(p) => <Input {...p} name="chat" inputMode="decimal" value={chat} onChange={(e) => setChat(e.target.value)} />}
          </Field>
          <Field label={`Video price per minute (${profile.currency})`} error={errors.videoPricePerMinute} hint={priceHint}>
            {(p) => <Input {...p} name="video" inputMode="decimal" value={video} onChange={(e) => setVideo(e.target.value)} />}
          </Field>
        </div>
        <FormAlert message={form.formError} />
        <div className="flex flex-wrap items-center gap-3">
          <Button type="submit" pending={form.pending}>
            Save profile
          </Button>
          {saved && (
            <p role="status" className="text-sm text-emerald-700">
              Saved. Clients see the new profile now.
            </p>
          )}
        </div>
      </form>
      <aside className="space-y-4" aria-label="Profile completeness and preview">
        <div className="rounded-xl border border-slate-200 p-4" data-testid="profile-completion">
          <p className="text-sm font-semibold text-slate-900">Profile {completion.score}% complete</p>
          <div
            className="mt-2 h-2 overflow-hidden rounded-full bg-slate-100"
            role="progressbar"
            aria-label="Profile completeness"
            aria-valuenow={completion.score}
            aria-valuemin={0}
            aria-valuemax={100}
          >
            <div className="h-full rounded-full bg-brand-600" style={{ width: `${completion.score}%` }} />
          </div>
          {completion.missing.length > 0 && (
            <ul className="mt-3 list-disc space-y-0.5 pl-5 text-xs text-slate-600">
              {completion.missing.map((m) => (
                <li key={m}>Add {m}</li>
              ))}
            </ul>
          )}
        </div>
        <div>
          <p className="mb-2 text-sm font-semibold text-slate-900">Your card, as clients see it</p>
          <div className="pointer-events-none flex" inert>
            <AdvisorCard advisor={preview} preview />
          </div>
        </div>
      </aside>
    </div>
  );
}

export function ProfileForm() {
  const profile = useQuery(api.advisors.mine);
  return (
    <Card>
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
