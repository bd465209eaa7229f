import { fetchQuery } from "convex/nextjs";
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { api } from "@/convex/_generated/api";
import { HOME_BY_ROLE } from "@/components/shell/nav";
import { authMode, convexOptions, getViewer } from "../_auth/viewer";
import { safeNextPath } from "@/lib/auth/safeNext";
import { ClerkSignIn } from "./clerk-sign-in";
import { LocalSignIn } from "./local-sign-in";
import { SignInUnavailable } from "./sign-in-unavailable";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string | string[] }> }) {
  // Every way out of sign-in goes through safeNextPath: this redirect, the local sign-in action, and Clerk (which returns here).
  const next = safeNextPath((await searchParams).next);
  const mode = authMode();
  if (mode === "none") return <SignInUnavailable />;

  const { user } = await getViewer();
  if (user !== null) redirect(next ?? HOME_BY_ROLE[user.role]);
  if (mode === "clerk") return <ClerkSignIn next={next} />;

  const accounts = await fetchQuery(api.users.listLocalAccounts, {}, convexOptions(null));
  return <LocalSignIn accounts={accounts} next={next} />;
}
