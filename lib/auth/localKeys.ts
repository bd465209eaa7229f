/**
 * The key pair behind local sign-in: made once per machine by `npm run dev`
 * (kept in .local-secrets/, outside git). The private half signs tokens in
 * the Next.js server; the public half is the JWKS the backend trusts.
 */
import { exportJWK, generateKeyPair, type JWK } from "jose";

export type LocalAuthKeys = {
  /** Private RS256 key as a JWK (with kid and alg). */
  privateJwk: JWK;
  /** `{ keys: [publicJwk] }` */
  jwks: { keys: JWK[] };
};

export async function generateLocalAuthKeys(): Promise<LocalAuthKeys> {
  const { publicKey, privateKey } = await generateKeyPair("RS256", { extractable: true });
  const kid = `local-${crypto.randomUUID()}`;
  const privateJwk = { ...(await exportJWK(privateKey)), kid, alg: "RS256", use: "sig" };
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: "RS256", use: "sig" };
  return { privateJwk, jwks: { keys: [publicJwk] } };
}

/** The public JWKS for a private JWK: drops the private members. */
export function publicJwksFor(privateJwk: JWK): { keys: JWK[] } {
  const { kty, n, e, kid, alg, use } = privateJwk;
  return { keys: [{ kty, n, e, kid, alg, use }] };
}

/** A `data:` URI carrying the JWKS, so the backend needs no HTTP round trip to trust it. */
export function jwksDataUri(jwks: { keys: JWK[] }): string {
  return `data:text/plain;charset=utf-8;base64,${Buffer.from(JSON.stringify(jwks)).toString("base64")}`;
}
