"use client";

import { useMutation, useQuery } from "convex/react";
import { useMemo, useRef, useState, type FormEvent } from "react";
import { api } from "@/convex/_generated/api";
import type { Id } from "@/convex/_generated/dataModel";
import type { Role } from "@/convex/validators";
import { useViewer } from "@/components/auth/viewer";
import { FormAlert } from "@/components/forms/form-alert";
import { useSubmit } from "@/components/forms/use-submit";
import { ROLE_LABEL } from "@/components/shell/nav";
import { Avatar } from "@/components/ui/avatar";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Input, Select } from "@/components/ui/field";
import { Skeleton, Spinner } from "@/components/ui/spinner";
import { cn } from "@/components/ui/cn";
import { TEXT_LIMITS, tooLongError } from "@/lib/forms/textLimits";

const ROLES: Role[] = ["client", "advisor", "admin"];
const FILTERS: (Role | "all")[] = ["all", ...ROLES];
const roleTone = { client: "brand", advisor: "green", admin: "amber" } as const;

/**
 * Picking another role asks for the reason the audit log records; the role
 * changes only when that is sent. Making someone an admin asks once more.
 */
function RoleSelect({ userId, name, role, disabled }: { userId: Id<"users">; name: string; role: Role; disabled: boolean }) {
  const setRole = useMutation(api.users.setRole);
  const [draft, setDraft] = useState<Role | null>(null);
  const [reason, setReason] = useState("");
  const [confirming, setConfirming] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const form = useSubmit(["reason"], formRef);
  const changing = draft !== null && draft !== role;
  const reasonId = `role-reason-${userId}`;

  function cancel() {
    setDraft(null);
    setReason("");
    setConfirming(false);
    form.clear();
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (draft === null) return;
    const problem = reason.trim() === "" ? "Give a reason: it goes to the audit log." : tooLongError("The reason", reason, TEXT_LIMITS.reason);
    if (!form.check({ reason: problem })) return;
    if (draft === "admin" && !confirming) {
      setConfirming(true);
      return;
    }
    const outcome = await form.submit(() => setRole({ userId, role: draft, reason: reason.trim() }));
    if (outcome.ok) cancel();
    else setConfirming(false);
  }

  return (
    <div className="flex w-full flex-col items-start gap-2 sm:w-auto sm:items-end">
      <div className="flex items-center gap-2">
        {form.pending && <Spinner className="size-4 text-slate-400" label="Saving" />}
        <Select
          aria-label={`Role for ${name}`}
          value={draft ?? role}
          disabled={disabled || form.pending}
          className="w-32"
          onChange={(event) => {
            form.clear();
            setConfirming(false);
            setDraft(event.target.value as Role);
          }}
        >
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {ROLE_LABEL[r]}
            </option>
          ))}
        </Select>
      </div>
      {changing && (
        <form ref={formRef} onSubmit={submit} className="flex w-full flex-col gap-2 sm:w-auto sm:items-end" aria-label={`Change the role of ${name}`} noValidate>
          <div className="flex w-full flex-wrap items-start gap-2 sm:justify-end">
            <div className="w-full sm:w-56">
              <Input
                aria-label={`Reason for changing the role of ${name}`}
                aria-invalid={form.fieldErrors.reason ? true : undefined}
                aria-describedby={form.fieldErrors.reason ? `${reasonId}-error` : undefined}
                placeholder="Reason (for the audit log)"
                value={reason}
                onChange={(e) => setReason(e.target.value)}
                readOnly={confirming}
                autoFocus
              />
              {form.fieldErrors.reason && (
                <p id={`${reasonId}-error`} className="mt-1 text-xs font-medium text-red-600">
                  {form.fieldErrors.reason}
                </p>
              )}
            </div>
            {!confirming && (
              <>
                <Button type="submit" size="sm" pending={form.pending}>
                  Change role
                </Button>
                <Button variant="ghost" size="sm" onClick={cancel} disabled={form.pending}>
                  Cancel
                </Button>
              </>
            )}
          </div>
          {confirming && (
            <div role="group" aria-label={`Confirm making ${name} an admin`} className="flex flex-wrap items-center gap-2 rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900 sm:justify-end">
              <span>Make {name} an admin? Admins can change roles, end sessions and grant credit.</span>
              <Button type="submit" variant="danger" size="sm" pending={form.pending} autoFocus>
                Yes, make admin
              </Button>
              <Button variant="ghost" size="sm" onClick={() => setConfirming(false)} disabled={form.pending}>
                Back
              </Button>
            </div>
          )}
          <FormAlert message={form.formError} className="text-xs" />
        </form>
      )}
    </div>
  );
}

export function UsersTable() {
  const users = useQuery(api.users.list, {});
  const viewer = useViewer();
  const [filter, setFilter] = useState<Role | "all">("all");
  const [search, setSearch] = useState("");

  const shown = useMemo(() => {
    const needle = search.trim().toLowerCase();
    return (users ?? []).filter(
      (u) => (filter === "all" || u.role === filter) && (!needle || u.name.toLowerCase().includes(needle) || u.email.includes(needle)),
    );
  }, [users, filter, search]);

  return (
    <Card>
      <div className="flex flex-col gap-3 border-b border-slate-100 p-4 sm:flex-row sm:items-center sm:justify-between">
        <div role="group" aria-label="Filter by role" className="flex flex-wrap gap-1">
          {FILTERS.map((f) => (
            <button
              key={f}
              type="button"
              aria-pressed={filter === f}
              onClick={() => setFilter(f)}
              className={cn(
                "rounded-md px-3 py-1.5 text-sm font-medium",
                filter === f ? "bg-slate-900 text-white" : "text-slate-600 hover:bg-slate-100",
              )}
            >
              {f === "all" ? "All" : `${ROLE_LABEL[f]}s`}
              {users && <span className="ml-1.5 font-normal tabular-nums">{f === "all" ? users.length : users.filter((u) => u.role === f).length}</span>}
            </button>
          ))}
        </div>
        <div className="sm:w-64">
          <label htmlFor="user-search" className="sr-only">
            Search users
          </label>
          <Input id="user-search" type="search" placeholder="Search name or email" value={search} onChange={(e) => setSearch(e.target.value)} />
        </div>
      </div>
      {users === undefined ? (
        <div className="space-y-3 p-4" aria-busy="true">
          {Array.from({ length: 5 }, (_, i) => (
            <Skeleton key={i} className="h-12" />
          ))}
        </div>
      ) : shown.length === 0 ? (
        <p className="p-8 text-center text-sm text-slate-500">No users match.</p>
      ) : (
        <ul className="divide-y divide-slate-100" aria-label="Users">
          {shown.map((user) => (
            <li key={user._id} className="flex flex-col gap-3 px-4 py-3 sm:flex-row sm:items-center sm:justify-between" data-testid={`user-row-${user.email}`}>
              <div className="flex min-w-0 items-center gap-3">
                <Avatar name={user.name} />
                <div className="min-w-0">
                  <p className="flex items-center gap-2 truncate text-sm font-medium text-slate-900">
                    {user.name}
                    {viewer?._id === user._id && <span className="text-xs font-normal text-slate-500">(you)</span>}
                  </p>
                  <p className="truncate text-xs text-slate-500">{user.email}</p>
                </div>
                <Badge tone={roleTone[user.role]} className="ml-1 hidden sm:inline-flex">
                  {ROLE_LABEL[user.role]}
                </Badge>
              </div>
              <RoleSelect userId={user._id} name={user.name} role={user.role} disabled={viewer?._id === user._id} />
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
