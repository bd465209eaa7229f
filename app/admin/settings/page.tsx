import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { SettingsEditor, SettingsHistory } from "./settings-editor";

export const metadata: Metadata = { title: "Settings" };

export default function AdminSettingsPage() {
  return (
    <>
      <PageHeader
        title="Settings"
        description="Every number the platform runs by. A change needs a reason, is written to the audit log, and reaches sessions requested after it."
      />
      <div className="space-y-6">
        <SettingsEditor />
        <SettingsHistory />
      </div>
    </>
  );
}
