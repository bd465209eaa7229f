import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { RefundQueue } from "./refund-queue";

export const metadata: Metadata = { title: "Balance refunds" };

export default function AdminRefundsPage() {
  return (
    <>
      <PageHeader
        title="Balance refunds"
        description="Clients asking for unspent cash back. Approving refunds their card payments, newest first; rejecting returns the amount to their wallet. Every action goes to the audit log."
      />
      <RefundQueue />
    </>
  );
}
