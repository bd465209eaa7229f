/**
 * Who the backend trusts. Clerk when the deployment has CLERK_JWT_ISSUER_DOMAIN;
 * the local sign-in key when it has LOCAL_AUTH_JWKS (set by `npm run dev` and
 * the e2e server) and config.backendLocalAuthAllowed holds: only a backend on
 * this machine, never a cloud deployment. Both paths are verified the same
 * way: signature against a JWKS, issuer, audience, expiry.
 */
import type { AuthConfig } from "convex/server";
import { config } from "../lib/config";

type Provider = AuthConfig["providers"][number];

function providers(): Provider[] {
  const list: Provider[] = [];
  const clerkDomain = config.clerkIssuerDomain;
  if (clerkDomain !== undefined) list.push({ domain: clerkDomain, applicationID: "convex" });
  const local = config.localAuth;
  if (local.jwks !== undefined && config.backendLocalAuthAllowed) {
    list.push({
      type: "customJwt",
      issuer: local.issuer,
      applicationID: local.audience,
      algorithm: "RS256",
      jwks: `data:text/plain;charset=utf-8;base64,${btoa(local.jwks)}`,
    });
  }
  return list;
}

export default { providers: providers() } satisfies AuthConfig;
