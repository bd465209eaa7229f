import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { FindUsers } from "./find-users";
import { UsersTable } from "./users-table";

export const metadata: Metadata = { title: "Users" };

export default function AdminUsersPage() {
  return (
    <>
      <PageHeader title="Users" description="Everyone on ExpertLine and their role. Role changes take effect immediately and are audited." />
      <div className="space-y-6">
        <FindUsers />
        <UsersTable />
      </div>
    </>
  );
}
