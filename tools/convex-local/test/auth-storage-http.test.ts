import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConvexClient, ConvexHttpClient } from "convex/browser";
import type { Backend } from "../src/index.js";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair, SignJWT } from "jose";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
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

  async function uploadFile(body: Uint8Array<ArrayBuffer> | string, contentType?: string): Promise<string> {
    const http = new ConvexHttpClient(backend.url);
    const uploadUrl = (await http.mutation(api.files.generateUploadUrl, {})) as string;
    const headers: Record<string, string> = contentType === undefined ? {} : { "content-type": contentType };
    const upload = await fetch(uploadUrl, { method: "POST", headers, body: typeof body === "string" ? new TextEncoder().encode(body) : body });
    expect(upload.status).toBe(200);
    return ((await upload.json()) as { storageId: string }).storageId;
  }

  it("gives unguessable storage ids: random 128-bit numbers, not a sequence", async () => {
    const ids = [];
    for (let i = 0; i < 5; i++) ids.push(await uploadFile(`file ${i}`));
    ids.push((await new ConvexHttpClient(backend.url).action(api.files.storeText, { text: "from an action", type: "text/plain" })) as string);
    expect(new Set(ids).size).toBe(ids.length);
    const numbers = ids.map((id) => {
      expect(id).toMatch(/^\d{39}_storage$/);
      return BigInt(id.slice(0, 39));
    });
    // Sequential ids (as convex-test makes them) differ by 1; random ones are nowhere near each other.
    for (let i = 1; i < numbers.length; i++) {
      const gap = numbers[i]! > numbers[i - 1]! ? numbers[i]! - numbers[i - 1]! : numbers[i - 1]! - numbers[i]!;
      expect(gap > 10n ** 20n).toBe(true);
    }
  });

  it("keeps the upload's content type in the _storage document and on download", async () => {
    const http = new ConvexHttpClient(backend.url);
    const typed = await uploadFile("%PDF-1.4", "application/pdf");
    expect(await http.query(api.files.meta, { storageId: typed })).toMatchObject({ _id: typed, contentType: "application/pdf", size: 8 });
    const typedResponse = await fetch((await http.query(api.files.url, { storageId: typed })) as string);
    expect(typedResponse.headers.get("content-type")).toBe("application/pdf");
    expect(typedResponse.headers.get("x-content-type-options")).toBe("nosniff");

    const untyped = await uploadFile(new Uint8Array([60, 104, 116, 109, 108, 62]));
    const untypedMeta = (await http.query(api.files.meta, { storageId: untyped })) as Record<string, unknown>;
    expect(untypedMeta).toMatchObject({ _id: untyped, size: 6 });
    expect(untypedMeta).not.toHaveProperty("contentType");
    const untypedResponse = await fetch((await http.query(api.files.url, { storageId: untyped })) as string);
    expect(untypedResponse.headers.get("content-type")).toBe("application/octet-stream");
    expect(untypedResponse.headers.get("x-content-type-options")).toBe("nosniff");

    const stored = (await http.action(api.files.storeText, { text: "notes", type: "text/plain" })) as string;
    expect(await http.query(api.files.meta, { storageId: stored })).toMatchObject({ contentType: "text/plain", size: 5 });
  });

  it("serves a file only through the URL getUrl hands out", async () => {
    const http = new ConvexHttpClient(backend.url);
    const secret = await uploadFile("private notes", "text/plain");
    const other = await uploadFile("other notes", "text/plain");
    const url = new URL((await http.query(api.files.url, { storageId: secret })) as string);
    const otherUrl = new URL((await http.query(api.files.url, { storageId: other })) as string);
    expect(await (await fetch(url)).text()).toBe("private notes");

    // Refused exactly like a file that does not exist.
    const missing = await fetch(`${backend.url}/api/storage/${"1".repeat(39)}_storage`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ code: "FileNotFound" });
    const guesses = [
      `${backend.url}/api/storage/${secret}`,
      `${backend.url}/api/storage/${secret}?token=`,
      `${backend.url}/api/storage/${secret}?token=${"A".repeat(43)}`,
      `${backend.url}/api/storage/${secret}?token=${otherUrl.searchParams.get("token")}`,
      `${backend.url}/api/storage/${secret}?token=${url.searchParams.get("token")!.slice(0, -1)}`,
    ];
    for (const guess of guesses) {
      const response = await fetch(guess);
      expect(response.status, guess).toBe(404);
      expect(await response.json()).toMatchObject({ code: "FileNotFound" });
    }
  });

  it("keeps a handed-out file URL and the content type across a restart", async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), "convex-local-storage-"));
    try {
      const first = await startFixture(keys, { inMemory: false, dataDir });
      const uploadUrl = (await first.run("files:generateUploadUrl")) as string;
      const upload = await fetch(uploadUrl, { method: "POST", headers: { "content-type": "image/png" }, body: new Uint8Array([137, 80, 78, 71]) });
      const { storageId } = (await upload.json()) as { storageId: string };
      const fileUrl = (await first.run("files:url", { storageId })) as string;
      await first.close();

      const restarted = await startFixture(keys, { inMemory: false, dataDir });
      try {
        expect(await restarted.run("files:meta", { storageId })).toMatchObject({ contentType: "image/png", size: 4 });
        const response = await fetch(fileUrl.replace(first.url, restarted.url));
        expect(response.status).toBe(200);
        expect(response.headers.get("content-type")).toBe("image/png");
        expect(await fetch(`${restarted.url}/api/storage/${storageId}`).then((r) => r.status)).toBe(404);
      } finally {
        await restarted.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
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
