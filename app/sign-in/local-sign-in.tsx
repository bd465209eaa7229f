"use client";

import { useActionState, useEffect, useRef } from "react";
import { Avatar } from "@/components/ui/avatar";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Field, Input } from "@/components/ui/field";
import { ROLE_LABEL } from "@/components/shell/nav";
import type { Role } from "@/convex/validators";
import { signInLocal, type SignInState } from "./actions";

type Account = { name: string; email: string; role: Role };

const roleOrder: Role[] = ["client", "advisor", "admin"];

function AccountButton({ account, next }: { account: Account; next?: string }) {
  const [, action, pending] = useActionState(signInLocal, {});
  return (
    <form action={action}>
      <input type="hidden" name="name" value={account.name} />
      <input type="hidden" name="email" value={account.email} />
      {next && <input type="hidden" name="next" value={next} />}
      <button
        type="submit"
        disabled={pending}
        aria-label={`Continue as ${account.name} (${ROLE_LABEL[account.role]})`}
        className="flex w-full items-center gap-3 rounded-lg px-3 py-2.5 text-left hover:bg-slate-50 disabled:opacity-60"
      >
        <Avatar name={account.name} />
        <span className="min-w-0 flex-1">
          <span className="block truncate text-sm font-medium text-slate-900">{account.name}</span>
          <span className="block truncate text-xs text-slate-500">{account.email}</span>
        </span>
        <Badge tone={account.role === "admin" ? "amber" : account.role === "advisor" ? "green" : "brand"}>{ROLE_LABEL[account.role]}</Badge>
      </button>
    </form>
  );
}

function CreateAccountForm({ next }: { next?: string }) {
  const [state, action, pending] = useActionState<SignInState, FormData>(signInLocal, {});
  const formRef = useRef<HTMLFormElement>(null);
  // After a refused attempt the focus goes to the first field in error, as in every form.
  useEffect(() => {
    if (state.errors) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [state]);
  return (
    <form ref={formRef} action={action} className="space-y-4" noValidate>
      {next && <input type="hidden" name="next" value={next} />}
      <Field label="Name" error={state.errors?.name}>
        {(props) => <Input {...props} name="name" autoComplete="name" defaultValue={state.values?.name} required />}
      </Field>
      <Field label="Email" error={state.errors?.email} hint="Signing in again with this email returns to the same account.">
        {(props) => <Input {...props} name="email" type="email" autoComplete="email" defaultValue={state.values?.email} required />}
      </Field>
      {state.errors?.form && (
        <p role="alert" className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-700">
          {state.errors.form}
        </p>
      )}
      <Button type="submit" className="w-full" pending={pending}>
        Create account and sign in
      </Button>
    </form>
  );
}

export function LocalSignIn({ accounts, next }: { accounts: Account[]; next?: string }) {
  const sorted = [...accounts].sort((a, b) => roleOrder.indexOf(a.role) - roleOrder.indexOf(b.role) || a.name.localeCompare(b.name));
  return (
    <div className="mx-auto max-w-5xl px-4 py-10 sm:px-6 sm:py-14">
      <div className="mb-8 max-w-2xl">
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900 sm:text-3xl">Sign in to ExpertLine</h1>
        <p className="mt-2 text-slate-600">
          This is the local sign-in used when Clerk is not configured: pick an account or create one. Tokens are signed with a key
          kept on this machine and checked by the backend just like Clerk&apos;s.
        </p>
      </div>
      <div className="grid gap-6 lg:grid-cols-5">
        <Card className="min-w-0 lg:col-span-3">
          <CardHeader title="Continue as an existing account" description={`${accounts.length} account${accounts.length === 1 ? "" : "s"} on this backend`} />
          <div className="max-h-[28rem] divide-y divide-slate-100 overflow-y-auto p-2">
            {sorted.length === 0 ? (
              <p className="px-3 py-6 text-center text-sm text-slate-500">No accounts yet. Create the first one.</p>
            ) : (
              sorted.map((account) => <AccountButton key={account.email} account={account} next={next} />)
            )}
          </div>
        </Card>
        <Card className="min-w-0 self-start lg:col-span-2">
          <CardHeader title="Create an account" description="New accounts start as clients." />
          <CardBody>
            <CreateAccountForm next={next} />
          </CardBody>
        </Card>
      </div>
    </div>
  );
}
