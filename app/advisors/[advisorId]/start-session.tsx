"use client";

import { useMutation, useQuery } from "convex/react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { api } from "@/convex/_generated/api";
import type { Id } from "@/convex/_generated/dataModel";
import { useViewer } from "@/components/auth/viewer";
import { useSubmit } from "@/components/forms/use-submit";
import { Button, ButtonLink } from "@/components/ui/button";
import { OnlineAlert } from "./online-alert";

type Refusal = { message: string; topUp: boolean };

/**
 * "Start chat / Start video" on an advisor's profile. The advisor's presence
 * is live; the server decides the rest (balance for 3 minutes, one live
 * session at a time) and its refusal is shown in words, with a top-up link
 * when the balance is short.
 */
export function StartSession({ advisorId, advisorName }: { advisorId: Id<"advisors">; advisorName: string }) {
  const viewer = useViewer();
  const presence = useQuery(api.presence.advisorStatus, { advisorId });
  const current = useQuery(api.sessions.current, viewer?.role === "client" ? {} : "skip");
  const request = useMutation(api.sessions.requestSession);
  const router = useRouter();
  const [pending, setPending] = useState<"chat" | "video" | null>(null);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const { submit } = useSubmit();

  if (viewer === null) {
    return (
      <ButtonLink href={`/sign-in?next=${encodeURIComponent(`/advisors/${advisorId}`)}`} className="w-full">
        Sign in to start a session
      </ButtonLink>
    );
  }
  if (viewer.role !== "client") {
    return <p className="text-sm text-slate-600">Only client accounts can start live sessions.</p>;
  }

  async function start(kind: "chat" | "video") {
    setPending(kind);
    setRefusal(null);
    const outcome = await submit(() => request({ advisorId, kind }));
    if (outcome.ok) {
      router.push(`/session/${outcome.value}`);
      return;
    }
    // The refusal has its own box here, with a top-up link when the balance is short.
    setRefusal({ message: outcome.error.message, topUp: outcome.error.code === "INSUFFICIENT_FUNDS" });
    setPending(null);
  }

  const unavailable =
    presence === "offline" ? `${advisorName} is offline right now.` : presence === "busy" ? `${advisorName} is in another session right now.` : null;
  const disabled = presence !== "online" || pending !== null || Boolean(current);
  return (
    <div className="space-y-3">
      <Button className="w-full" disabled={disabled} pending={pending === "chat"} onClick={() => void start("chat")}>
        Start chat
      </Button>
      <Button className="w-full" variant="secondary" disabled={disabled} pending={pending === "video"} onClick={() => void start("video")}>
        Start video
      </Button>
      {unavailable && (
        <p className="text-sm text-slate-600" data-testid="start-unavailable">
          {unavailable}
        </p>
      )}
      {unavailable && <OnlineAlert advisorId={advisorId} advisorName={advisorName} />}
      {current && (
        <p className="text-sm text-slate-600">
          You already have a live session.{" "}
          <Link href={`/session/${current._id}`} className="font-medium text-brand-700 underline">
            Return to it
          </Link>
        </p>
      )}
      {refusal && (
        <div role="alert" className="space-y-1 rounded-lg bg-red-50 px-3 py-2 text-sm text-red-800" data-testid="start-refused">
          <p>{refusal.message}</p>
          {refusal.topUp && (
            <Link href="/wallet" className="font-semibold text-red-900 underline">
              Top up your wallet
            </Link>
          )}
        </div>
      )}
    </div>
  );
}
