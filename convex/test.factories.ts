/** Test factories for convex-test (two dots in the name: Convex never deploys this file). */
import { convexTest } from "convex-test";
import schema from "./schema";
import type { Id } from "./_generated/dataModel";
import type { Role } from "./validators";
import * as Advisors from "./model/advisors";
import * as Ledger from "./model/ledger";

export const modules = import.meta.glob("./**/*.ts");

export const TEST_ISSUER = "https://auth.test.localhost";

export function newTest(extraModules: Record<string, () => Promise<unknown>> = {}) {
  return convexTest(schema, { ...modules, ...extraModules });
}

export type TestConvex = ReturnType<typeof newTest>;

export function identityFor(email: string, name = email.split("@")[0]) {
  return { subject: `local:${email}`, issuer: TEST_ISSUER, tokenIdentifier: `${TEST_ISSUER}|local:${email}`, email, name };
}

/** Inserts a user of `role` (with an approved advisor profile for advisors) and returns an authenticated accessor. */
export async function makeUser(t: TestConvex, role: Role, email = `${role}-${crypto.randomUUID().slice(0, 8)}@example.com`) {
  const identity = identityFor(email);
  const userId: Id<"users"> = await t.run(async (ctx) => {
    const id = await ctx.db.insert("users", { tokenIdentifier: identity.tokenIdentifier, name: identity.name, email, role });
    if (role === "advisor") await Advisors.activateProfile(ctx, id);
    return id;
  });
  return { userId, identity, as: t.withIdentity(identity) };
}

/** Puts `amount` of cash in a client's wallet through the ledger, as a paid top-up would. */
export async function fund(t: TestConvex, ownerId: Id<"users">, amount: number, opts: { key?: string; now?: number } = {}) {
  return await t.run((ctx) =>
    Ledger.post(ctx, {
      key: opts.key ?? `test:fund:${ownerId}:${crypto.randomUUID()}`,
      type: "add",
      description: "Top-up",
      currency: "USD",
      entries: [
        { account: Ledger.EXTERNAL_PAYMENTS, amount: -amount },
        { account: Ledger.clientCash(ownerId), amount },
      ],
      now: opts.now ?? Date.now(),
    }),
  );
}

/** A client's wallet: cash, promo, held and available. */
export async function wallet(t: TestConvex, ownerId: Id<"users">) {
  return await t.run((ctx) => Ledger.walletBalance(ctx, ownerId, "USD"));
}

/** Puts `amount` in an advisor's available earnings directly (for tests of what comes after the release). */
export async function availableEarnings(t: TestConvex, advisorUserId: Id<"users">, amount: number) {
  return await t.run((ctx) =>
    Ledger.post(ctx, {
      key: `test:released:${advisorUserId}:${crypto.randomUUID()}`,
      type: "earning",
      description: "Released earnings",
      currency: "USD",
      entries: [
        { account: Ledger.PLATFORM_REVENUE, amount: -amount },
        { account: Ledger.advisorAvailable(advisorUserId), amount },
      ],
      now: Date.now(),
    }),
  );
}
