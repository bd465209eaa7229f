import type { Metadata } from "next";
import { IncomingRequests } from "@/components/sessions/incoming-requests";
import { LiveSessionBanner } from "@/components/sessions/live-session-banner";
import { SessionHistory } from "@/components/sessions/session-history";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Sessions" };

export default function AdvisorSessionsPage() {
  return (
    <>
      <PageHeader title="Sessions" description="Requests waiting for you, and the sessions you have taken with their receipts." />
      <div className="space-y-6">
        <LiveSessionBanner />
        <IncomingRequests isOnline />
        <section aria-labelledby="history-heading">
          <h2 id="history-heading" className="mb-3 text-lg font-semibold text-slate-900">
            History
          </h2>
          <SessionHistory side="advisor" />
        </section>
      </div>
    </>
  );
}
