"use client";

import { useClerk } from "@clerk/nextjs";
import { useTransition } from "react";
import { signOutLocal } from "@/app/sign-in/actions";
import { Button } from "@/components/ui/button";
import { useAuthMode } from "./auth-mode";

function ClerkSignOut({ className }: { className?: string }) {
  const clerk = useClerk();
  const [pending, start] = useTransition();
  return (
    <Button variant="ghost" size="sm" className={className} pending={pending} onClick={() => start(() => clerk.signOut({ redirectUrl: "/" }))}>
      Sign out
    </Button>
  );
}

function LocalSignOut({ className }: { className?: string }) {
  const [pending, start] = useTransition();
  return (
    <Button variant="ghost" size="sm" className={className} pending={pending} onClick={() => start(() => signOutLocal())}>
      Sign out
    </Button>
  );
}

export function SignOutButton({ className }: { className?: string }) {
  return useAuthMode() === "clerk" ? <ClerkSignOut className={className} /> : <LocalSignOut className={className} />;
}
