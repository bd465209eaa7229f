import { Refused } from "@/components/shell/refused";
import { SuspendedNotice } from "@/components/shell/suspended-notice";
import { HOME_BY_ROLE } from "@/components/shell/nav";
import { getViewer } from "../../_auth/viewer";

/** 403 for a session (or its receipt) the viewer takes no part in: it is not about the kind of account. */
export default async function SessionForbidden() {
  const { user } = await getViewer();
  if (user?.suspended) return <SuspendedNotice liveSessionId={user.liveSessionId} />;
  return (
    <Refused
      homeHref={user ? HOME_BY_ROLE[user.role] : "/"}
      message="This session belongs to other people: only its client, its advisor and admins can open it or its receipt."
    />
  );
}
