/**
 * Secrets for the local default, made once per checkout and kept in
 * .local-secrets/ (git-ignored): the local sign-in key pair and a
 * Stripe-style webhook signing secret for the built-in test checkout.
 */
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { generateLocalAuthKeys, publicJwksFor } from "../../lib/auth/localKeys";

export type LocalSecrets = { privateJwk: string; jwks: string; stripeWebhookSecret: string };

export async function ensureLocalSecrets(dir = ".local-secrets"): Promise<LocalSecrets & { created: boolean }> {
  const file = path.join(dir, "secrets.json");
  if (existsSync(file)) {
    const stored = JSON.parse(readFileSync(file, "utf8")) as LocalSecrets;
    return { ...stored, created: false };
  }
  const keys = await generateLocalAuthKeys();
  const secrets: LocalSecrets = {
    privateJwk: JSON.stringify(keys.privateJwk),
    jwks: JSON.stringify(publicJwksFor(keys.privateJwk)),
    stripeWebhookSecret: `whsec_${randomBytes(24).toString("base64url")}`,
  };
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  writeFileSync(path.join(dir, ".gitignore"), "*\n");
  writeFileSync(file, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
  return { ...secrets, created: true };
}

/** In-memory secrets for throwaway runs (end-to-end tests). */
export async function ephemeralSecrets(): Promise<LocalSecrets> {
  const keys = await generateLocalAuthKeys();
  return {
    privateJwk: JSON.stringify(keys.privateJwk),
    jwks: JSON.stringify(publicJwksFor(keys.privateJwk)),
    stripeWebhookSecret: `whsec_${randomBytes(24).toString("base64url")}`,
  };
}

/** What the backend needs to trust local tokens and verify test-checkout webhooks. */
export function backendEnv(secrets: LocalSecrets, issuer: string): Record<string, string> {
  return { LOCAL_AUTH_JWKS: secrets.jwks, LOCAL_AUTH_ISSUER: issuer, STRIPE_WEBHOOK_SECRET: secrets.stripeWebhookSecret };
}

/** What the Next.js server needs to sign local tokens. */
export function nextEnv(secrets: LocalSecrets, issuer: string): Record<string, string> {
  return { LOCAL_AUTH_PRIVATE_JWK: secrets.privateJwk, LOCAL_AUTH_ISSUER: issuer };
}
