"use client";

import { useMutation, useQuery } from "convex/react";
import { useRef, useState, type FormEvent } from "react";
import { api } from "@/convex/_generated/api";
import { FormAlert } from "@/components/forms/form-alert";
import { useSubmit } from "@/components/forms/use-submit";
import { Badge } from "@/components/ui/badge";
import { useViewer } from "@/components/auth/viewer";
import { Refused } from "@/components/shell/refused";
import { Button, ButtonLink } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { CheckboxGroup } from "@/components/ui/checkbox-group";
import { Field, Input, Textarea } from "@/components/ui/field";
import { Skeleton } from "@/components/ui/spinner";
import { dateTimeFormat } from "@/components/wallet/labels";
import { APPLICATION_LIMITS, linkError } from "@/lib/advisors/applications";
import { LANGUAGES, MAX_LANGUAGES } from "@/lib/advisors/discovery";
import { MAX_SPECIALTIES, TEXT_LIMITS, specialtiesError, textLength, tooLongError } from "@/lib/forms/textLimits";
import { formatMoney, parseMoney } from "@/lib/money";

const FIELDS = ["displayName", "headline", "bio", "specialties", "languages", "yearsExperience", "sampleLinks", "chatPricePerMinute", "videoPricePerMinute"] as const;

function ApplicationForm() {
  const submit = useMutation(api.applications.submit);
  const limits = useQuery(api.settings.publicLimits, {});
  const specialtyOptions = useQuery(api.specialties.list, {});
  const formRef = useRef<HTMLFormElement>(null);
  const form = useSubmit(FIELDS, formRef);
  const [displayName, setDisplayName] = useState("");
  const [headline, setHeadline] = useState("");
  const [bio, setBio] = useState("");
  const [specialties, setSpecialties] = useState<string[]>([]);
  const [languages, setLanguages] = useState<string[]>([]);
  const [years, setYears] = useState("");
  const [links, setLinks] = useState("");
  const [chat, setChat] = useState("");
  const [video, setVideo] = useState("");
  const errors = form.fieldErrors;
  const currency = limits?.currency ?? "USD";
  const priceHint = limits && `From ${formatMoney(limits.pricePerMinuteMin, currency)} to ${formatMoney(limits.pricePerMinuteMax, currency)} a minute.`;

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const chatPrice = parseMoney(chat, currency);
    const videoPrice = parseMoney(video, currency);
    const yearsNumber = Number(years);
    const sampleLinks = links.split(/\s+/).filter((l) => l !== "");
    const valid = form.check({
      displayName: displayName.trim().length < 2 ? "Give the name clients will see." : tooLongError("The name", displayName, APPLICATION_LIMITS.displayName),
      headline: headline.trim() === "" ? "Write a one-line headline." : tooLongError("The headline", headline, TEXT_LIMITS.headline),
      bio: tooLongError("The bio", bio, TEXT_LIMITS.bio),
      specialties: specialtiesError(specialties),
      languages: languages.length === 0 ? "Choose at least one language." : languages.length > MAX_LANGUAGES ? `Choose at most ${MAX_LANGUAGES}.` : null,
      yearsExperience: years.trim() === "" || !Number.isInteger(yearsNumber) || yearsNumber < 0 || yearsNumber > APPLICATION_LIMITS.maxYears ? `Give whole years, 0 to ${APPLICATION_LIMITS.maxYears}.` : null,
      sampleLinks: sampleLinks.length > APPLICATION_LIMITS.maxLinks ? `Give at most ${APPLICATION_LIMITS.maxLinks} links.` : (sampleLinks.map(linkError).find((e) => e !== null) ?? null),
      chatPricePerMinute: chatPrice.ok ? null : chatPrice.error,
      videoPricePerMinute: videoPrice.ok ? null : videoPrice.error,
    });
    if (!valid || !chatPrice.ok || !videoPrice.ok) return;
    await form.submit(() =>
      submit({ displayName, headline, bio, specialties, languages, yearsExperience: yearsNumber, sampleLinks, chatPricePerMinute: chatPrice.amount, videoPricePerMinute: videoPrice.amount }),
    );
  }

  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="space-y-5" aria-label="Advisor application">
      <div className="grid gap-5 sm:grid-cols-2">
        <Field label="Name clients will see" error={errors.displayName} counter={{ length: textLength(displayName), max: APPLICATION_LIMITS.displayName }}>
          {(p) => <Input {...p} name="displayName" autoComplete="name" value={displayName} onChange={(e) => setDisplayName(e.target.value)} />}
        </Field>
        <Field label="Years of experience" error={errors.yearsExperience}>
          {(p) => <Input {...p} name="yearsExperience" inputMode="numeric" value={years} onChange={(e) => setYears(e.target.value)} />}
        </Field>
      </div>
      <Field label="Headline" hint="One line that says what you help with." error={errors.headline} counter={{ length: textLength(headline), max: TEXT_LIMITS.headline }}>
        {(p) => <Input {...p} name="headline" value={headline} onChange={(e) => setHeadline(e.target.value)} />}
      </Field>
      <Field label="About you" error={errors.bio} counter={{ length: textLength(bio), max: TEXT_LIMITS.bio }}>
        {(p) => <Textarea {...p} name="bio" rows={4} value={bio} onChange={(e) => setBio(e.target.value)} />}
      </Field>
      <CheckboxGroup legend="Specialties" name="specialties" options={specialtyOptions?.map((s) => s.name) ?? []} value={specialties} onChange={setSpecialties} hint={`Choose 1 to ${MAX_SPECIALTIES}.`} error={errors.specialties} />
      <CheckboxGroup legend="Languages you advise in" name="languages" options={LANGUAGES} value={languages} onChange={setLanguages} hint={`Choose 1 to ${MAX_LANGUAGES}.`} error={errors.languages} />
      <Field label="Links to your work (optional)" hint={`Up to ${APPLICATION_LIMITS.maxLinks} web addresses, separated by spaces or new lines.`} error={errors.sampleLinks}>
        {(p) => <Textarea {...p} name="sampleLinks" rows={2} value={links} onChange={(e) => setLinks(e.target.value)} />}
      </Field>
      <div className="grid gap-5 sm:grid-cols-2">
        <Field label={`Chat price per minute (${currency})`} hint={priceHint} error={errors.chatPricePerMinute}>
          {(p) => <Input {...p} name="chat" inputMode="decimal" value={chat} onChange={(e) => setChat(e.target.value)} />}
        </Field>
        <Field label={`Video price per minute (${currency})`} hint={priceHint} error={errors.videoPricePerMinute}>
          {(p) => <Input {...p} name="video" inputMode="decimal" value={video} onChange={(e) => setVideo(e.target.value)} />}
        </Field>
      </div>
      <FormAlert message={form.formError} />
      <Button type="submit" pending={form.pending}>
        Send application
      </Button>
    </form>
  );
}

