import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { WithdrawalQueue } from "./withdrawal-queue";

export const metadata: Metadata = { title: "Withdrawals" };

export default function AdminWithdrawalsPage() {
  return (
    <>
      <PageHeader title="Withdrawals" description="Approve, reject or mark paid what advisors asked to withdraw. Every action goes to the audit log." />
      <WithdrawalQueue />
    </>
  );
}
