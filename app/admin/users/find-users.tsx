"use client";

import { usePaginatedQuery } from "convex/react";
import Link from "next/link";
import { useState, type FormEvent } from "react";
import { api } from "@/convex/_generated/api";
import type { Role } from "@/convex/validators";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Field, Input, Select } from "@/components/ui/field";
import { LoadMore } from "@/components/ui/load-more";
import { Skeleton } from "@/components/ui/spinner";

type Filters = { text: string; role: Role | ""; status: "active" | "suspended" | "" };
const EMPTY: Filters = { text: "", role: "", status: "" };

/** Search by name or exact email, filter by role and status; each user links to their page. */
export function FindUsers() {
  const [draft, setDraft] = useState<Filters>(EMPTY);
  const [applied, setApplied] = useState<Filters>(EMPTY);
  const args = {
    ...(applied.text.trim() && { text: applied.text.trim() }),
    ...(applied.role && { role: applied.role }),
    ...(applied.status && { status: applied.status }),
  };
  const { results, status, loadMore } = usePaginatedQuery(api.userAdmin.search, args, { initialNumItems: 20 });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setApplied(draft);
  }

  return (
    <Card>
      <CardHeader title="Find users" description="By name or exact email, role and status. Open a user for their sessions, ledger, disputes and audit entries." />
      <CardBody className="space-y-4">
        <form onSubmit={onSubmit} className="grid gap-4 sm:grid-cols-[2fr_1fr_1fr_auto] sm:items-end" aria-label="Find users">
          <Field label="Name or email">
            {(p) => <Input {...p} type="search" value={draft.text} maxLength={200} onChange={(e) => setDraft({ ...draft, text: e.target.value })} />}
          </Field>
          <Field label="Role">
            {(p) => (
              <Select {...p} value={draft.role} onChange={(e) => setDraft({ ...draft, role: e.target.value as Filters["role"] })}>
                <option value="">Any role</option>
                <option value="client">Client</option>
                <option value="advisor">Advisor</option>
                <option value="admin">Admin</option>
              </Select>
            )}
          </Field>
          <Field label="Status">
            {(p) => (
              <Select {...p} value={draft.status} onChange={(e) => setDraft({ ...draft, status: e.target.value as Filters["status"] })}>
                <option value="">Any status</option>
                <option value="active">Active</option>
                <option value="suspended">Suspended</option>
              </Select>
            )}
          </Field>
          <Button type="submit" size="sm">
            Search
          </Button>
        </form>
        {status === "LoadingFirstPage" ? (
          <Skeleton className="h-16" />
        ) : results.length === 0 ? (
          <p className="py-4 text-center text-sm text-slate-500">No users match.</p>
        ) : (
          <ul className="divide-y divide-slate-100" data-testid="user-search-results">
            {results.map((u) => (
              <li key={u._id} className="flex flex-wrap items-center justify-between gap-2 py-2.5 text-sm">
                <Link href={`/admin/users/${u._id}`} className="min-w-0 font-medium text-brand-700 hover:text-brand-900">
                  <span className="break-words">{u.name}</span> <span className="break-all font-normal text-slate-600">{u.email}</span>
                </Link>
                <span className="flex gap-2">
                  <Badge>{u.role}</Badge>
                  {u.status === "suspended" && <Badge tone="red">Suspended</Badge>}
                </span>
              </li>
            ))}
          </ul>
        )}
        <LoadMore status={status} onLoadMore={() => loadMore(20)} label="Show more users" />
      </CardBody>
    </Card>
  );
}
