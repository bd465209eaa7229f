/**
 * The one module that reads the environment. It says which real services are
 * configured; everything else asks it instead of reading process.env.
 *
 * Values are getters, read when asked: the local backend and tests set
 * deployment variables after this module has been imported.
 * NEXT_PUBLIC_* values are read with literal property access so Next.js can
 * inline them into browser bundles.
 */
function nonEmpty(value: string | undefined): string | undefined {
  return value !== undefined && value.trim() !== "" ? value.trim() : undefined;
}

function isOn(value: string | undefined): boolean {
  return ["1", "true", "yes"].includes((value ?? "").trim().toLowerCase());
}

/** Issuer of local sign-in tokens when LOCAL_AUTH_ISSUER is not set. `.localhost` never resolves publicly. */
export const DEFAULT_LOCAL_AUTH_ISSUER = "https://auth.expertline.localhost";
/** `aud` of local sign-in tokens, checked by convex/auth.config.ts. */
export const LOCAL_AUTH_AUDIENCE = "expertline";

export const config = {
  get nodeEnv(): string {
    return nonEmpty(process.env.NODE_ENV) ?? "development";
  },
  get isProduction(): boolean {
    return this.nodeEnv === "production";
  },
  get convexUrl(): string | undefined {
    return nonEmpty(process.env.NEXT_PUBLIC_CONVEX_URL);
  },
  get convexDeployment(): string | undefined {
    return nonEmpty(process.env.CONVEX_DEPLOYMENT);
  },
  get clerkPublishableKey(): string | undefined {
    return nonEmpty(process.env.NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY);
  },
  get clerkSecretKey(): string | undefined {
    return nonEmpty(process.env.CLERK_SECRET_KEY);
  },
  /** Clerk's Frontend API URL, set on the Convex deployment so auth.config.ts trusts Clerk. */
  get clerkIssuerDomain(): string | undefined {
    return nonEmpty(process.env.CLERK_JWT_ISSUER_DOMAIN);
  },
  get stripeSecretKey(): string | undefined {
    return nonEmpty(process.env.STRIPE_SECRET_KEY);
  },
  /**
   * Where the Stripe SDK sends API calls, when not Stripe itself: e.g.
   * stripe-mock, or the backend tests' recording server. Unset in production.
   */
  get stripeApiBase(): URL | undefined {
    const value = nonEmpty(process.env.STRIPE_API_BASE);
    return value === undefined ? undefined : new URL(value);
  },
  get stripeWebhookSecret(): string | undefined {
    return nonEmpty(process.env.STRIPE_WEBHOOK_SECRET);
  },
  /** URL of the deployment's HTTP actions; Convex (and the local backend) set it for functions. */
  get convexSiteUrl(): string | undefined {
    return nonEmpty(process.env.CONVEX_SITE_URL);
  },
  get streamApiKey(): string | undefined {
    return nonEmpty(process.env.NEXT_PUBLIC_STREAM_API_KEY);
  },
  get streamApiSecret(): string | undefined {
    return nonEmpty(process.env.STREAM_API_SECRET);
  },
  get mailTransportUrl(): string | undefined {
    return nonEmpty(process.env.MAIL_TRANSPORT_URL);
  },
  get adminEmails(): string[] {
    return (process.env.ADMIN_EMAILS ?? "")
      .split(",")
      .map((e) => e.trim().toLowerCase())
      .filter((e) => e !== "");
  },
  /** Public URL of this app (used in links and redirects); defaults to the dev server. */
  get appUrl(): string {
    return nonEmpty(process.env.APP_URL) ?? "http://localhost:3000";
  },

  /** The end-to-end build skips Next's own type check: CI typechecks the whole repo as a separate step. */
  get nextSkipTypecheck(): boolean {
    return isOn(process.env.NEXT_SKIP_TYPECHECK);
  },
  /** E2E_SKIP_BUILD=1: the end-to-end server reuses its last production build. */
  get e2eSkipBuild(): boolean {
    return isOn(process.env.E2E_SKIP_BUILD);
  },
  /** Ports for `npm run dev` (Next.js, local backend; HTTP actions use the backend port + 1). */
  get devPorts(): { next: number; backend: number } {
    return {
      next: Number(nonEmpty(process.env.PORT) ?? 3000),
      backend: Number(nonEmpty(process.env.CONVEX_LOCAL_PORT) ?? 3210),
    };
  },

  /** Which real services are connected. Anything false runs its built-in local stand-in. */
  get services(): { convex: boolean; clerk: boolean; stripe: boolean; stream: boolean; mail: boolean } {
    return {
      convex: this.convexDeployment !== undefined,
      clerk: this.clerkPublishableKey !== undefined && this.clerkSecretKey !== undefined,
      stripe: this.stripeSecretKey !== undefined,
      stream: this.streamApiKey !== undefined && this.streamApiSecret !== undefined,
      mail: this.mailTransportUrl !== undefined,
    };
  },

  /**
   * A build made for the end-to-end tests: `next build` ran with
   * EXPERTLINE_TEST_BUILD=1 (scripts/e2e-server.ts). Inside the app this is the
   * value next.config.ts inlined when the build was made (`buildTimeEnv`), so
   * setting the variable for `next start` changes nothing.
   */
  get testBuild(): boolean {
    return isOn(process.env.EXPERTLINE_TEST_BUILD);
  },
  /**
   * Values next.config.ts hands to Next's `env`, which replaces them in the
   * compiled app with what they were at build time. Every key is always
   * present (empty when off): a key left out would be read at run time.
   */
  get buildTimeEnv(): Record<string, string> {
    return { EXPERTLINE_TEST_BUILD: this.testBuild ? "1" : "" };
  },

  /**
   * Local sign-in (pick or create a user, RS256 tokens from a key made on
   * first run) replaces Clerk only when Clerk is not configured, and only
   * outside production or in a test build. No run-time variable turns it on
   * in a production build (NODE_ENV and the test-build flag are inlined by
   * `next build`).
   */
  get localAuthAllowed(): boolean {
    return !this.services.clerk && (!this.isProduction || this.testBuild);
  },
  get localAuth(): {
    issuer: string;
    audience: string;
    /** Private signing key as a JWK JSON string (Next.js server only). */
    privateJwk: string | undefined;
    /** Public JWKS as a JSON string (Convex deployment env; auth.config.ts). */
    jwks: string | undefined;
  } {
    return {
      issuer: nonEmpty(process.env.LOCAL_AUTH_ISSUER) ?? DEFAULT_LOCAL_AUTH_ISSUER,
      audience: LOCAL_AUTH_AUDIENCE,
      privateJwk: nonEmpty(process.env.LOCAL_AUTH_PRIVATE_JWK),
      jwks: nonEmpty(process.env.LOCAL_AUTH_JWKS),
    };
  },
  /**
   * Whether the backend running these functions is one on this machine (the
   * local backend of `npm run dev` and the e2e server): its own URL,
   * CONVEX_CLOUD_URL, which Convex sets on every deployment, is a loopback
   * address. Unset or unparsable counts as not local.
   */
  get backendIsLocal(): boolean {
    const url = nonEmpty(process.env.CONVEX_CLOUD_URL);
    let parsed: URL;
    try {
      parsed = new URL(url ?? "");
    } catch {
      return false;
    }
    const host = parsed.hostname;
    if (parsed.protocol !== "http:" && parsed.protocol !== "https:") return false;
    return host === "localhost" || host.endsWith(".localhost") || host === "[::1]" || /^127\.\d+\.\d+\.\d+$/.test(host);
  },
  /**
   * The backend's view: the deployment trusts local tokens only when it has
   * the local JWKS, does not trust Clerk, runs on this machine (never a Convex
   * cloud deployment, whose URL is public) and is not marked as production.
   * NODE_ENV is not what decides (a deployment need not set it), and a
   * missing variable never makes this permissive.
   */
  get backendLocalAuthAllowed(): boolean {
    return this.localAuth.jwks !== undefined && this.clerkIssuerDomain === undefined && this.backendIsLocal && !this.isProduction;
  },
};
