import type { Metadata } from "next";
import { Suspense } from "react";
import { PageHeader } from "@/components/ui/page-header";
import { AdvisorDiscovery } from "./advisor-discovery";
import { DiscoverySkeleton } from "./discovery-results";

export const metadata: Metadata = { title: "Advisors" };

export default function AdvisorsPage() {
  return (
    <div className="mx-auto max-w-6xl px-4 py-8 sm:px-6 sm:py-10">
      <PageHeader title="Advisors" description="Find someone who knows. Search, filter and sort; the link keeps your search." />
      <Suspense fallback={<DiscoverySkeleton />}>
        <AdvisorDiscovery />
      </Suspense>
    </div>
  );
}
