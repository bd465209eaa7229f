import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { AuditLog } from "./audit-log";

export const metadata: Metadata = { title: "Audit log" };

export default function AdminAuditPage() {
  return (
    <>
      <PageHeader title="Audit log" description="Every admin action: who, what, on what, before and after, and why." />
      <AuditLog />
    </>
  );
}
