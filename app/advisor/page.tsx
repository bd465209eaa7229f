import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { requireRole } from "../_auth/viewer";
import { AdvisorDashboard } from "./advisor-dashboard";

export const metadata: Metadata = { title: "Advisor dashboard" };

export default async function AdvisorHome() {
  const { user } = await requireRole("advisor");
  return (
    <>
      <PageHeader title={`Welcome, ${user.name.split(" ")[0]}`} description="Go online to take live sessions. Your profile and prices are what clients see." />
      <AdvisorDashboard />
    </>
  );
}
