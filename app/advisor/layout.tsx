import type { ReactNode } from "react";
import { RoleGate } from "@/components/shell/role-gate";
import { requireRole } from "../_auth/viewer";

export default async function AdvisorLayout({ children }: { children: ReactNode }) {
  await requireRole("advisor");
  return (
    <RoleGate role="advisor">
      <div className="mx-auto max-w-6xl px-4 py-8 sm:px-6 sm:py-10">{children}</div>
    </RoleGate>
  );
}
