import type { Metadata } from "next";
import { SessionRoom } from "@/components/sessions/session-room";
import { requireSessionViewer } from "./guard";

type Props = { params: Promise<{ sessionId: string }> };

export const metadata: Metadata = { title: "Live session" };

export default async function SessionPage({ params }: Props) {
  const { sessionId: raw } = await params;
  const { sessionId } = await requireSessionViewer(raw, `/session/${raw}`);
  return (
    <div className="mx-auto max-w-6xl px-4 py-6 sm:px-6 sm:py-8">
      <SessionRoom sessionId={sessionId} />
    </div>
  );
}
