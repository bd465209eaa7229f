import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Id } from "./_generated/dataModel";
import type { MutationCtx } from "./_generated/server";
import { catchUp } from "./model/sessionsLifecycle";
import { getSettings } from "./model/settings";
import { elapse, sessionDoc, setup, startSession, useFakeClock } from "./sessions.fixtures";
import type { TestConvex } from "./test.factories";
import { wallet } from "./test.factories";

beforeEach(useFakeClock);
afterEach(() => vi.useRealTimers());

const READS = new Set<PropertyKey>(["get", "query"]);
const WRITES = new Set<PropertyKey>(["insert", "patch", "replace", "delete"]);

/** A ctx whose database counts the documents and queries it is asked for, and its writes. */
function counting(ctx: MutationCtx) {
  const counts = { reads: 0, writes: 0 };
  const db = new Proxy(ctx.db, {
    get(target, prop) {
      const value: unknown = Reflect.get(target, prop);
      if (typeof value !== "function") return value;
      return (...args: unknown[]) => {
        if (READS.has(prop)) counts.reads++;
        if (WRITES.has(prop)) counts.writes++;
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { ctx: { ...ctx, db } as MutationCtx, counts };
}

/** What one clock tick costs one running session at `now`, with the batch's settings read beforehand. */
async function tickCost(t: TestConvex, sessionId: Id<"sessions">, now: number) {
  return await t.run(async (ctx) => {
    const settings = await getSettings(ctx);
    const session = (await ctx.db.get(sessionId))!;
    const { ctx: counted, counts } = counting(ctx);
    await catchUp(counted, session, now, settings);
    return counts;
  });
}

describe("billing clock: work per session per tick", () => {
  it("reads the wallet (one index range) and the hold once, and writes account, hold and session once, when the charge grows", async () => {
    const s = await setup({ balance: 100_000, chatRate: 60 });
    const sessionId = await startSession(s, "chat");
    await elapse(s.t, 3000);
    expect(await sessionDoc(s.t, sessionId)).toMatchObject({ billedSeconds: 3, chargeCents: 3 });

    const cost = await tickCost(s.t, sessionId, Date.now() + 1000);
    expect(cost).toEqual({ reads: 2, writes: 3 });
    expect(await sessionDoc(s.t, sessionId)).toMatchObject({ billedSeconds: 4, chargeCents: 4, availableCents: 100_000 - 4 });
    await expect(wallet(s.t, s.client.userId)).resolves.toMatchObject({ held: 4, available: 100_000 - 4 });
  });

  it("writes only the session's meter in a second that does not change the charge", async () => {
    const s = await setup({ balance: 100_000, chatRate: 10 });
    const sessionId = await startSession(s, "chat");
    await elapse(s.t, 6000);
    expect(await sessionDoc(s.t, sessionId)).toMatchObject({ billedSeconds: 6, chargeCents: 1 });

    const cost = await tickCost(s.t, sessionId, Date.now() + 1000);
    expect(cost).toEqual({ reads: 2, writes: 1 });
  });

  it("changes nothing when the same second is ticked again", async () => {
    const s = await setup({ balance: 100_000, chatRate: 60 });
    const sessionId = await startSession(s, "chat");
    await elapse(s.t, 3000);
    const before = await sessionDoc(s.t, sessionId);

    const cost = await tickCost(s.t, sessionId, Date.now());
    expect(cost.writes).toBe(0);
    expect(await sessionDoc(s.t, sessionId)).toEqual(before);
  });
});
