import { afterEach, describe, expect, it, vi } from "vitest";
import { config } from "./config";

afterEach(() => vi.unstubAllEnvs());

function env(vars: Record<string, string>) {
  for (const name of ["NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY", "CLERK_SECRET_KEY", "LOCAL_AUTH", "CLERK_JWT_ISSUER_DOMAIN", "LOCAL_AUTH_JWKS"]) {
    vi.stubEnv(name, "");
  }
  vi.stubEnv("NODE_ENV", "development");
  for (const [name, value] of Object.entries(vars)) vi.stubEnv(name, value);
}

describe("config.services", () => {
  it("reports nothing connected on a bare machine", () => {
    env({ CONVEX_DEPLOYMENT: "", STRIPE_SECRET_KEY: "", NEXT_PUBLIC_STREAM_API_KEY: "", MAIL_TRANSPORT_URL: "" });
    expect(config.services).toEqual({ convex: false, clerk: false, stripe: false, stream: false, mail: false });
  });

  it("needs both Clerk keys to call Clerk configured", () => {
    env({ NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: "pk_test_x" });
    expect(config.services.clerk).toBe(false);
    env({ NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: "pk_test_x", CLERK_SECRET_KEY: "sk_test_x" });
    expect(config.services.clerk).toBe(true);
  });

  it("reads admin emails as a normalised list", () => {
    vi.stubEnv("ADMIN_EMAILS", " Boss@Example.com, ,ops@example.com ");
    expect(config.adminEmails).toEqual(["boss@example.com", "ops@example.com"]);
  });
});

describe("config.localAuthAllowed", () => {
  it.each<{ vars: Record<string, string>; allowed: boolean; why: string }>([
    { vars: {}, allowed: true, why: "development without Clerk" },
    { vars: { NODE_ENV: "production" }, allowed: false, why: "production without the explicit switch" },
    { vars: { NODE_ENV: "production", LOCAL_AUTH: "1" }, allowed: true, why: "production with LOCAL_AUTH=1" },
    { vars: { NODE_ENV: "production", LOCAL_AUTH: "0" }, allowed: false, why: "production with LOCAL_AUTH=0" },
    {
      vars: { NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: "pk", CLERK_SECRET_KEY: "sk", LOCAL_AUTH: "1" },
      allowed: false,
      why: "Clerk configured, even with LOCAL_AUTH=1",
    },
  ])("is $allowed for $why", ({ vars, allowed }) => {
    env(vars);
    expect(config.localAuthAllowed).toBe(allowed);
  });
});

describe("config.backendLocalAuthAllowed", () => {
  it("needs the local JWKS on the deployment", () => {
    env({});
    expect(config.backendLocalAuthAllowed).toBe(false);
    env({ LOCAL_AUTH_JWKS: '{"keys":[]}' });
    expect(config.backendLocalAuthAllowed).toBe(true);
  });

  it("is off when the deployment trusts Clerk", () => {
    env({ LOCAL_AUTH_JWKS: '{"keys":[]}', CLERK_JWT_ISSUER_DOMAIN: "https://x.clerk.accounts.dev" });
    expect(config.backendLocalAuthAllowed).toBe(false);
  });

  it("is off in production unless LOCAL_AUTH=1", () => {
    env({ LOCAL_AUTH_JWKS: '{"keys":[]}', NODE_ENV: "production" });
    expect(config.backendLocalAuthAllowed).toBe(false);
    env({ LOCAL_AUTH_JWKS: '{"keys":[]}', NODE_ENV: "production", LOCAL_AUTH: "1" });
    expect(config.backendLocalAuthAllowed).toBe(true);
  });
});
