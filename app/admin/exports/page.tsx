import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { Exports } from "./exports";

export const metadata: Metadata = { title: "Exports" };

export default function AdminExportsPage() {
  return (
    <>
      <PageHeader title="Exports" description="Every row as CSV, fetched page by page however large the table. Times in UTC, amounts in decimal units of their currency." />
      <Exports />
    </>
  );
}
