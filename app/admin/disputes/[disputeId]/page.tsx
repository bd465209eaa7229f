import { fetchQuery } from "convex/nextjs";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { api } from "@/convex/_generated/api";
import type { Id } from "@/convex/_generated/dataModel";
import { PageHeader } from "@/components/ui/page-header";
import { convexOptions, getViewer } from "../../../_auth/viewer";
import { DisputeEvidence } from "./dispute-evidence";

export const metadata: Metadata = { title: "Dispute" };

type Props = { params: Promise<{ disputeId: string }> };

/** One dispute's evidence on one page, and its resolution (the layout already requires an admin). */
export default async function AdminDisputePage({ params }: Props) {
  const { disputeId: raw } = await params;
  const disputeId = raw as Id<"disputes">;
  const { token } = await getViewer();
  try {
    await fetchQuery(api.disputes.evidence, { disputeId }, convexOptions(token));
  } catch {
    notFound();
  }
  return (
    <>
      <PageHeader title="Dispute" description="The session's timeline, transcript, documents and receipt, and both sides' earlier disputes." />
      <DisputeEvidence disputeId={disputeId} />
    </>
  );
}
