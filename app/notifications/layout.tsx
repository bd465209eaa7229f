import type { ReactNode } from "react";
import { requireSignedIn } from "../_auth/viewer";

/** Every signed-in role has notifications; visitors are sent to sign in. */
export default async function NotificationsLayout({ children }: { children: ReactNode }) {
  await requireSignedIn();
  return <div className="mx-auto max-w-3xl px-4 py-8 sm:px-6 sm:py-10">{children}</div>;
}