const STATUS = {
  pending: { label: "Waiting for review", tone: "amber" },
  approved: { label: "Approved", tone: "green" },
  rejected: { label: "Not approved", tone: "red" },
} as const;

/** The client's latest application with its live status, and the form when they may apply. */
export function ApplyPanel() {
  const viewer = useViewer();
  const application = useQuery(api.applications.mine, viewer === null ? "skip" : {});
  if (viewer !== null && viewer.role === "admin") return <Refused homeHref="/admin" />;
  if (viewer === null || application === undefined) return <Skeleton className="h-64 w-full" />;
  return (
    <div className="space-y-6">
      {application !== null && (
        <Card data-testid="application-status">
          <CardHeader title="Your application" action={<Badge tone={STATUS[application.status].tone}>{STATUS[application.status].label}</Badge>} />
          <CardBody className="space-y-1 text-sm text-slate-700">
            <p>
              {application.displayName} — {application.headline}
            </p>
            <p className="text-xs text-slate-500">Sent {dateTimeFormat.format(application.submittedAt)}</p>
            {application.note && <p className="pt-2">Note from the review: {application.note}</p>}
            {application.status === "approved" && (
              <div className="pt-3">
                <p className="font-medium text-slate-900">Welcome to ExpertLine&apos;s advisors! Your profile is listed now; go online from your dashboard.</p>
                <ButtonLink href="/advisor" className="mt-3">
                  Open your advisor dashboard
                </ButtonLink>
              </div>
            )}
          </CardBody>
        </Card>
      )}
      {viewer.role === "client" && (application === null || application.status === "rejected") && (
        <Card>
          <CardHeader title={application === null ? "Your application" : "Apply again"} />
          <CardBody>
            <ApplicationForm />
          </CardBody>
        </Card>
      )}
    </div>
  );
}
