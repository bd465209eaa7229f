import type { ReactNode } from "react";
import { RoleGate } from "@/components/shell/role-gate";
import { requireRole } from "../_auth/viewer";

/** Wallet and sessions are for clients only: refused on the server, and live if the role changes. */
export default async function ClientLayout({ children }: { children: ReactNode }) {
  await requireRole("client");
  return (
    <RoleGate role="client">
      <div className="mx-auto max-w-6xl px-4 py-8 sm:px-6 sm:py-10">{children}</div>
    </RoleGate>
  );
}
