import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from "jose";
import { fileURLToPath } from "node:url";
import path from "node:path";
import { anyApi } from "convex/server";
import { startBackend, type Backend, type BackendOptions } from "../src/index.js";

// The fixture's generated api is typed for the fixture; tests address it by name.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const api = anyApi as any;

export const FIXTURE_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), "fixture", "convex");
export const ISSUER = "https://issuer.convex-local.test";
export const AUDIENCE = "convex-local-fixture";

export type Keys = { privateKey: CryptoKey; jwks: string; otherPrivateKey: CryptoKey };

export async function makeKeys(): Promise<Keys> {
  const { privateKey, publicKey } = await generateKeyPair("RS256");
  const other = await generateKeyPair("RS256");
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid: "fixture-key", alg: "RS256", use: "sig" };
  const jwks = `data:text/plain;charset=utf-8;base64,${Buffer.from(JSON.stringify({ keys: [jwk] })).toString("base64")}`;
  return { privateKey, jwks, otherPrivateKey: other.privateKey };
}

export async function signToken(
  key: CryptoKey,
  claims: { sub: string; email?: string; expiresIn?: string | number; issuer?: string; audience?: string },
): Promise<string> {
  return await new SignJWT(claims.email === undefined ? {} : { email: claims.email })
    .setProtectedHeader({ alg: "RS256", kid: "fixture-key" })
    .setSubject(claims.sub)
    .setIssuer(claims.issuer ?? ISSUER)
    .setAudience(claims.audience ?? AUDIENCE)
    .setIssuedAt(Math.floor(Date.now() / 1000) - 120)
    .setExpirationTime(claims.expiresIn ?? "1h")
    .sign(key);
}

export function fixtureEnv(keys: Keys): Record<string, string> {
  return { FIXTURE_JWT_ISSUER: ISSUER, FIXTURE_JWKS: keys.jwks, FIXTURE_SETTING: "from-env" };
}

export async function startFixture(keys: Keys, options: Partial<BackendOptions> = {}): Promise<Backend> {
  return await startBackend({ functionsDir: FIXTURE_DIR, port: 0, inMemory: true, env: fixtureEnv(keys), ...options });
}

/** Polls until `check` returns a value other than undefined/false, or fails after `timeoutMs`. */
export async function waitFor<T>(check: () => T | Promise<T>, what: string, timeoutMs = 10_000): Promise<Exclude<T, false | undefined>> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value as Exclude<T, false | undefined>;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}${last ? `: ${String(last)}` : ""}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
