import type { Metadata } from "next";
import { LiveSessionBanner } from "@/components/sessions/live-session-banner";
import { SessionHistory } from "@/components/sessions/session-history";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Sessions" };

export default function SessionsPage() {
  return (
    <>
      <PageHeader title="Sessions" description="Your live sessions and their receipts." />
      <div className="space-y-6">
        <LiveSessionBanner />
        <SessionHistory side="client" />
      </div>
    </>
  );
}
