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
        <SessionHistory side="advisor" />
      </div>
    </>
  );
}
