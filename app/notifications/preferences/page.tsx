import type { Metadata } from "next";
import { ButtonLink } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { PreferencesForm } from "./preferences-form";

export const metadata: Metadata = { title: "Notification preferences" };

export default function NotificationPreferencesPage() {
  return (
    <>
      <PageHeader
        title="Notification preferences"
        description="For each kind of notification, choose whether it shows in the app and whether it is emailed to you."
        action={
          <ButtonLink href="/notifications" variant="secondary" size="sm">
            Back to notifications
          </ButtonLink>
        }
      />
      <PreferencesForm />
    </>
  );
}
