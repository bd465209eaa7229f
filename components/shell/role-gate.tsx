"use client";

import type { ReactNode } from "react";
import { useViewer } from "@/components/auth/viewer";
import type { Role } from "@/convex/validators";
import { HOME_BY_ROLE } from "./nav";
import { Refused } from "./refused";
import { SuspendedNotice } from "./suspended-notice";

/**
 * The server already refused other roles when the page loaded; this keeps the
 * page honest when an admin changes the role while it is open.
 */
export function RoleGate({ role, children }: { role: Role; children: ReactNode }) {
  const viewer = useViewer();
  if (viewer === null || viewer.role !== role) return <Refused homeHref={viewer ? HOME_BY_ROLE[viewer.role] : "/"} />;
  if (viewer.suspended) return <SuspendedNotice liveSessionId={viewer.liveSessionId} />;
  return <>{children}</>;
}
