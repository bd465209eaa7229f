import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { AdminDashboard } from "./admin-dashboard";

export const metadata: Metadata = { title: "Admin dashboard" };

export default function AdminHome() {
  return (
    <>
      <PageHeader title="Admin dashboard" description="The platform at a glance." />
      <AdminDashboard />
    </>
  );
}
