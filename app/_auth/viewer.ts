/**
 * Server-side view of who is signed in, for layouts, pages, actions and
 * route handlers. Clerk when configured, the local sign-in otherwise.
 */
import { fetchMutation, fetchQuery } from "convex/nextjs";
import { cookies, headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { cache } from "react";
import { api } from "@/convex/_generated/api";
import type { Role } from "@/convex/validators";
import { signAccessToken, verifySignInToken, LOCAL_SIGN_IN_COOKIE, type LocalAuthSettings, type LocalProfile } from "@/lib/auth/localTokens";
import { config } from "@/lib/config";

/** Set by proxy.ts: layouts cannot see the path otherwise. */
export const PATH_HEADER = "x-expertline-path";

export type AuthMode = "clerk" | "local" | "none";

export function authMode(): AuthMode {
  if (config.services.clerk) return "clerk";
  return config.localAuthAllowed ? "local" : "none";
}

/** Signing settings for local sign-in, or null when it is not allowed or has no key. */
export function localAuthSettings(): LocalAuthSettings | null {
  const local = config.localAuth;
  if (!config.localAuthAllowed || local.privateJwk === undefined) return null;
  return { issuer: local.issuer, audience: local.audience, privateJwk: local.privateJwk };
}

export async function localProfile(): Promise<LocalProfile | null> {
  const settings = localAuthSettings();
  if (settings === null) return null;
  return await verifySignInToken(settings, (await cookies()).get(LOCAL_SIGN_IN_COOKIE)?.value);
}

/** A token the backend accepts for the signed-in user, or null for visitors. */
export async function convexToken(): Promise<string | null> {
  const mode = authMode();
  if (mode === "clerk") {
    const { auth } = await import("@clerk/nextjs/server");
    return (await (await auth()).getToken({ template: "convex" })) ?? null;
  }
  const settings = localAuthSettings();
  const profile = await localProfile();
  if (settings === null || profile === null) return null;
  return await signAccessToken(settings, profile);
}

export function convexOptions(token: string | null) {
  return { token: token ?? undefined, url: config.convexUrl, skipConvexDeploymentUrlCheck: true };
}

/** The signed-in user (creating their row on first sign-in) and their token; once per request. */
export const getViewer = cache(async () => {
  const token = await convexToken();
  if (token === null) return { token: null, user: null };
  const options = convexOptions(token);
  let user = await fetchQuery(api.users.current, {}, options);
  if (user === null) {
    await fetchMutation(api.users.store, {}, options);
    user = await fetchQuery(api.users.current, {}, options);
  }
  return { token, user };
});

/**
 * Guards a section for one role on the server: visitors go to sign-in, other
 * roles get 403 (app/forbidden.tsx). The backend refuses their calls too.
 */
export async function requireRole(role: Role) {
  const signedIn = await requireSignedIn();
  if (signedIn.user.role !== role) forbidden();
  return signedIn;
}

/** Guards a page any signed-in role may open: visitors go to sign-in. */
export async function requireSignedIn() {
  const viewer = await getViewer();
  if (viewer.user === null) {
    const path = (await headers()).get(PATH_HEADER) ?? "/";
    redirect(`/sign-in?next=${encodeURIComponent(path)}`);
  }
  return { token: viewer.token as string, user: viewer.user };
}
