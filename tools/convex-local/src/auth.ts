/**
 * Verifies JWTs against the providers of the functions folder's auth.config.ts,
 * the way Convex does: signature via JWKS, issuer, audience, expiry.
 */
import { createLocalJWKSet, createRemoteJWKSet, decodeJwt, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from "jose";
import type { UserIdentity } from "convex/server";

export class AuthFailure extends Error {}

type OidcProvider = { domain: string; applicationID: string };
type CustomJwtProvider = { type: "customJwt"; issuer: string; jwks: string; algorithm: string; applicationID?: string };
type Provider = OidcProvider | CustomJwtProvider;

export type TokenVerifier = { verify(token: string): Promise<UserIdentity> };

const CLAIM_TO_ATTRIBUTE: Record<string, string> = {
  name: "name",
  given_name: "givenName",
  family_name: "familyName",
  nickname: "nickname",
  preferred_username: "preferredUsername",
  profile: "profileUrl",
  picture: "pictureUrl",
  email: "email",
  email_verified: "emailVerified",
  gender: "gender",
  birthdate: "birthday",
  zoneinfo: "timezone",
  locale: "language",
  phone_number: "phoneNumber",
  phone_number_verified: "phoneNumberVerified",
  address: "address",
  updated_at: "updatedAt",
};
const REGISTERED_CLAIMS = new Set(["iss", "sub", "aud", "exp", "iat", "nbf", "jti"]);

export function identityFromClaims(claims: JWTPayload): UserIdentity {
  const identity: Record<string, unknown> = {
    subject: claims.sub,
    issuer: claims.iss,
    tokenIdentifier: `${claims.iss}|${claims.sub}`,
  };
  for (const [claim, value] of Object.entries(claims)) {
    if (REGISTERED_CLAIMS.has(claim)) continue;
    identity[CLAIM_TO_ATTRIBUTE[claim] ?? claim] = value;
  }
  return identity as UserIdentity;
}

function withoutTrailingSlash(url: string): string {
  return url.endsWith("/") ? url.slice(0, -1) : url;
}

function jwksFromDataUri(uri: string): JWTVerifyGetKey {
  const comma = uri.indexOf(",");
  if (comma < 0) throw new Error("Invalid jwks data: URI");
  const meta = uri.slice(5, comma);
  const payload = uri.slice(comma + 1);
  const text = meta.endsWith(";base64") ? Buffer.from(payload, "base64").toString("utf8") : decodeURIComponent(payload);
  return createLocalJWKSet(JSON.parse(text));
}

type CompiledProvider = {
  issuers: string[];
  audience?: string;
  algorithms?: string[];
  keys: () => Promise<JWTVerifyGetKey>;
  describe: string;
};

function compile(provider: Provider): CompiledProvider {
  if ("type" in provider && provider.type === "customJwt") {
    let keys: JWTVerifyGetKey | undefined;
    return {
      issuers: [provider.issuer, withoutTrailingSlash(provider.issuer)],
      audience: provider.applicationID,
      algorithms: [provider.algorithm],
      keys: async () =>
        (keys ??= provider.jwks.startsWith("data:")
          ? jwksFromDataUri(provider.jwks)
          : createRemoteJWKSet(new URL(provider.jwks))),
      describe: `customJwt(issuer=${provider.issuer})`,
    };
  }
  const oidc = provider as OidcProvider;
  const domain = withoutTrailingSlash(oidc.domain);
  let keys: Promise<JWTVerifyGetKey> | undefined;
  return {
    issuers: [domain, `${domain}/`],
    audience: oidc.applicationID,
    keys: () =>
      (keys ??= (async () => {
        const response = await fetch(`${domain}/.well-known/openid-configuration`);
        if (!response.ok) {
          keys = undefined;
          throw new Error(`OIDC discovery failed for ${domain}: HTTP ${response.status}`);
        }
        const { jwks_uri } = (await response.json()) as { jwks_uri: string };
        return createRemoteJWKSet(new URL(jwks_uri));
      })()),
    describe: `oidc(domain=${domain}, applicationID=${oidc.applicationID})`,
  };
}

function isUsable(provider: Provider): boolean {
  const missing =
    "type" in provider && provider.type === "customJwt"
      ? (["issuer", "jwks", "algorithm"] as const).filter((key) => typeof provider[key] !== "string" || provider[key] === "")
      : (["domain", "applicationID"] as const).filter((key) => typeof (provider as OidcProvider)[key] !== "string");
  if (missing.length > 0) {
    console.warn(`convex-local: ignoring an auth provider of auth.config.ts without ${missing.join(", ")} (is an environment variable missing?)`);
  }
  return missing.length === 0;
}

export function createTokenVerifier(authConfig: unknown): TokenVerifier {
  const configured = (authConfig as { providers?: Provider[] } | undefined)?.providers ?? [];
  const providers = configured.filter(isUsable).map(compile);
  return {
    async verify(token) {
      let claims: JWTPayload;
      try {
        claims = decodeJwt(token);
      } catch {
        throw new AuthFailure("Could not parse JWT payload. Check that the token is a valid JWT format.");
      }
      const candidates = providers.filter((p) => typeof claims.iss === "string" && p.issuers.includes(claims.iss));
      if (candidates.length === 0) {
        throw new AuthFailure(
          `No auth provider found matching the given token (iss: ${String(claims.iss)}). ` +
            `Configured providers: ${providers.map((p) => p.describe).join(", ") || "none"}.`,
        );
      }
      let lastError: unknown;
      for (const provider of candidates) {
        try {
          const { payload } = await jwtVerify(token, await provider.keys(), {
            issuer: provider.issuers,
            audience: provider.audience,
            algorithms: provider.algorithms,
          });
          if (typeof payload.sub !== "string") throw new Error("Token has no `sub` claim");
          return identityFromClaims(payload);
        } catch (error) {
          lastError = error;
        }
      }
      const reason = lastError instanceof Error ? lastError.message : String(lastError);
      throw new AuthFailure(`Could not verify OIDC token claim. Check that the token signature is valid and the token hasn't expired. (${reason})`);
    },
  };
}
