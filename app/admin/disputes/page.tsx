import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { DisputesQueue } from "./disputes-queue";

export const metadata: Metadata = { title: "Disputes" };

export default function AdminDisputesPage() {
  return (
    <>
      <PageHeader title="Disputes" description="Clients' disputes on ended sessions, oldest open first. Open one to see the evidence and resolve it." />
      <DisputesQueue />
    </>
  );
}
