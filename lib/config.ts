/**
 * The one module that reads the environment. It says which real services are
 * configured; everything else asks it instead of reading process.env.
 *
 * NEXT_PUBLIC_* values are read with literal property access so Next.js can
 * inline them into browser bundles.
 */
function nonEmpty(value: string | undefined): string | undefined {
  return value !== undefined && value.trim() !== "" ? value.trim() : undefined;
}

export const config = {
  nodeEnv: nonEmpty(process.env.NODE_ENV) ?? "development",
  convexUrl: nonEmpty(process.env.NEXT_PUBLIC_CONVEX_URL),
  convexDeployment: nonEmpty(process.env.CONVEX_DEPLOYMENT),
  clerkPublishableKey: nonEmpty(process.env.NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY),
  clerkSecretKey: nonEmpty(process.env.CLERK_SECRET_KEY),
  clerkIssuerDomain: nonEmpty(process.env.CLERK_JWT_ISSUER_DOMAIN),
  stripeSecretKey: nonEmpty(process.env.STRIPE_SECRET_KEY),
  stripeWebhookSecret: nonEmpty(process.env.STRIPE_WEBHOOK_SECRET),
  streamApiKey: nonEmpty(process.env.NEXT_PUBLIC_STREAM_API_KEY),
  streamApiSecret: nonEmpty(process.env.STREAM_API_SECRET),
  mailTransportUrl: nonEmpty(process.env.MAIL_TRANSPORT_URL),
  adminEmails: (process.env.ADMIN_EMAILS ?? "")
    .split(",")
    .map((e) => e.trim().toLowerCase())
    .filter((e) => e !== ""),
} as const;
