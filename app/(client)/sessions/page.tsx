import type { Metadata } from "next";
import { ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Icon } from "@/components/ui/icons";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Sessions" };

export default function SessionsPage() {
  return (
    <>
      <PageHeader title="Sessions" description="Your live sessions, bookings and receipts." />
      <EmptyState
        icon={<Icon name="chat" />}
        title="No sessions yet"
        action={<ButtonLink href="/advisors">Find an advisor</ButtonLink>}
      >
        When you talk to an advisor, the session and its receipt appear here.
      </EmptyState>
    </>
  );
}
