import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { AdminLedger } from "@/components/wallet/admin-ledger";

export const metadata: Metadata = { title: "Ledger" };

export default function AdminLedgerPage() {
  return (
    <>
      <PageHeader title="Ledger" description="Audit the books, grant promo credit and search transactions." />
      <AdminLedger />
    </>
  );
}
