/**
 * Demo data for a fresh local backend (`npm run dev` runs `seed:init` when the
 * data directory is empty). Accounts are local sign-in accounts; with Clerk,
 * make admins through ADMIN_EMAILS instead.
 */
import { v } from "convex/values";
import { config } from "../lib/config";
import { localSubjectFor, tokenIdentifierFor } from "../lib/auth/subject";
import { internalMutation } from "./functions";
import type { MutationCtx } from "./_generated/server";
import * as Advisors from "./model/advisors";
import { writeProfile } from "./model/advisorListings";
import * as Earnings from "./model/earnings";
import * as Payments from "./model/payments";
import * as Chat from "./model/sessionsChat";
import * as Lifecycle from "./model/sessionsLifecycle";
import type { Role } from "./validators";

type DemoAdvisor = Advisors.ProfileFields & { isOnline: boolean; ratingTotal: number; ratingCount: number };

export const DEMO_ACCOUNTS: { name: string; email: string; role: Role; advisor?: DemoAdvisor; walletCents?: number }[] = [
  { name: "Ada Admin", email: "admin@example.com", role: "admin" },
  {
    name: "Maya Chen",
    email: "maya@example.com",
    role: "advisor",
    advisor: {
      headline: "Career coach for engineers stepping into leadership",
      bio: "Ten years leading engineering teams. I help you prepare for promotions, interviews and difficult conversations.",
      specialties: ["Career coaching", "Leadership", "Interviews"],
      chatPricePerMinute: 150,
      videoPricePerMinute: 250,
      isOnline: true,
      ratingTotal: 120,
      ratingCount: 25,
    },
  },
  {
    name: "Omar Haddad",
    email: "omar@example.com",
    role: "advisor",
    advisor: {
      headline: "Chartered accountant: small-business tax and bookkeeping",
      bio: "I answer tax, VAT and bookkeeping questions for freelancers and small companies in plain words.",
      specialties: ["Tax", "Small business", "Bookkeeping"],
      chatPricePerMinute: 300,
      videoPricePerMinute: 450,
      isOnline: true,
      ratingTotal: 87,
      ratingCount: 19,
    },
  },
  {
    name: "Lena Park",
    email: "lena@example.com",
    role: "advisor",
    advisor: {
      headline: "Licensed counsellor for relationships and stress",
      bio: "A calm space to talk through relationships, burnout and big life decisions.",
      specialties: ["Relationships", "Stress", "Wellbeing"],
      chatPricePerMinute: 199,
      videoPricePerMinute: 349,
      isOnline: false,
      ratingTotal: 98,
      ratingCount: 20,
    },
  },
  {
    name: "Sam Rivera",
    email: "sam@example.com",
    role: "advisor",
    advisor: {
      headline: "Full-stack developer: code reviews, architecture, debugging",
      bio: "Stuck on a bug or a design decision? Share your screen and we'll work through it together.",
      specialties: ["Software", "Architecture", "Debugging"],
      chatPricePerMinute: 120,
      videoPricePerMinute: 200,
      isOnline: false,
      ratingTotal: 0,
      ratingCount: 0,
    },
  },
  { name: "Chris Client", email: "chris@example.com", role: "client", walletCents: 5000 },
  { name: "Dana Diaz", email: "dana@example.com", role: "client", walletCents: 2000 },
];

async function createDemoAccounts(ctx: MutationCtx) {
  const issuer = config.localAuth.issuer;
  for (const account of DEMO_ACCOUNTS) {
    const userId = await ctx.db.insert("users", {
      tokenIdentifier: tokenIdentifierFor(issuer, localSubjectFor(account.email)),
      name: account.name,
      email: account.email,
      role: account.role,
    });
    if (account.advisor !== undefined) {
      const { isOnline, ratingTotal, ratingCount, ...fields } = account.advisor;
      const advisorId = await Advisors.activateProfile(ctx, userId, fields);
      await writeProfile(ctx, advisorId, { isOnline, ratingTotal, ratingCount });
    }
    if (account.walletCents !== undefined) {
      await Payments.grantDemoTopUp(ctx, { userId, amount: account.walletCents, n: 1, now: Date.now() });
    }
  }
}

const MINUTE = 60_000;

/**
 * An earnings history for Sam, made by the real session code: three days ago
 * a client chatted with him for 25 minutes at $1.20/min (a message a minute),
 * the session was settled ($30.00 charge, $3.00 fee, $27.00 earning) and its
 * earning released after the pending hours, so his earnings page has figures
 * and $27.00 he can withdraw. The client is not a sign-in demo account.
 */
async function createPastSession(ctx: MutationCtx, now: number) {
  const sam = await ctx.db.query("users").withIndex("by_email", (q) => q.eq("email", "sam@example.com")).unique();
  const advisor = sam && (await ctx.db.query("advisors").withIndex("by_userId", (q) => q.eq("userId", sam._id)).unique());
  if (sam === null || advisor === null) return;
  const start = now - 3 * 24 * 60 * MINUTE;
  const email = "pat.past@example.com";
  const clientId = await ctx.db.insert("users", { tokenIdentifier: tokenIdentifierFor(config.localAuth.issuer, localSubjectFor(email)), name: "Pat Past", email, role: "client" });
  await Payments.grantDemoTopUp(ctx, { userId: clientId, amount: 5000, n: 1, now: start - MINUTE });
  await ctx.db.patch(advisor._id, { isOnline: true });
  const sessionId = await Lifecycle.request(ctx, { client: (await ctx.db.get(clientId))!, advisorId: advisor._id, kind: "chat", now: start });
  await Lifecycle.accept(ctx, (await ctx.db.get(sessionId))!, { role: "advisor", id: sam._id }, start);
  for (let minute = 1; minute <= 25; minute++) {
    await Chat.send(ctx, (await ctx.db.get(sessionId))!, { role: "client", id: clientId }, `Question ${minute}`, start + minute * MINUTE);
  }
  await Lifecycle.end(ctx, (await ctx.db.get(sessionId))!, "client_ended", { role: "client", id: clientId }, start + 25 * MINUTE);
  await Earnings.release(ctx, (await ctx.db.get(sessionId))!, now);
  await ctx.db.patch(advisor._id, { isOnline: false });
}

/** Loads the demo accounts into an empty deployment; does nothing when users exist. */
export const init = internalMutation({
  args: {},
  returns: v.object({
    created: v.boolean(),
    accounts: v.array(v.object({ name: v.string(), email: v.string(), role: v.string() })),
  }),
  handler: async (ctx) => {
    const accounts = DEMO_ACCOUNTS.map(({ name, email, role }) => ({ name, email, role }));
    if ((await ctx.db.query("users").first()) !== null) return { created: false, accounts };
    await createDemoAccounts(ctx);
    await createPastSession(ctx, Date.now());
    return { created: true, accounts };
  },
});
