import type { Id } from "@/convex/_generated/dataModel";
import { Refused } from "./refused";

export const SUSPENDED_MESSAGE = "This account is suspended. Contact support to have it reinstated.";

/** What a suspended user sees instead of a page: the one session still running, if any, can be finished (decision 016). */
export function SuspendedNotice({ liveSessionId }: { liveSessionId?: Id<"sessions"> }) {
  if (liveSessionId === undefined) return <Refused homeHref="/" message={SUSPENDED_MESSAGE} />;
  return (
    <Refused
      homeHref={`/session/${liveSessionId}`}
      homeLabel="Return to your live session"
      message={`${SUSPENDED_MESSAGE} The session you are in goes on until it ends as usual, and you can finish it; nothing else is open to this account.`}
    />
  );
}
