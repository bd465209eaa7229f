import { Refused } from "@/components/shell/refused";
import { HOME_BY_ROLE } from "@/components/shell/nav";
import { getViewer } from "./_auth/viewer";

/** Rendered with status 403 when a layout calls forbidden() for another role's page. */
export default async function Forbidden() {
  const { user } = await getViewer();
  return <Refused homeHref={user ? HOME_BY_ROLE[user.role] : "/"} />;
}
