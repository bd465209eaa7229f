import { fetchQuery } from "convex/nextjs";
import { forbidden, notFound, redirect } from "next/navigation";
import { api } from "@/convex/_generated/api";
import { errorCode } from "@/components/errors";
import type { Id } from "@/convex/_generated/dataModel";
import { convexOptions, getViewer } from "../../_auth/viewer";

/**
 * The session pages are for the two participants and admins: visitors go to
 * sign-in, anyone else gets 403, an unknown or malformed id 404. The backend
 * refuses every call of non-participants as well.
 */
export async function requireSessionViewer(sessionIdText: string, path: string) {
  const { token, user } = await getViewer();
  if (user === null) redirect(`/sign-in?next=${encodeURIComponent(path)}`);
  const sessionId = sessionIdText as Id<"sessions">;
  let outcome: "ok" | "forbidden" | "missing" = "ok";
  let session = null;
  try {
    session = await fetchQuery(api.sessions.get, { sessionId }, convexOptions(token));
  } catch (error) {
    outcome = errorCode(error) === "FORBIDDEN" ? "forbidden" : "missing";
  }
  if (outcome === "forbidden") forbidden();
  if (outcome === "missing" || session === null) notFound();
  return { sessionId, session, user };
}
