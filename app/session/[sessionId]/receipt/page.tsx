import type { Metadata } from "next";
import { SessionDisputes } from "@/components/disputes/session-disputes";
import { ReceiptView } from "@/components/sessions/receipt-view";
import { requireSessionViewer } from "../guard";

type Props = { params: Promise<{ sessionId: string }> };

export const metadata: Metadata = { title: "Receipt" };

export default async function ReceiptPage({ params }: Props) {
  const { sessionId: raw } = await params;
  const { sessionId } = await requireSessionViewer(raw, `/session/${raw}/receipt`);
  return (
    <div className="mx-auto max-w-3xl px-4 py-6 sm:px-6 sm:py-10 print:max-w-none print:p-0">
      <ReceiptView sessionId={sessionId} />
      <SessionDisputes sessionId={sessionId} />
    </div>
  );
}
