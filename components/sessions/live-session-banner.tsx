"use client";

import { useQuery } from "convex/react";
import { api } from "@/convex/_generated/api";
import { ButtonLink } from "@/components/ui/button";
import { KIND_LABEL, STATUS_LABEL } from "./format";

/** "You have a live session" with a way back into the room, for the history pages and the dashboard. */
export function LiveSessionBanner() {
  const session = useQuery(api.sessions.current);
  if (!session) return null;
  const other = session.viewerRole === "client" ? session.advisor.name : session.client.name;
  return (
    <div role="status" className="flex flex-wrap items-center justify-between gap-3 rounded-xl bg-brand-50 px-4 py-3 text-sm text-brand-900 ring-1 ring-inset ring-brand-200" data-testid="live-session-banner">
      <p>
        <span className="font-semibold">{KIND_LABEL[session.kind]} with {other}</span> · {STATUS_LABEL[session.status]}
      </p>
      <ButtonLink href={`/session/${session._id}`} size="sm">
        {session.status === "requested" ? "Open request" : "Return to session"}
      </ButtonLink>
    </div>
  );
}
