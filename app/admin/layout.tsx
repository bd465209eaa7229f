import type { ReactNode } from "react";
import { RoleGate } from "@/components/shell/role-gate";
import { requireRole } from "../_auth/viewer";

export default async function AdminLayout({ children }: { children: ReactNode }) {
  await requireRole("admin");
  return (
    <RoleGate role="admin">
      <div className="mx-auto max-w-6xl px-4 py-8 sm:px-6 sm:py-10">{children}</div>
    </RoleGate>
  );
}
