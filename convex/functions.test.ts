/**
 * The role builders, tested directly: a probe module registers one function
 * per builder, and each is called anonymously, by a signed-in identity with no
 * user row, and by every role.
 */
import { makeFunctionReference } from "convex/server";
import { v } from "convex/values";
import { describe, expect, it } from "vitest";
import * as F from "./functions";
import { identityFor, makeUser, newTest } from "./test.factories";
import type { Role } from "./validators";

const echo = { args: {}, returns: v.string(), handler: async (ctx: { user: { role: string } }) => ctx.user.role };

const probes = {
  userQuery: F.userQuery(echo),
  userMutation: F.userMutation(echo),
  clientQuery: F.clientQuery(echo),
  clientMutation: F.clientMutation(echo),
  advisorQuery: F.advisorQuery(echo),
  advisorMutation: F.advisorMutation(echo),
  adminQuery: F.adminQuery(echo),
  adminMutation: F.adminMutation(echo),
};
type ProbeName = keyof typeof probes;

const allowed: Record<ProbeName, Role[]> = {
  userQuery: ["client", "advisor", "admin"],
  userMutation: ["client", "advisor", "admin"],
  clientQuery: ["client"],
  clientMutation: ["client"],
  advisorQuery: ["advisor"],
  advisorMutation: ["advisor"],
  adminQuery: ["admin"],
  adminMutation: ["admin"],
};

const probeModule = { "./roleProbe.ts": async () => probes };
const roles: Role[] = ["client", "advisor", "admin"];

function call(accessor: ReturnType<typeof newTest> | Awaited<ReturnType<typeof makeUser>>["as"], name: ProbeName) {
  if (name.endsWith("Query")) return accessor.query(makeFunctionReference<"query">(`roleProbe:${name}`), {});
  return accessor.mutation(makeFunctionReference<"mutation">(`roleProbe:${name}`), {});
}

describe("functions role builders", () => {
  const names = Object.keys(probes) as ProbeName[];

  it.each(names)("%s refuses anonymous callers with UNAUTHENTICATED", async (name) => {
    const t = newTest(probeModule);
    await expect(call(t, name)).rejects.toMatchObject({ data: { code: "UNAUTHENTICATED" } });
  });

  it.each(names)("%s refuses a signed-in identity that has no user row yet", async (name) => {
    const t = newTest(probeModule);
    await expect(call(t.withIdentity(identityFor("new@example.com")), name)).rejects.toMatchObject({
      data: { code: "UNAUTHENTICATED" },
    });
  });

  const cases = names.flatMap((name) => roles.map((role) => ({ name, role, ok: allowed[name].includes(role) })));

  it.each(cases.filter((c) => !c.ok))("$name refuses a $role with FORBIDDEN", async ({ name, role }) => {
    const t = newTest(probeModule);
    const user = await makeUser(t, role);
    await expect(call(user.as, name)).rejects.toMatchObject({ data: { code: "FORBIDDEN" } });
  });

  it.each(cases.filter((c) => c.ok))("$name lets a $role in with ctx.user set", async ({ name, role }) => {
    const t = newTest(probeModule);
    const user = await makeUser(t, role);
    await expect(call(user.as, name)).resolves.toBe(role);
  });

  it("publicQuery gives visitors ctx.user = null", async () => {
    const t = newTest();
    await expect(t.query(makeFunctionReference<"query">("users:current"), {})).resolves.toBeNull();
  });
});
