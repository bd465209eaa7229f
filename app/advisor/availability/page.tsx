import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { AvailabilityForm } from "./availability-form";

export const metadata: Metadata = { title: "Availability" };

export default function AdvisorAvailabilityPage() {
  return (
    <>
      <PageHeader title="Availability" description="When clients can book sessions with you ahead, in your own time zone." />
      <AvailabilityForm />
    </>
  );
}
