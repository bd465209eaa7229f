import { afterEach, describe, expect, it, vi } from "vitest";
import { config } from "./config";

afterEach(() => vi.unstubAllEnvs());

const LOCAL_ENV = [
  "NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY",
  "CLERK_SECRET_KEY",
  "LOCAL_AUTH",
  "EXPERTLINE_TEST_BUILD",
  "CLERK_JWT_ISSUER_DOMAIN",
  "LOCAL_AUTH_JWKS",
  "CONVEX_CLOUD_URL",
];

function env(vars: Record<string, string | undefined>) {
  for (const name of LOCAL_ENV) vi.stubEnv(name, "");
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
  // In the app, NODE_ENV and EXPERTLINE_TEST_BUILD are the values `next build` inlined; LOCAL_AUTH is only ever a run-time variable.
  it.each<{ vars: Record<string, string>; allowed: boolean; why: string }>([
    { vars: {}, allowed: true, why: "development without Clerk" },
    { vars: { NODE_ENV: "production" }, allowed: false, why: "a production build" },
    { vars: { NODE_ENV: "production", LOCAL_AUTH: "1" }, allowed: false, why: "a production build with LOCAL_AUTH=1 at run time" },
    { vars: { NODE_ENV: "production", LOCAL_AUTH: "true" }, allowed: false, why: "a production build with LOCAL_AUTH=true at run time" },
    { vars: { NODE_ENV: "production", EXPERTLINE_TEST_BUILD: "1" }, allowed: true, why: "a test build" },
    { vars: { NODE_ENV: "production", EXPERTLINE_TEST_BUILD: "0" }, allowed: false, why: "a build with the test flag off" },
    {
      vars: { NODE_ENV: "production", EXPERTLINE_TEST_BUILD: "1", NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: "pk", CLERK_SECRET_KEY: "sk" },
      allowed: false,
      why: "a test build with Clerk configured",
    },
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

describe("config.buildTimeEnv", () => {
  it.each([
    { flag: "", inlined: "" },
    { flag: "0", inlined: "" },
    { flag: "1", inlined: "1" },
  ])("always carries the test-build flag for Next to inline ($flag → '$inlined')", ({ flag, inlined }) => {
    // A key missing from next.config's `env` would not be inlined, and the built app would read it at run time.
    env({ EXPERTLINE_TEST_BUILD: flag });
    expect(config.buildTimeEnv).toEqual({ EXPERTLINE_TEST_BUILD: inlined });
  });
});

describe("config.backendLocalAuthAllowed", () => {
  const JWKS = '{"keys":[]}';
  const LOCAL_BACKEND = "http://127.0.0.1:3210";

  it.each<{ vars: Record<string, string | undefined>; allowed: boolean; why: string }>([
    { vars: { LOCAL_AUTH_JWKS: JWKS, CONVEX_CLOUD_URL: LOCAL_BACKEND }, allowed: true, why: "the local backend with the local JWKS" },
    { vars: { LOCAL_AUTH_JWKS: JWKS, CONVEX_CLOUD_URL: "http://localhost:3110" }, allowed: true, why: "a backend on localhost" },
    { vars: { LOCAL_AUTH_JWKS: JWKS, CONVEX_CLOUD_URL: "http://[::1]:3210" }, allowed: true, why: "a backend on IPv6 loopback" },
    {
      vars: { LOCAL_AUTH_JWKS: JWKS, CONVEX_CLOUD_URL: LOCAL_BACKEND, NODE_ENV: undefined },
      allowed: true,
      why: "the local backend with NODE_ENV unset",
    },
    { vars: { CONVEX_CLOUD_URL: LOCAL_BACKEND }, allowed: false, why: "the local backend without the local JWKS" },
    {
      vars: { LOCAL_AUTH_JWKS: JWKS, CONVEX_CLOUD_URL: LOCAL_BACKEND, CLERK_JWT_ISSUER_DOMAIN: "https://x.clerk.accounts.dev" },
      allowed: false,
      why: "a deployment that trusts Clerk",
    },
    {
      vars: { LOCAL_AUTH_JWKS: JWKS, CONVEX_CLOUD_URL: LOCAL_BACKEND, NODE_ENV: "production" },
      allowed: false,
      why: "a local backend marked as production",
    },
    {
      vars: { LOCAL_AUTH_JWKS: JWKS, CONVEX_CLOUD_URL: "https://happy-otter-123.convex.cloud", NODE_ENV: undefined },
      allowed: false,
      why: "a cloud deployment with NODE_ENV unset",
    },
    {
      vars: { LOCAL_AUTH_JWKS: JWKS, CONVEX_CLOUD_URL: "https://happy-otter-123.convex.cloud", NODE_ENV: "development", LOCAL_AUTH: "1" },
      allowed: false,
      why: "a cloud deployment with NODE_ENV=development and LOCAL_AUTH=1",
    },
    {
      vars: { LOCAL_AUTH_JWKS: JWKS, CONVEX_CLOUD_URL: "https://convex.expertline.example" },
      allowed: false,
      why: "a self-hosted deployment on a public host",
    },
    { vars: { LOCAL_AUTH_JWKS: JWKS, CONVEX_CLOUD_URL: "http://127.0.0.1.evil.example" }, allowed: false, why: "a host that only starts like loopback" },
    { vars: { LOCAL_AUTH_JWKS: JWKS, CONVEX_CLOUD_URL: "http://localhost.evil.example" }, allowed: false, why: "a host that only starts like localhost" },
    { vars: { LOCAL_AUTH_JWKS: JWKS, CONVEX_CLOUD_URL: "not a url" }, allowed: false, why: "a URL that does not parse" },
    { vars: { LOCAL_AUTH_JWKS: JWKS, NODE_ENV: undefined }, allowed: false, why: "a deployment that does not say where it runs, NODE_ENV unset" },
  ])("is $allowed for $why", ({ vars, allowed }) => {
    env(vars);
    expect(config.backendLocalAuthAllowed).toBe(allowed);
  });
});
