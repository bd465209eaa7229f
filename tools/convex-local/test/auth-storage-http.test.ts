import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConvexClient, ConvexHttpClient } from "convex/browser";
import type { Backend } from "../src/index.js";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair, SignJWT } from "jose";
import { api, fixtureEnv, makeKeys, signToken, startFixture, waitFor, type Keys } from "./helpers.js";

let backend: Backend;
let keys: Keys;
const clients: ConvexClient[] = [];

beforeAll(async () => {
  keys = await makeKeys();
  backend = await startFixture(keys, { adminKey: "fixture-admin-key" });
});

afterAll(async () => {
  for (const c of clients) await c.close();
  await backend.close();
});

async function authedClient(token: string) {
  const c = new ConvexClient(backend.url);
  clients.push(c);
  const authChanges: boolean[] = [];
  c.setAuth(async () => token, (isAuthenticated) => authChanges.push(isAuthenticated));
  const identities: unknown[] = [];
  c.onUpdate(api.messages.whoami, {}, (v) => identities.push(v));
  return { authChanges, identities };
}

describe("auth", () => {
  it("verifies a valid token and exposes the identity over WebSocket and HTTP", async () => {
    const token = await signToken(keys.privateKey, { sub: "user-1", email: "u1@example.com" });
    const { authChanges, identities } = await authedClient(token);
    await waitFor(() => authChanges.includes(true), "auth confirmation");
    const identity = await waitFor(() => identities.find((i) => i !== null), "identity");
    expect(identity).toEqual({ subject: "user-1", tokenIdentifier: "https://issuer.convex-local.test|user-1", email: "u1@example.com" });
    const http = new ConvexHttpClient(backend.url);
    http.setAuth(token);
    expect(await http.query(api.messages.whoami, {})).toMatchObject({ subject: "user-1" });
  });

  for (const [label, makeToken] of [
    ["a forged token", () => signToken(keys.otherPrivateKey, { sub: "intruder" })],
    ["an expired token", () => signToken(keys.privateKey, { sub: "late", expiresIn: Math.floor(Date.now() / 1000) - 60 })],
    ["a token for another audience", () => signToken(keys.privateKey, { sub: "x", audience: "someone-else" })],
  ] as const) {
    it(`never yields an identity for ${label}`, async () => {
      const token = await makeToken();
      const { authChanges, identities } = await authedClient(token);
      await waitFor(() => authChanges.includes(false), "auth failure reported to the client");
      expect(authChanges).not.toContain(true);
      await waitFor(() => identities.length > 0, "query result");
      expect(identities.every((i) => i === null)).toBe(true);
      const response = await fetch(`${backend.url}/api/query`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
        body: JSON.stringify({ path: "messages:whoami", args: [{}], format: "convex_encoded_json" }),
      });
      expect(response.status).toBe(401);
      expect(((await response.json()) as { code: string }).code).toBe("Unauthenticated");
    });
  }
});

describe("HTTP actions", () => {
  it("get the real URL, method, headers, body and the Bearer identity", async () => {
    const token = await signToken(keys.privateKey, { sub: "http-user" });
    const response = await fetch(`${backend.siteUrl}/echo?q=1`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "x-fixture": "yes" },
      body: "payload",
    });
    expect(response.status).toBe(201);
    expect(response.headers.get("x-from")).toBe("fixture");
    expect(await response.json()).toEqual({
      url: `${backend.siteUrl}/echo?q=1`,
      method: "POST",
      body: "payload",
      header: "yes",
      subject: "http-user",
      greeting: "hello http",
    });
  });

  it("answers 404 for unrouted paths", async () => {
    expect((await fetch(`${backend.siteUrl}/nowhere`)).status).toBe(404);
  });
});

describe("storage", () => {
  it("uploads through generateUploadUrl and downloads through getUrl", async () => {
    const http = new ConvexHttpClient(backend.url);
    const uploadUrl = (await http.mutation(api.files.generateUploadUrl, {})) as string;
    expect(uploadUrl.startsWith(`${backend.url}/api/storage/upload`)).toBe(true);
    const bytes = new Uint8Array([1, 2, 3, 250, 251]);
    const upload = await fetch(uploadUrl, { method: "POST", headers: { "content-type": "image/png" }, body: bytes });
    expect(upload.status).toBe(200);
    const { storageId } = (await upload.json()) as { storageId: string };
    await http.mutation(api.files.save, { storageId, name: "pic" });
    const downloadUrl = (await http.query(api.files.url, { storageId })) as string;
    const download = await fetch(downloadUrl);
    expect(download.headers.get("content-type")).toBe("image/png");
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(bytes);
    const reuse = await fetch(uploadUrl, { method: "POST", body: bytes });
    expect(reuse.status).toBe(401);
  });
});

describe("admin API", () => {
  const adminRun = (authorization: string | undefined) =>
    fetch(`${backend.url}/api/admin/run`, {
      method: "POST",
      headers: { "content-type": "application/json", ...(authorization ? { authorization } : {}) },
      body: JSON.stringify({ path: "messages:secret", args: {} }),
    });

  it("runs internal functions with the admin key only", async () => {
    const ok = await adminRun("Convex fixture-admin-key");
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ status: "success", value: "internal only" });
    expect((await adminRun("Convex wrong-key")).status).toBe(401);
    expect((await adminRun(undefined)).status).toBe(401);
  });
});

describe("OIDC providers", () => {
  it("discovers the JWKS from the domain and checks issuer and applicationID", async () => {
    const { privateKey, publicKey } = await generateKeyPair("RS256");
    const jwk = { ...(await exportJWK(publicKey)), kid: "oidc-key", alg: "RS256", use: "sig" };
    const server = createServer((req, res) => {
      const domain = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      res.setHeader("content-type", "application/json");
      if (req.url === "/.well-known/openid-configuration") res.end(JSON.stringify({ issuer: domain, jwks_uri: `${domain}/jwks` }));
      else if (req.url === "/jwks") res.end(JSON.stringify({ keys: [jwk] }));
      else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const domain = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const oidcBackend = await startFixture(keys, { env: { ...fixtureEnv(keys), FIXTURE_OIDC_DOMAIN: domain } });
    const sign = (audience: string) =>
      new SignJWT({})
        .setProtectedHeader({ alg: "RS256", kid: "oidc-key" })
        .setSubject("oidc-user")
        .setIssuer(domain)
        .setAudience(audience)
        .setExpirationTime("1h")
        .sign(privateKey);
    try {
      const http = new ConvexHttpClient(oidcBackend.url);
      http.setAuth(await sign("convex-local-oidc"));
      expect(await http.query(api.messages.whoami, {})).toMatchObject({ subject: "oidc-user", tokenIdentifier: `${domain}|oidc-user` });
      http.setAuth(await sign("another-app"));
      await expect(http.query(api.messages.whoami, {})).rejects.toThrow(/Unauthenticated|verify/);
    } finally {
      await oidcBackend.close();
      server.close();
    }
  });
});
