import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { EarningsOverview } from "./earnings-overview";

export const metadata: Metadata = { title: "Earnings" };

export default function EarningsPage() {
  return (
    <>
      <PageHeader title="Earnings" description="What your sessions earned, what is pending and what you can withdraw." />
      <EarningsOverview />
    </>
  );
}
