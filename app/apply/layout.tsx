import type { ReactNode } from "react";
import { requireRole } from "../_auth/viewer";

/**
 * Clients apply here. Not behind the client role gate: when an admin approves
 * the application while the page is open, it turns into the welcome instead
 * of a refusal.
 */
export default async function ApplyLayout({ children }: { children: ReactNode }) {
  await requireRole("client");
  return <div className="mx-auto max-w-4xl px-4 py-8 sm:px-6 sm:py-10">{children}</div>;
}
