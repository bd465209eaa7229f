import type { Metadata } from "next";
import { ButtonLink } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { AdminDashboard } from "./admin-dashboard";

export const metadata: Metadata = { title: "Admin dashboard" };

export default function AdminHome() {
  return (
    <>
      <PageHeader
        title="Admin dashboard"
        description="The platform at a glance."
        action={
          <ButtonLink href="/admin/exports" variant="secondary" size="sm">
            CSV exports
          </ButtonLink>
        }
      />
      <AdminDashboard />
    </>
  );
}
