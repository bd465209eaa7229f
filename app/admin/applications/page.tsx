import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { ApplicationQueue } from "./application-queue";
import { SpecialtyList } from "./specialty-list";

export const metadata: Metadata = { title: "Advisor applications" };

export default function AdminApplicationsPage() {
  return (
    <>
      <PageHeader
        title="Advisor applications"
        description="Approving makes the applicant an advisor with a profile from the application; rejecting needs a note the applicant sees. Every decision goes to the audit log."
      />
      <ApplicationQueue />
      <SpecialtyList />
    </>
  );
}
