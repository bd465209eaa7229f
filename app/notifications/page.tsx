import type { Metadata } from "next";
import { ButtonLink } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { NotificationList } from "./notification-list";

export const metadata: Metadata = { title: "Notifications" };

export default function NotificationsPage() {
  return (
    <>
      <PageHeader
        title="Notifications"
        description="What happened to your sessions, money and requests, newest first."
        action={
          <ButtonLink href="/notifications/preferences" variant="secondary" size="sm">
            Preferences
          </ButtonLink>
        }
      />
      <NotificationList />
    </>
  );
}
