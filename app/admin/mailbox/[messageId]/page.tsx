import { fetchQuery } from "convex/nextjs";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { api } from "@/convex/_generated/api";
import type { Id } from "@/convex/_generated/dataModel";
import { ButtonLink } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { convexOptions, getViewer } from "../../../_auth/viewer";
import { MessageView } from "./message-view";

export const metadata: Metadata = { title: "Email" };

type Props = { params: Promise<{ messageId: string }> };

/** One outbox message as its recipient sees it (the layout already requires an admin). */
export default async function AdminMailboxMessagePage({ params }: Props) {
  const { messageId: raw } = await params;
  const messageId = raw as Id<"emailOutbox">;
  const { token } = await getViewer();
  try {
    if ((await fetchQuery(api.mailbox.get, { id: messageId }, convexOptions(token))) === null) notFound();
  } catch {
    notFound();
  }
  return (
    <>
      <PageHeader
        title="Email"
        action={
          <ButtonLink href="/admin/mailbox" variant="secondary" size="sm">
            Back to the mailbox
          </ButtonLink>
        }
      />
      <MessageView id={messageId} />
    </>
  );
}
