import { expect, test } from "../fixtures/test";
import { DEMO } from "../fixtures/accounts";
import { signInAs } from "../fixtures/auth";

test.describe("local sign-in endpoints", () => {
  test("publish only the public key", async ({ request }) => {
    const response = await request.get("/api/auth/jwks");
    expect(response.status()).toBe(200);
    const { keys } = (await response.json()) as { keys: Record<string, string>[] };
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatchObject({ kty: "RSA", alg: "RS256", use: "sig" });
    expect(keys[0].d).toBeUndefined();
  });

  test("give visitors no token", async ({ request }) => {
    const response = await request.get("/api/auth/local/token");
    expect(response.status()).toBe(401);
    expect(await response.json()).toEqual({ token: null });
  });

  test("give a signed-in user a short-lived RS256 token for the backend", async ({ page }) => {
    await signInAs(page, DEMO.client, "client");
    const response = await page.request.get("/api/auth/local/token");
    expect(response.status()).toBe(200);
    const { token } = (await response.json()) as { token: string };
    const [header, payload] = token.split(".").slice(0, 2).map((part) => JSON.parse(Buffer.from(part, "base64url").toString()));
    expect(header).toMatchObject({ alg: "RS256" });
    expect(payload).toMatchObject({ sub: `local:${DEMO.client.email}`, aud: "expertline", email: DEMO.client.email });
    expect(payload.exp - payload.iat).toBe(3600);
  });
});
