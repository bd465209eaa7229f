import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { ApplyPanel } from "./apply-panel";

export const metadata: Metadata = { title: "Become an advisor" };

export default function ApplyPage() {
  return (
    <>
      <PageHeader title="Become an advisor" description="Tell clients what you know. An admin reviews each application; you see the decision here as soon as it is made." />
      <ApplyPanel />
    </>
  );
}
