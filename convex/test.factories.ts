/** Test factories for convex-test (two dots in the name: Convex never deploys this file). */
import { convexTest } from "convex-test";
import schema from "./schema";
import type { Id } from "./_generated/dataModel";
import type { Role } from "./validators";
import * as Advisors from "./model/advisors";

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
