import { preloadQuery } from "convex/nextjs";
import type { Metadata } from "next";
import { api } from "@/convex/_generated/api";
import { AdvisorList } from "@/components/advisors/advisor-list";
import { PageHeader } from "@/components/ui/page-header";
import { convexOptions, getViewer } from "../_auth/viewer";

export const metadata: Metadata = { title: "Advisors" };

export default async function AdvisorsPage() {
  const { token } = await getViewer();
  const advisors = await preloadQuery(api.advisors.list, {}, convexOptions(token));
  return (
    <div className="mx-auto max-w-6xl px-4 py-8 sm:px-6 sm:py-10">
      <PageHeader title="Advisors" description="Find someone who knows. Online advisors are listed first." />
      <AdvisorList preloaded={advisors} searchable />
    </div>
  );
}
