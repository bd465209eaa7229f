import { preloadQuery } from "convex/nextjs";
import Link from "next/link";
import { api } from "@/convex/_generated/api";
import { AdvisorList } from "@/components/advisors/advisor-list";
import { ButtonLink } from "@/components/ui/button";
import { convexOptions, getViewer } from "./_auth/viewer";

const features = [
  {
    title: "Pay by the second",
    text: "Each advisor sets a per-minute price. You are billed for the exact seconds you talk, never a rounded-up minute.",
    icon: "M12 6v6l4 2M22 12a10 10 0 1 1-20 0 10 10 0 0 1 20 0z",
  },
  {
    title: "Chat or video",
    text: "Start a live chat or a video call with an advisor who is online now, and see the cost add up by the second.",
    icon: "M15 10l4.55-2.28A1 1 0 0 1 21 8.62v6.76a1 1 0 0 1-1.45.9L15 14M5 18h8a2 2 0 0 0 2-2V8a2 2 0 0 0-2-2H5a2 2 0 0 0-2 2v8a2 2 0 0 0 2 2z",
  },
  {
    title: "A wallet you control",
    text: "Top up once, see the live meter while you talk, and get a clear receipt after every session.",
    icon: "M3 7h18v12H3zM3 7l2-4h14l2 4M16 13h2",
  },
];

export default async function LandingPage() {
  const { token, user } = await getViewer();
  const advisors = await preloadQuery(api.advisors.list, {}, convexOptions(token));

  return (
    <>
      <section className="border-b border-slate-200 bg-gradient-to-b from-white to-brand-50/60">
        <div className="mx-auto max-w-6xl px-4 py-14 sm:px-6 sm:py-20">
          <p className="text-sm font-semibold text-brand-700">Live expert advice</p>
          <h1 className="mt-3 max-w-3xl text-4xl font-semibold tracking-tight text-slate-900 sm:text-5xl">
            Talk to an expert now. Pay only for the seconds you use.
          </h1>
          <p className="mt-5 max-w-2xl text-lg text-slate-600">
            Career, money, wellbeing, code: ExpertLine connects you with vetted advisors by chat or video, billed per second from
            your wallet.
          </p>
          <div className="mt-8 flex flex-wrap gap-3">
            <ButtonLink href="/advisors" size="lg">
              Browse advisors
            </ButtonLink>
            {user === null && (
              <ButtonLink href="/sign-in" size="lg" variant="secondary">
                Sign in
              </ButtonLink>
            )}
          </div>
        </div>
      </section>

      <section className="mx-auto max-w-6xl px-4 py-12 sm:px-6" aria-labelledby="advisors-heading">
        <div className="mb-6 flex flex-wrap items-end justify-between gap-3">
          <div>
            <h2 id="advisors-heading" className="text-2xl font-semibold tracking-tight text-slate-900">
              Advisors
            </h2>
            <p className="mt-1 text-slate-600">Online advisors first. Prices are per minute.</p>
          </div>
          <Link href="/advisors" className="text-sm font-medium text-brand-700 hover:text-brand-900">
            See all advisors →
          </Link>
        </div>
        <AdvisorList preloaded={advisors} limit={6} />
      </section>

      <section className="border-t border-slate-200 bg-white">
        <div className="mx-auto grid max-w-6xl gap-8 px-4 py-12 sm:px-6 md:grid-cols-3">
          {features.map((feature) => (
            <div key={feature.title}>
              <div className="flex size-10 items-center justify-center rounded-lg bg-brand-50 text-brand-600" aria-hidden="true">
                <svg viewBox="0 0 24 24" className="size-5" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
                  <path d={feature.icon} />
                </svg>
              </div>
              <h3 className="mt-4 font-semibold text-slate-900">{feature.title}</h3>
              <p className="mt-1 text-sm text-slate-600">{feature.text}</p>
            </div>
          ))}
        </div>
      </section>
    </>
  );
}
