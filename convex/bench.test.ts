import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { internal } from "./_generated/api";
import * as Bench from "./bench";
import { elapse, T0, useFakeClock } from "./sessions.fixtures";
import { makeUser, newTest } from "./test.factories";

beforeEach(useFakeClock);
afterEach(() => vi.useRealTimers());

const seedArgs = { batch: 0, count: 3, rateCentsPerMinute: 120, balanceCents: 10_000 };

describe("bench load functions", () => {
  it("are all internal, so no client can call them", () => {
    const registered = [Bench.seedSessions, Bench.startBilling, Bench.probe] as unknown as { isInternal?: boolean; isPublic?: boolean }[];
    for (const fn of registered) {
      expect(fn.isInternal).toBe(true);
      expect(fn.isPublic).not.toBe(true);
    }
  });

  it("seeds paused sessions that the real clock bills every second once started", async () => {
    const t = newTest();
    const ids = await t.mutation(internal.bench.seedSessions, seedArgs);
    expect(ids).toHaveLength(3);
    const before = await t.query(internal.bench.probe, { sessionIds: ids });
    expect(before.sessions.map((s) => s.status)).toEqual(["paused", "paused", "paused"]);

    await expect(t.mutation(internal.bench.startBilling, {})).resolves.toEqual({ startedAt: T0, sessions: 3 });
    await elapse(t, 3000);
    const after = await t.query(internal.bench.probe, { sessionIds: ids });
    expect(after.lastPassSessions).toBe(3);
    expect(after.sessions).toEqual(
      ids.map(() => ({ status: "active", billedSeconds: 3, chargeCents: 6, rateCentsPerMinute: 120, syncedAt: T0 + 3000, heldCents: 6 })),
    );
  });

  it("refuses to seed or start on a deployment with real users", async () => {
    const t = newTest();
    await makeUser(t, "client");
    await expect(t.mutation(internal.bench.seedSessions, seedArgs)).rejects.toMatchObject({ data: { code: "CONFLICT" } });
    await expect(t.mutation(internal.bench.startBilling, {})).rejects.toMatchObject({ data: { code: "CONFLICT" } });
  });

  it("refuses batches larger than one small transaction", async () => {
    const t = newTest();
    await expect(
      t.mutation(internal.bench.seedSessions, { ...seedArgs, count: Bench.MAX_SEED_BATCH + 1 }),
    ).rejects.toMatchObject({ data: { code: "INVALID_ARGUMENT" } });
  });
});
