"use client";

import { useQuery } from "convex/react";
import Link from "next/link";
import { api } from "@/convex/_generated/api";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/spinner";
import { Stat } from "@/components/ui/stat";
import { ROLE_LABEL } from "@/components/shell/nav";
import { LiveSessions } from "./live-sessions";

export function AdminDashboard() {
  const users = useQuery(api.users.list, {});
  const advisors = useQuery(api.advisors.list);
  const changes = useQuery(api.users.recentRoleChanges);
  const liveSessions = useQuery(api.sessions.adminListLive);

  const count = (role: "client" | "advisor" | "admin") => users?.filter((u) => u.role === role).length ?? 0;
  const loading = users === undefined || advisors === undefined || liveSessions === undefined;

  return (
    <div className="space-y-6">
      {loading ? (
        <div className="grid grid-cols-2 gap-4 lg:grid-cols-4" aria-busy="true">
          {Array.from({ length: 4 }, (_, i) => (
            <Skeleton key={i} className="h-24" />
          ))}
        </div>
      ) : (
        <div className="grid grid-cols-2 gap-4 lg:grid-cols-4">
          <Stat icon="users" label="Clients" value={count("client")} />
          <Stat icon="shield" label="Advisors" value={count("advisor")} note={`${advisors.filter((a) => a.isOnline).length} online now`} />
          <Stat icon="chart" label="GMV today" value="—" note="Starts with the first paid session" />
          <Stat
            icon="clock"
            label="Live sessions"
            value={liveSessions.filter((s) => s.status !== "requested").length}
            note={`${liveSessions.filter((s) => s.status === "requested").length} waiting for an advisor`}
          />
        </div>
      )}

      <LiveSessions />

      <div className="grid gap-6 lg:grid-cols-2">
        <Card>
          <CardHeader
            title="Recent role changes"
            description="From the audit log."
            action={
              <Link href="/admin/users" className="text-sm font-medium text-brand-700 hover:text-brand-900">
                Manage users →
              </Link>
            }
          />
          <CardBody>
            {changes === undefined ? (
              <Skeleton className="h-16" />
            ) : changes.length === 0 ? (
              <p className="py-6 text-center text-sm text-slate-500">No role changes yet.</p>
            ) : (
              <ul className="divide-y divide-slate-100">
                {changes.map((change) => (
                  <li key={change._id} className="py-2.5 text-sm text-slate-700">
                    <span className="font-medium text-slate-900">{change.actorName}</span> changed{" "}
                    <span className="font-medium text-slate-900">{change.targetName}</span> from {change.before ? ROLE_LABEL[change.before] : "—"} to{" "}
                    {change.after ? ROLE_LABEL[change.after] : "—"}
                    <time className="block text-xs text-slate-500" dateTime={new Date(change.at).toISOString()}>
                      {new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" }).format(change.at)}
                    </time>
                  </li>
                ))}
              </ul>
            )}
          </CardBody>
        </Card>
        <Card>
          <CardHeader title="Needs attention" description="Disputes, withdrawals and advisor applications." />
          <CardBody>
            <p className="py-6 text-center text-sm text-slate-500">All clear — nothing waiting for review.</p>
          </CardBody>
        </Card>
      </div>
    </div>
  );
}
