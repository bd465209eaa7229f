/**
 * Local sign-in tokens. A long-lived sign-in token lives in an httpOnly
 * cookie; short-lived access tokens minted from it are what the Convex client
 * sends. Both are RS256 JWTs signed with the local key; only access tokens
 * carry the audience the backend accepts.
 */
import { importJWK, jwtVerify, SignJWT, type JWK } from "jose";

export const LOCAL_SIGN_IN_COOKIE = "expertline_local_sign_in";
const SIGN_IN_AUDIENCE = "expertline-local-sign-in";
const SIGN_IN_TTL_SECONDS = 7 * 24 * 60 * 60;
const ACCESS_TTL_SECONDS = 60 * 60;

export type LocalProfile = { subject: string; name: string; email: string };

export type LocalAuthSettings = { issuer: string; audience: string; privateJwk: string };

export { localSubjectFor } from "./subject";

async function signingKey(settings: LocalAuthSettings) {
  const jwk = JSON.parse(settings.privateJwk) as JWK;
  return { key: await importJWK(jwk, "RS256"), kid: jwk.kid };
}

async function sign(settings: LocalAuthSettings, profile: LocalProfile, audience: string, ttlSeconds: number, now: number) {
  const { key, kid } = await signingKey(settings);
  const issuedAt = Math.floor(now / 1000);
  return await new SignJWT({ name: profile.name, email: profile.email, email_verified: true })
    .setProtectedHeader({ alg: "RS256", typ: "JWT", ...(kid ? { kid } : {}) })
    .setIssuer(settings.issuer)
    .setSubject(profile.subject)
    .setAudience(audience)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + ttlSeconds)
    .sign(key);
}

export function signSignInToken(settings: LocalAuthSettings, profile: LocalProfile, now = Date.now()) {
  return sign(settings, profile, SIGN_IN_AUDIENCE, SIGN_IN_TTL_SECONDS, now);
}

export function signAccessToken(settings: LocalAuthSettings, profile: LocalProfile, now = Date.now()) {
  return sign(settings, profile, settings.audience, ACCESS_TTL_SECONDS, now);
}

export const SIGN_IN_MAX_AGE_SECONDS = SIGN_IN_TTL_SECONDS;

/** The profile in a valid sign-in token, or null when it is missing, forged, expired or an access token. */
export async function verifySignInToken(
  settings: LocalAuthSettings,
  token: string | undefined,
  now = Date.now(),
): Promise<LocalProfile | null> {
  if (!token) return null;
  try {
    const { kty, n, e } = JSON.parse(settings.privateJwk) as JWK;
    const key = await importJWK({ kty, n, e }, "RS256");
    const { payload } = await jwtVerify(token, key, {
      issuer: settings.issuer,
      audience: SIGN_IN_AUDIENCE,
      algorithms: ["RS256"],
      currentDate: new Date(now),
    });
    if (typeof payload.sub !== "string" || typeof payload.name !== "string" || typeof payload.email !== "string") {
      return null;
    }
    return { subject: payload.sub, name: payload.name, email: payload.email };
  } catch {
    return null;
  }
}
