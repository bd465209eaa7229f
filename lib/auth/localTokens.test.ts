import { createLocalJWKSet, jwtVerify } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import { generateLocalAuthKeys, jwksDataUri, publicJwksFor, type LocalAuthKeys } from "./localKeys";
import { localSubjectFor, signAccessToken, signSignInToken, verifySignInToken, type LocalAuthSettings } from "./localTokens";

const profile = { subject: localSubjectFor(" Ada@Example.com "), name: "Ada", email: "ada@example.com" };
let keys: LocalAuthKeys;
let settings: LocalAuthSettings;

beforeAll(async () => {
  keys = await generateLocalAuthKeys();
  settings = { issuer: "https://auth.test.localhost", audience: "expertline", privateJwk: JSON.stringify(keys.privateJwk) };
});

describe("local sign-in tokens", () => {
  it("keys local accounts by normalised email", () => {
    expect(profile.subject).toBe("local:ada@example.com");
  });

  it("round-trips a sign-in token", async () => {
    const token = await signSignInToken(settings, profile);
    await expect(verifySignInToken(settings, token)).resolves.toEqual(profile);
  });

  it("rejects an expired sign-in token", async () => {
    const eightDaysAgo = Date.now() - 8 * 24 * 60 * 60 * 1000;
    const token = await signSignInToken(settings, profile, eightDaysAgo);
    await expect(verifySignInToken(settings, token)).resolves.toBeNull();
  });

  it("rejects a sign-in token signed by another key", async () => {
    const other = await generateLocalAuthKeys();
    const token = await signSignInToken({ ...settings, privateJwk: JSON.stringify(other.privateJwk) }, profile);
    await expect(verifySignInToken(settings, token)).resolves.toBeNull();
  });

  it("does not accept an access token as a session", async () => {
    const token = await signAccessToken(settings, profile);
    await expect(verifySignInToken(settings, token)).resolves.toBeNull();
  });

  it("issues access tokens the public JWKS verifies with issuer and audience", async () => {
    const token = await signAccessToken(settings, profile);
    const jwks = createLocalJWKSet(publicJwksFor(keys.privateJwk) as Parameters<typeof createLocalJWKSet>[0]);
    const { payload, protectedHeader } = await jwtVerify(token, jwks, { issuer: settings.issuer, audience: "expertline" });
    expect(protectedHeader).toMatchObject({ alg: "RS256", kid: keys.privateJwk.kid });
    expect(payload).toMatchObject({ sub: profile.subject, name: "Ada", email: "ada@example.com" });
    expect((payload.exp ?? 0) - (payload.iat ?? 0)).toBe(3600);
  });

  it("publishes no private key material", () => {
    const [key] = publicJwksFor(keys.privateJwk).keys;
    expect(Object.keys(key).sort()).toEqual(["alg", "e", "kid", "kty", "n", "use"]);
    const decoded = JSON.parse(Buffer.from(jwksDataUri(keys.jwks).split(",")[1], "base64").toString());
    expect(decoded.keys[0].d).toBeUndefined();
  });
});
