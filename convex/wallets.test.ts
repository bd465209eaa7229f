import { describe, expect, it } from "vitest";
import { api } from "./_generated/api";
import type { Id } from "./_generated/dataModel";
import * as Ledger from "./model/ledger";
import { fund, makeUser, newTest, type TestConvex } from "./test.factories";

type Caller = ReturnType<TestConvex["withIdentity"]>;

const page = (numItems = 10, cursor: string | null = null) => ({ paginationOpts: { numItems, cursor } });

async function post(t: TestConvex, userId: Id<"users">, type: "add" | "deduct" | "refund", amount: number, at: number) {
  const client = type === "deduct" ? -amount : amount;
  return await t.run((ctx) =>
    Ledger.post(ctx, {
      key: `${type}:${userId}:${at}`,
      type,
      description: `${type} at ${at}`,
      currency: "USD",
      entries: [
        { account: Ledger.clientCash(userId), amount: client },
        { account: type === "add" ? Ledger.EXTERNAL_PAYMENTS : Ledger.PLATFORM_REVENUE, amount: -client },
      ],
      now: at,
    }),
  );
}

describe("wallets.summary", () => {
  it("shows the signed-in client's available, held and promo balance", async () => {
    const t = newTest();
    const cora = await makeUser(t, "client", "cora@example.com");
    await fund(t, cora.userId, 5000);
    await t.run(async (ctx) => {
      await Ledger.post(ctx, {
        key: "promo:1",
        type: "adjustment",
        description: "Promo",
        currency: "USD",
        entries: [
          { account: Ledger.PLATFORM_REVENUE, amount: -700 },
          { account: Ledger.clientPromo(cora.userId), amount: 700 },
        ],
        now: 1,
      });
      await Ledger.createHold(ctx, { key: "h1", ownerId: cora.userId, currency: "USD", amount: 1200, description: "Booking", now: 1 });
    });
    expect(await cora.as.query(api.wallets.summary, {})).toEqual({
      currency: "USD",
      cash: 5000,
      promo: 700,
      posted: 5700,
      held: 1200,
      available: 4500,
    });
    expect(await cora.as.query(api.wallets.holds, {})).toMatchObject([{ amount: 1200, description: "Booking" }]);
  });

  it("never shows another client's money", async () => {
    const t = newTest();
    const cora = await makeUser(t, "client", "cora@example.com");
    const dan = await makeUser(t, "client", "dan@example.com");
    await fund(t, cora.userId, 5000);
    await t.run((ctx) => Ledger.createHold(ctx, { key: "h1", ownerId: cora.userId, currency: "USD", amount: 100, description: "x", now: 1 }));
    expect(await dan.as.query(api.wallets.summary, {})).toMatchObject({ posted: 0, held: 0, available: 0 });
    expect(await dan.as.query(api.wallets.holds, {})).toEqual([]);
    expect((await dan.as.query(api.wallets.history, page())).page).toEqual([]);
  });

  it.each([
    ["summary", (as: Caller) => as.query(api.wallets.summary, {})],
    ["history", (as: Caller) => as.query(api.wallets.history, page())],
    ["holds", (as: Caller) => as.query(api.wallets.holds, {})],
    ["topUpOptions", (as: Caller) => as.query(api.wallets.topUpOptions, {})],
  ])("%s refuses visitors, advisors and admins", async (_name, call) => {
    const t = newTest();
    await expect(call(t)).rejects.toMatchObject({ data: { code: "UNAUTHENTICATED" } });
    for (const role of ["advisor", "admin"] as const) {
      const user = await makeUser(t, role, `${role}-user@example.com`);
      await expect(call(user.as)).rejects.toMatchObject({ data: { code: "FORBIDDEN" } });
    }
  });
});

describe("wallets.topUpOptions", () => {
  it("offers the presets and limits of platformSettings", async () => {
    const t = newTest();
    const cora = await makeUser(t, "client", "cora@example.com");
    expect(await cora.as.query(api.wallets.topUpOptions, {})).toEqual({
      currency: "USD",
      presets: [1000, 2500, 5000, 10000],
      min: 500,
      max: 100000,
      provider: "test",
    });
    await t.run((ctx) => ctx.db.insert("platformSettings", { topUpPresets: [2000, 4000], updatedAt: 1 }));
    expect(await cora.as.query(api.wallets.topUpOptions, {})).toMatchObject({ presets: [2000, 4000], min: 500 });
  });
});

describe("wallets.history", () => {
  async function withHistory() {
    const t = newTest();
    const cora = await makeUser(t, "client", "cora@example.com");
    const dan = await makeUser(t, "client", "dan@example.com");
    await post(t, cora.userId, "add", 5000, 1000);
    await post(t, cora.userId, "deduct", 300, 2000);
    await post(t, cora.userId, "refund", 100, 3000);
    await post(t, cora.userId, "deduct", 200, 4000);
    await post(t, cora.userId, "add", 1000, 5000);
    await post(t, dan.userId, "add", 777, 2500);
    return { t, cora, dan };
  }

  it("lists the client's own entries, newest first, with signed amounts", async () => {
    const { cora } = await withHistory();
    const { page: rows, isDone } = await cora.as.query(api.wallets.history, page());
    expect(isDone).toBe(true);
    expect(rows.map((r) => [r.at, r.type, r.amount])).toEqual([
      [5000, "add", 1000],
      [4000, "deduct", -200],
      [3000, "refund", 100],
      [2000, "deduct", -300],
      [1000, "add", 5000],
    ]);
  });

  it("filters by type and by an inclusive date range", async () => {
    const { cora } = await withHistory();
    const deducts = await cora.as.query(api.wallets.history, { ...page(), type: "deduct" });
    expect(deducts.page.map((r) => r.at)).toEqual([4000, 2000]);
    const range = await cora.as.query(api.wallets.history, { ...page(), from: 2000, to: 4000 });
    expect(range.page.map((r) => r.at)).toEqual([4000, 3000, 2000]);
    const both = await cora.as.query(api.wallets.history, { ...page(), type: "add", from: 2000 });
    expect(both.page.map((r) => r.at)).toEqual([5000]);
  });

  it("pages through the history without gaps or repeats", async () => {
    const { cora } = await withHistory();
    const seen: number[] = [];
    let cursor: string | null = null;
    for (;;) {
      const result: { page: { at: number }[]; isDone: boolean; continueCursor: string } = await cora.as.query(
        api.wallets.history,
        page(2, cursor),
      );
      seen.push(...result.page.map((r) => r.at));
      if (result.isDone) break;
      cursor = result.continueCursor;
    }
    expect(seen).toEqual([5000, 4000, 3000, 2000, 1000]);
  });

  it("refuses a range that ends before it starts", async () => {
    const { cora } = await withHistory();
    await expect(cora.as.query(api.wallets.history, { ...page(), from: 5, to: 4 })).rejects.toMatchObject({
      data: { code: "INVALID_ARGUMENT" },
    });
  });

  it("has no argument that could name another client", async () => {
    const { cora, dan } = await withHistory();
    await expect(
      dan.as.query(api.wallets.history, { ...page(), userId: cora.userId } as never),
    ).rejects.toThrow(/userId/);
    expect((await dan.as.query(api.wallets.history, page())).page.map((r) => r.amount)).toEqual([777]);
  });
});
