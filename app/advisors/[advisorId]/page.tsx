import { fetchQuery } from "convex/nextjs";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { api } from "@/convex/_generated/api";
import type { Id } from "@/convex/_generated/dataModel";
import { OnlineStatus, Price, Rating } from "@/components/advisors/advisor-card";
import { Avatar } from "@/components/ui/avatar";
import { Badge } from "@/components/ui/badge";
import { AdvisorAvailability } from "./advisor-availability";
import { AdvisorReviews } from "./advisor-reviews";
import { StartSession } from "./start-session";
import { BookSession } from "./book-session";
import { Card, CardBody } from "@/components/ui/card";
import { convexOptions, getViewer } from "../../_auth/viewer";

type Props = { params: Promise<{ advisorId: string }> };

async function loadAdvisor(advisorId: string) {
  const { token } = await getViewer();
  try {
    return await fetchQuery(api.advisors.get, { advisorId: advisorId as Id<"advisors"> }, convexOptions(token));
  } catch {
    return null; // a malformed id is just a page that does not exist
  }
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const advisor = await loadAdvisor((await params).advisorId);
  return { title: advisor?.name ?? "Advisor" };
}

export default async function AdvisorPage({ params }: Props) {
  const advisor = await loadAdvisor((await params).advisorId);
  if (advisor === null) notFound();

  return (
    <div className="mx-auto max-w-4xl px-4 py-8 sm:px-6 sm:py-10">
      <Link href="/advisors" className="text-sm font-medium text-brand-700 hover:text-brand-900">
        ← All advisors
      </Link>
      <div className="mt-4 grid gap-6 md:grid-cols-3">
        <Card className="min-w-0 md:col-span-2">
          <CardBody className="p-6">
            <div className="flex items-start gap-4">
              <Avatar name={advisor.name} src={advisor.photoUrl} className="size-16 text-xl" />
              <div className="min-w-0">
                <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{advisor.name}</h1>
                <p className="mt-1 text-slate-600">{advisor.headline}</p>
                <div className="mt-2 flex flex-wrap items-center gap-3">
                  <OnlineStatus isOnline={advisor.isOnline} />
                  <Rating rating={advisor.rating} count={advisor.ratingCount} />
                </div>
              </div>
            </div>
            <ul className="mt-6 flex flex-wrap gap-1.5" aria-label="Specialties">
              {advisor.specialties.map((s) => (
                <li key={s}>
                  <Badge tone="brand">{s}</Badge>
                </li>
              ))}
            </ul>
            {advisor.languages.length > 0 && <p className="mt-3 text-sm text-slate-600">Speaks {advisor.languages.join(", ")}</p>}
            <h2 className="mt-8 text-sm font-semibold text-slate-900">About</h2>
            <p className="mt-2 whitespace-pre-line text-slate-700">{advisor.bio || "This advisor has not written a bio yet."}</p>
            <AdvisorAvailability advisorId={advisor._id} />
          </CardBody>
        </Card>
        <div className="min-w-0 space-y-6 self-start md:row-span-2">
          <Card>
            <CardBody className="space-y-4 p-6">
              <dl className="grid grid-cols-2 gap-2">
                <Price label="Chat" cents={advisor.chatPricePerMinute} currency={advisor.currency} />
                <Price label="Video" cents={advisor.videoPricePerMinute} currency={advisor.currency} />
              </dl>
              <StartSession advisorId={advisor._id} advisorName={advisor.name} />
              <p className="text-xs text-slate-500">You are billed per second from your wallet, at the rate shown when you start.</p>
            </CardBody>
          </Card>
          <Card>
            <CardBody className="space-y-3 p-6">
              <h2 className="text-base font-semibold text-slate-900">Book for later</h2>
              <BookSession advisorId={advisor._id} advisorName={advisor.name} />
            </CardBody>
          </Card>
        </div>
        <div className="min-w-0 md:col-span-2">
          <AdvisorReviews advisorId={advisor._id} />
        </div>
      </div>
    </div>
  );
}
