import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { MailboxList } from "./mailbox-list";

export const metadata: Metadata = { title: "Mailbox" };

export default function AdminMailboxPage() {
  return (
    <>
      <PageHeader
        title="Mailbox"
        description="Every email the platform sent or is sending, newest first: delivered by the mail transport when one is configured, otherwise kept here."
      />
      <MailboxList />
    </>
  );
}
