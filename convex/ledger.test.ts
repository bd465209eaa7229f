/// <reference types="vite/client" />
import fc from "fast-check";
import { describe, expect, it, vi } from "vitest";
import type { Id } from "./_generated/dataModel";
import * as Ledger from "./model/ledger";
import { AuditRun } from "./model/ledger";
import { auditLedger } from "./ledger.testkit";
import { fund, makeUser, newTest, type TestConvex } from "./test.factories";
import { api } from "./_generated/api";

const NOW = 1_700_000_000_000;

const setup = newTest;
type T = TestConvex;
/** A visitor (`t`) or a signed-in accessor (`t.withIdentity(…)`). */
type Caller = ReturnType<T["withIdentity"]>;

async function userId(t: T, name: string, role: "client" | "advisor" | "admin" = "client"): Promise<Id<"users">> {
  return (await makeUser(t, role, `${name}@example.com`)).userId;
}

/** Everything the ledger stores, to prove a refused call changed nothing. */
async function snapshot(t: T) {
  return await t.run(async (ctx) => ({
    accounts: await ctx.db.query("ledgerAccounts").collect(),
    transactions: await ctx.db.query("ledgerTransactions").collect(),
    entries: await ctx.db.query("ledgerEntries").collect(),
    holds: await ctx.db.query("ledgerHolds").collect(),
  }));
}

describe("Ledger.post", () => {
  it("credits a wallet and keeps the books balanced", async () => {
    const t = setup();
    const alice = await userId(t, "alice");
    const result = await fund(t, alice, 2500, { key: "k1", now: NOW });
    expect(result.duplicate).toBe(false);
    const balance = await t.run((ctx) => Ledger.walletBalance(ctx, alice, "USD"));
    expect(balance).toEqual({ currency: "USD", cash: 2500, promo: 0, posted: 2500, held: 0, available: 2500 });
    const report = await t.run((ctx) => auditLedger(ctx));
    expect(report).toMatchObject({ ok: true, accounts: 2, transactions: 1, entries: 2, totals: [{ currency: "USD", total: 0 }] });
  });

  it("returns the first transaction for a repeated key and changes nothing", async () => {
    const t = setup();
    const alice = await userId(t, "alice");
    const first = await fund(t, alice, 2500, { key: "same-key", now: NOW });
    const before = await snapshot(t);
    const second = await fund(t, alice, 9999, { key: "same-key", now: NOW });
    expect(second).toEqual({ transactionId: first.transactionId, duplicate: true });
    expect(await snapshot(t)).toEqual(before);
  });

  it.each([
    ["unbalanced entries", [{ kind: "external_payments", amount: -100 }, { kind: "client_cash", amount: 99 }], "INVALID_ARGUMENT"],
    ["a single entry", [{ kind: "client_cash", amount: 100 }], "INVALID_ARGUMENT"],
    ["a zero entry", [{ kind: "external_payments", amount: 0 }, { kind: "client_cash", amount: 0 }], "INVALID_ARGUMENT"],
    ["fractional cents", [{ kind: "external_payments", amount: -0.5 }, { kind: "client_cash", amount: 0.5 }], "INVALID_ARGUMENT"],
    ["an overdraft", [{ kind: "client_cash", amount: -3001 }, { kind: "platform_revenue", amount: 3001 }], "INSUFFICIENT_FUNDS"],
    ["a promo overdraft", [{ kind: "client_promo", amount: -1 }, { kind: "platform_revenue", amount: 1 }], "INSUFFICIENT_FUNDS"],
  ] as const)("refuses %s and changes nothing, even when the caller catches", async (_name, entries, code) => {
    const t = setup();
    const alice = await userId(t, "alice");
    await fund(t, alice, 3000, { now: NOW });
    const before = await snapshot(t);
    const error = await t.run(async (ctx) => {
      try {
        await Ledger.post(ctx, {
          key: "bad",
          type: "adjustment",
          description: "Bad",
          currency: "USD",
          entries: entries.map(({ kind, amount }) => ({
            account: kind.startsWith("client") ? { kind, ownerId: alice } : { kind },
            amount,
          })),
          now: NOW,
        });
        return null;
      } catch (e) {
        return (e as { data?: unknown }).data;
      }
    });
    expect(error).toMatchObject({ code });
    expect(await snapshot(t)).toEqual(before);
  });

  it("refuses a system account with an owner and a user account without one", async () => {
    const t = setup();
    const alice = await userId(t, "alice");
    const attempt = (entries: Ledger.EntryInput[]) =>
      t.run((ctx) => Ledger.post(ctx, { key: "x", type: "add", description: "x", currency: "USD", entries, now: NOW }));
    await expect(
      attempt([
        { account: { kind: "external_payments", ownerId: alice }, amount: -1 },
        { account: Ledger.clientCash(alice), amount: 1 },
      ]),
    ).rejects.toMatchObject({ data: { code: "INVALID_ARGUMENT" } });
    await expect(
      attempt([
        { account: Ledger.EXTERNAL_PAYMENTS, amount: -1 },
        { account: { kind: "client_cash" }, amount: 1 },
      ]),
    ).rejects.toMatchObject({ data: { code: "INVALID_ARGUMENT" } });
  });

  it("does not let a direct debit spend money that is held", async () => {
    const t = setup();
    const alice = await userId(t, "alice");
    await fund(t, alice, 1000, { now: NOW });
    await t.run((ctx) => Ledger.createHold(ctx, { key: "h", ownerId: alice, currency: "USD", amount: 800, description: "Booking", now: NOW }));
    const spend = (amount: number) =>
      t.run((ctx) =>
        Ledger.post(ctx, {
          key: `spend:${amount}`,
          type: "deduct",
          description: "Spend",
          currency: "USD",
          entries: [
            { account: Ledger.clientCash(alice), amount: -amount },
            { account: Ledger.PLATFORM_REVENUE, amount },
          ],
          now: NOW,
        }),
      );
    await expect(spend(201)).rejects.toMatchObject({ data: { code: "INSUFFICIENT_FUNDS" } });
    await expect(spend(200)).resolves.toMatchObject({ duplicate: false });
  });

  it("labels a client's charge as deduct and the advisor's share as earning", async () => {
    const t = setup();
    const alice = await userId(t, "alice");
    const bob = await userId(t, "bob", "advisor");
    await fund(t, alice, 1000, { now: NOW });
    const { transactionId } = await t.run((ctx) =>
      Ledger.post(ctx, {
        key: "session:1:settle",
        type: "deduct",
        description: "Chat with Bob",
        currency: "USD",
        entries: [
          { account: Ledger.clientCash(alice), amount: -500 },
          { account: Ledger.advisorPending(bob), amount: 450 },
          { account: Ledger.PLATFORM_REVENUE, amount: 50 },
        ],
        now: NOW,
      }),
    );
    const entries = await t.run((ctx) =>
      ctx.db.query("ledgerEntries").withIndex("by_transactionId", (q) => q.eq("transactionId", transactionId)).collect(),
    );
    expect(entries.map((e) => [e.accountKind, e.historyType])).toEqual([
      ["client_cash", "deduct"],
      ["advisor_pending", "earning"],
      ["platform_revenue", "deduct"],
    ]);
  });
});

describe("Ledger.reverse", () => {
  it("posts the exact opposite once and refuses a second reversal", async () => {
    const t = setup();
    const alice = await userId(t, "alice");
    const { transactionId } = await fund(t, alice, 1500, { now: NOW });
    const reversal = await t.run((ctx) => Ledger.reverse(ctx, { transactionId, key: "rev:1", description: "Mistake", now: NOW }));
    expect(reversal.duplicate).toBe(false);
    expect((await t.run((ctx) => Ledger.walletBalance(ctx, alice, "USD"))).cash).toBe(0);
    const original = await t.run((ctx) => ctx.db.get(transactionId));
    expect(original?.amount).toBe(1500);
    await expect(
      t.run((ctx) => Ledger.reverse(ctx, { transactionId, key: "rev:2", description: "Again", now: NOW })),
    ).rejects.toMatchObject({ data: { code: "CONFLICT" } });
    expect(await t.run((ctx) => auditLedger(ctx))).toMatchObject({ ok: true });
  });

  it("refuses to reverse a top-up the client has already spent", async () => {
    const t = setup();
    const alice = await userId(t, "alice");
    const { transactionId } = await fund(t, alice, 1500, { now: NOW });
    await t.run((ctx) => Ledger.createHold(ctx, { key: "h", ownerId: alice, currency: "USD", amount: 1000, description: "x", now: NOW }));
    await expect(
      t.run((ctx) => Ledger.reverse(ctx, { transactionId, key: "rev", description: "Chargeback", now: NOW })),
    ).rejects.toMatchObject({ data: { code: "INSUFFICIENT_FUNDS" } });
  });
});

describe("Ledger holds", () => {
  it("captures promo before cash, in part, then releases the rest", async () => {
    const t = setup();
    const alice = await userId(t, "alice");
    const bob = await userId(t, "bob", "advisor");
    await fund(t, alice, 1000, { now: NOW });
    await t.run((ctx) =>
      Ledger.post(ctx, {
        key: "promo",
        type: "adjustment",
        description: "Welcome credit",
        currency: "USD",
        entries: [
          { account: Ledger.PLATFORM_REVENUE, amount: -300 },
          { account: Ledger.clientPromo(alice), amount: 300 },
        ],
        now: NOW,
      }),
    );
    const { holdId } = await t.run((ctx) =>
      Ledger.createHold(ctx, { key: "booking:1:hold", ownerId: alice, currency: "USD", amount: 1200, description: "Booking", now: NOW }),
    );
    expect(await t.run((ctx) => Ledger.walletBalance(ctx, alice, "USD"))).toMatchObject({ posted: 1300, held: 1200, available: 100 });

    await t.run((ctx) =>
      Ledger.captureHold(ctx, {
        holdId,
        amount: 500,
        key: "booking:1:capture",
        type: "deduct",
        description: "No-show fee",
        credits: [
          { account: Ledger.advisorPending(bob), amount: 450 },
          { account: Ledger.PLATFORM_REVENUE, amount: 50 },
        ],
        now: NOW,
      }),
    );
    expect(await t.run((ctx) => Ledger.walletBalance(ctx, alice, "USD"))).toEqual({
      currency: "USD",
      promo: 0,
      cash: 800,
      posted: 800,
      held: 700,
      available: 100,
    });
    await t.run((ctx) => Ledger.releaseHold(ctx, { holdId, now: NOW }));
    expect(await t.run((ctx) => Ledger.walletBalance(ctx, alice, "USD"))).toMatchObject({ held: 0, available: 800 });
    const hold = await t.run((ctx) => ctx.db.get(holdId));
    expect(hold).toMatchObject({ status: "captured", amount: 0, capturedAmount: 500, originalAmount: 1200 });
    expect(await t.run((ctx) => auditLedger(ctx))).toMatchObject({ ok: true, problems: [] });
  });

  it("refuses a hold larger than the available balance", async () => {
    const t = setup();
    const alice = await userId(t, "alice");
    await fund(t, alice, 1000, { now: NOW });
    const before = await snapshot(t);
    await expect(
      t.run((ctx) => Ledger.createHold(ctx, { key: "h", ownerId: alice, currency: "USD", amount: 1001, description: "x", now: NOW })),
    ).rejects.toMatchObject({ data: { code: "INSUFFICIENT_FUNDS" } });
    expect(await snapshot(t)).toEqual(before);
  });

  it("grows a hold only as far as the balance allows", async () => {
    const t = setup();
    const alice = await userId(t, "alice");
    await fund(t, alice, 1000, { now: NOW });
    const { holdId } = await t.run((ctx) =>
      Ledger.createHold(ctx, { key: "session:1:hold", ownerId: alice, currency: "USD", amount: 100, description: "Live", now: NOW }),
    );
    await t.run((ctx) => Ledger.resizeHold(ctx, { holdId, amount: 1000, now: NOW }));
    await expect(t.run((ctx) => Ledger.resizeHold(ctx, { holdId, amount: 1001, now: NOW }))).rejects.toMatchObject({
      data: { code: "INSUFFICIENT_FUNDS" },
    });
    await t.run((ctx) => Ledger.resizeHold(ctx, { holdId, amount: 10, now: NOW }));
    expect(await t.run((ctx) => Ledger.walletBalance(ctx, alice, "USD"))).toMatchObject({ held: 10, available: 990 });
  });

  it("reads a wallet in one currency only, without the owner's other accounts", async () => {
    const t = setup();
    const alice = await userId(t, "alice");
    const fund = (ref: Ledger.AccountRef, currency: string, amount: number, key: string) =>
      t.run((ctx) =>
        Ledger.post(ctx, {
          key,
          type: "add",
          description: "Funding",
          currency,
          entries: [
            { account: Ledger.EXTERNAL_PAYMENTS, amount: -amount },
            { account: ref, amount },
          ],
          now: NOW,
        }),
      );
    await fund(Ledger.clientCash(alice), "USD", 1000, "a");
    await fund(Ledger.clientPromo(alice), "USD", 300, "b");
    await fund(Ledger.clientCash(alice), "EUR", 7000, "c");
    await fund(Ledger.clientPromo(alice), "EUR", 50, "d");
    await fund(Ledger.advisorPending(alice), "USD", 90_000, "e");
    await fund(Ledger.advisorAvailable(alice), "USD", 80_000, "f");
    expect(await t.run((ctx) => Ledger.walletBalance(ctx, alice, "USD"))).toEqual({
      currency: "USD",
      cash: 1000,
      promo: 300,
      posted: 1300,
      held: 0,
      available: 1300,
    });
    expect(await t.run((ctx) => Ledger.walletBalance(ctx, alice, "EUR"))).toMatchObject({ cash: 7000, promo: 50 });
    expect(await t.run((ctx) => Ledger.walletBalance(ctx, alice, "GBP"))).toMatchObject({ posted: 0, available: 0 });
  });

  it("resizes a hold from a hold and wallet already read in the transaction, with the same checks", async () => {
    const t = setup();
    const alice = await userId(t, "alice");
    await fund(t, alice, 1000, { now: NOW });
    const { holdId } = await t.run((ctx) =>
      Ledger.createHold(ctx, { key: "session:1:hold", ownerId: alice, currency: "USD", amount: 100, description: "Live", now: NOW }),
    );
    const resizeLoaded = (amount: number) =>
      t.run(async (ctx) => {
        const hold = (await ctx.db.get(holdId))!;
        const wallet = await Ledger.loadWallet(ctx, alice, "USD");
        await Ledger.resizeHold(ctx, { holdId, amount, now: NOW }, { hold, wallet });
      });
    await resizeLoaded(1000);
    const before = await snapshot(t);
    await expect(resizeLoaded(1001)).rejects.toMatchObject({ data: { code: "INSUFFICIENT_FUNDS" } });
    expect(await snapshot(t)).toEqual(before);
    await resizeLoaded(10);
    expect(await t.run((ctx) => Ledger.walletBalance(ctx, alice, "USD"))).toMatchObject({ held: 10, available: 990 });
    expect((await t.run((ctx) => auditLedger(ctx))).problems).toEqual([]);
  });

  it("refuses a resize handed another owner's wallet or a finished hold", async () => {
    const t = setup();
    const alice = await userId(t, "alice");
    const bob = await userId(t, "bob");
    await fund(t, alice, 1000, { now: NOW });
    await fund(t, bob, 1000, { now: NOW });
    const { holdId } = await t.run((ctx) =>
      Ledger.createHold(ctx, { key: "h", ownerId: alice, currency: "USD", amount: 100, description: "x", now: NOW }),
    );
    const before = await snapshot(t);
    await expect(
      t.run(async (ctx) => {
        const hold = (await ctx.db.get(holdId))!;
        const wallet = await Ledger.loadWallet(ctx, bob, "USD");
        await Ledger.resizeHold(ctx, { holdId, amount: 200, now: NOW }, { hold, wallet });
      }),
    ).rejects.toThrow(/another hold's or wallet's data/);
    expect(await snapshot(t)).toEqual(before);
    await t.run((ctx) => Ledger.releaseHold(ctx, { holdId, now: NOW }));
    await expect(
      t.run(async (ctx) => {
        const hold = (await ctx.db.get(holdId))!;
        const wallet = await Ledger.loadWallet(ctx, alice, "USD");
        await Ledger.resizeHold(ctx, { holdId, amount: 200, now: NOW }, { hold, wallet });
      }),
    ).rejects.toMatchObject({ data: { code: "CONFLICT" } });
  });

  it("refuses to capture more than the hold or from a released hold", async () => {
    const t = setup();
    const alice = await userId(t, "alice");
    await fund(t, alice, 1000, { now: NOW });
    const { holdId } = await t.run((ctx) =>
      Ledger.createHold(ctx, { key: "h", ownerId: alice, currency: "USD", amount: 400, description: "x", now: NOW }),
    );
    const capture = (amount: number, key: string) =>
      t.run((ctx) =>
        Ledger.captureHold(ctx, {
          holdId,
          amount,
          key,
          type: "deduct",
          description: "x",
          credits: [{ account: Ledger.PLATFORM_REVENUE, amount }],
          now: NOW,
        }),
      );
    await expect(capture(401, "c1")).rejects.toMatchObject({ data: { code: "INVALID_ARGUMENT" } });
    await t.run((ctx) => Ledger.releaseHold(ctx, { holdId, now: NOW }));
    await expect(capture(100, "c2")).rejects.toMatchObject({ data: { code: "CONFLICT" } });
    expect(await t.run((ctx) => Ledger.walletBalance(ctx, alice, "USD"))).toMatchObject({ cash: 1000, held: 0 });
  });
});

describe("auditLedger (the tests' oracle)", () => {
  it("names the account whose balance no longer matches its entries", async () => {
    const t = setup();
    const alice = await userId(t, "alice");
    await fund(t, alice, 1000, { now: NOW });
    const cash = await t.run((ctx) => Ledger.findAccount(ctx, Ledger.clientCash(alice), "USD"));
    // Simulate corruption that only a bug outside the ledger module could cause.
    await t.run((ctx) => ctx.db.patch(cash!._id, { balance: -5 }));
    const report = await t.run((ctx) => auditLedger(ctx));
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ problem: "balance_mismatch", accountId: cash!._id, expected: 1000, actual: -5 }),
        expect.objectContaining({ problem: "negative_wallet", accountId: cash!._id }),
        expect.objectContaining({ problem: "currency_not_zero", currency: "USD", actual: -1005 }),
      ]),
    );
  });
});

// ---------------------------------------------------------------- properties

type Command =
  | { op: "topUp"; client: number; amount: number; key: number }
  | { op: "promo"; client: number; amount: number; key: number }
  | { op: "spend"; client: number; percent: number; key: number }
  | { op: "unbalanced"; client: number; amount: number; key: number }
  | { op: "hold"; client: number; percent: number; key: number }
  | { op: "capture"; hold: number; percent: number; releaseRest: boolean; key: number }
  | { op: "release"; hold: number };

const amount = fc.integer({ min: 1, max: 5000 });
const client = fc.integer({ min: 0, max: 2 });
const key = fc.integer({ min: 0, max: 15 }); // a small pool so keys repeat
/** Share of what the model says is there; above 100 should be refused. */
const percent = fc.integer({ min: 1, max: 130 });
const share = (of: number, pct: number) => Math.max(1, Math.floor((Math.max(of, 1) * pct) / 100));
const command: fc.Arbitrary<Command> = fc.oneof(
  { arbitrary: fc.record({ op: fc.constant("topUp" as const), client, amount, key }), weight: 2 },
  { arbitrary: fc.record({ op: fc.constant("promo" as const), client, amount, key }), weight: 2 },
  fc.record({ op: fc.constant("spend" as const), client, percent, key }),
  fc.record({ op: fc.constant("unbalanced" as const), client, amount, key }),
  { arbitrary: fc.record({ op: fc.constant("hold" as const), client, percent, key }), weight: 2 },
  // percent of the hold's remaining amount, sometimes more than all of it
  { arbitrary: fc.record({ op: fc.constant("capture" as const), hold: fc.nat(), percent, releaseRest: fc.boolean(), key }), weight: 2 },
  fc.record({ op: fc.constant("release" as const), hold: fc.nat() }),
);

type Wallet = { cash: number; promo: number; held: number };
type HoldModel = { id: Id<"ledgerHolds">; client: number; remaining: number; active: boolean };

describe("ledger properties", () => {
  it("keeps every invariant through random posts, holds, captures and releases", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 5, maxLength: 30, size: "max" }), async (commands) => {
        const t = setup();
        const clients = [await userId(t, "c0"), await userId(t, "c1"), await userId(t, "c2")];
        const advisor = await userId(t, "adv", "advisor");
        const wallets: Wallet[] = clients.map(() => ({ cash: 0, promo: 0, held: 0 }));
        const holds: HoldModel[] = [];
        const usedKeys = new Set<string>();

        const attempt = async (run: Parameters<T["run"]>[0]) => {
          try {
            await t.run(run);
            return "ok" as const;
          } catch (e) {
            return (e as { data?: { code?: string } }).data?.code ?? `bug: ${String(e)}`;
          }
        };

        for (const cmd of commands) {
          const before = await snapshot(t);
          let expectChange = true;
          let outcome: string;

          if (cmd.op === "topUp" || cmd.op === "promo" || cmd.op === "spend" || cmd.op === "unbalanced") {
            const owner = clients[cmd.client];
            const w = wallets[cmd.client];
            const amount = "amount" in cmd ? cmd.amount : share(w.cash + w.promo - w.held, cmd.percent);
            const k = `${cmd.op === "unbalanced" ? "spend" : cmd.op}:${cmd.key}`;
            const entries: Ledger.EntryInput[] =
              cmd.op === "topUp"
                ? [{ account: Ledger.EXTERNAL_PAYMENTS, amount: -amount }, { account: Ledger.clientCash(owner), amount }]
                : cmd.op === "promo"
                  ? [{ account: Ledger.PLATFORM_REVENUE, amount: -amount }, { account: Ledger.clientPromo(owner), amount }]
                  : [{ account: Ledger.clientCash(owner), amount: -amount }, { account: Ledger.PLATFORM_REVENUE, amount: amount + (cmd.op === "unbalanced" ? 1 : 0) }];
            outcome = await attempt((ctx) =>
              Ledger.post(ctx, { key: k, type: "adjustment", description: cmd.op, currency: "USD", entries, now: NOW }),
            );
            if (usedKeys.has(k)) {
              expect(outcome).toBe("ok");
              expectChange = false;
            } else if (cmd.op === "unbalanced") {
              expect(outcome).toBe("INVALID_ARGUMENT");
              expectChange = false;
            } else if (cmd.op === "spend" && (w.cash < amount || w.cash + w.promo - w.held < amount)) {
              expect(outcome).toBe("INSUFFICIENT_FUNDS");
              expectChange = false;
            } else {
              expect(outcome).toBe("ok");
              usedKeys.add(k);
              if (cmd.op === "topUp") w.cash += amount;
              if (cmd.op === "promo") w.promo += amount;
              if (cmd.op === "spend") w.cash -= amount;
            }
          } else if (cmd.op === "hold") {
            const w = wallets[cmd.client];
            const k = `hold:${cmd.key}`;
            const amount = share(w.cash + w.promo - w.held, cmd.percent);
            let holdId: Id<"ledgerHolds"> | undefined;
            outcome = await attempt(async (ctx) => {
              holdId = (await Ledger.createHold(ctx, { key: k, ownerId: clients[cmd.client], currency: "USD", amount, description: "h", now: NOW })).holdId;
            });
            if (usedKeys.has(k)) {
              expect(outcome).toBe("ok");
              expectChange = false;
            } else if (w.cash + w.promo - w.held < amount) {
              expect(outcome).toBe("INSUFFICIENT_FUNDS");
              expectChange = false;
            } else {
              expect(outcome).toBe("ok");
              usedKeys.add(k);
              w.held += amount;
              holds.push({ id: holdId!, client: cmd.client, remaining: amount, active: true });
            }
          } else if (cmd.op === "capture") {
            if (holds.length === 0) continue;
            const hold = holds[cmd.hold % holds.length];
            const w = wallets[hold.client];
            const k = `capture:${cmd.key}`;
            const captured = share(hold.remaining, cmd.percent);
            const fee = Math.floor(captured / 10);
            const credits: Ledger.EntryInput[] = [
              { account: Ledger.advisorPending(advisor), amount: captured - fee },
              ...(fee > 0 ? [{ account: Ledger.PLATFORM_REVENUE, amount: fee }] : []),
            ];
            outcome = await attempt((ctx) =>
              Ledger.captureHold(ctx, { holdId: hold.id, amount: captured, key: k, type: "deduct", description: "c", credits, releaseRest: cmd.releaseRest, now: NOW }),
            );
            if (usedKeys.has(k)) {
              expect(outcome).toBe("ok");
              expectChange = false;
            } else if (!hold.active) {
              expect(outcome).toBe("CONFLICT");
              expectChange = false;
            } else if (captured > hold.remaining) {
              expect(outcome).toBe("INVALID_ARGUMENT");
              expectChange = false;
            } else {
              expect(outcome).toBe("ok");
              usedKeys.add(k);
              const fromPromo = Math.min(w.promo, captured);
              w.promo -= fromPromo;
              w.cash -= captured - fromPromo;
              const released = cmd.releaseRest ? hold.remaining : captured;
              w.held -= released;
              hold.remaining -= released;
              hold.active = hold.remaining > 0;
            }
          } else {
            if (holds.length === 0) continue;
            const hold = holds[cmd.hold % holds.length];
            outcome = await attempt((ctx) => Ledger.releaseHold(ctx, { holdId: hold.id, now: NOW }));
            expect(outcome).toBe("ok");
            if (hold.active) {
              wallets[hold.client].held -= hold.remaining;
              hold.remaining = 0;
              hold.active = false;
            } else {
              expectChange = false;
            }
          }

          if (!expectChange) expect(await snapshot(t)).toEqual(before);
          const report = await t.run((ctx) => auditLedger(ctx));
          expect(report.problems).toEqual([]);
          for (const [i, owner] of clients.entries()) {
            const balance = await t.run((ctx) => Ledger.walletBalance(ctx, owner, "USD"));
            expect(balance).toMatchObject(wallets[i]);
            expect(balance.available).toBeGreaterThanOrEqual(0);
          }
        }
      }),
      { numRuns: 40 },
    );
  }, 60_000);
});

// ---------------------------------------------------------------- bounds

describe("ledger bounds", () => {
  const MAX = Ledger.MAX_LEDGER_AMOUNT;

  /** Posts a promo grant of `amount` to `owner` (platform revenue pays); the error code, or "ok". */
  async function grantAt(t: T, owner: Id<"users">, amount: number, key: string) {
    try {
      await t.run((ctx) =>
        Ledger.post(ctx, {
          key,
          type: "adjustment",
          description: "Promo",
          currency: "USD",
          entries: [
            { account: Ledger.PLATFORM_REVENUE, amount: -amount },
            { account: Ledger.clientPromo(owner), amount },
          ],
          now: NOW,
        }),
      );
      return "ok";
    } catch (e) {
      return (e as { data?: { code?: string } }).data?.code ?? `bug: ${String(e)}`;
    }
  }

  it("keeps the bound far below 2^53, so sums of entries and balances stay exact", () => {
    expect(Number.isSafeInteger(MAX * 20 * 2)).toBe(true);
  });

  it("refuses the largest safe integer twice over, and leaves every balance an exact integer", async () => {
    const t = setup();
    const alice = await userId(t, "alice");
    for (const key of ["g1", "g2"]) {
      expect(await grantAt(t, alice, Number.MAX_SAFE_INTEGER, key)).toBe("INVALID_ARGUMENT");
    }
    expect(await snapshot(t)).toEqual({ accounts: [], transactions: [], entries: [], holds: [] });
  });

  it("refuses a posting that would take a balance beyond the bound and changes nothing", async () => {
    const t = setup();
    const alice = await userId(t, "alice");
    expect(await grantAt(t, alice, MAX, "full")).toBe("ok");
    const before = await snapshot(t);
    await expect(
      t.run((ctx) =>
        Ledger.post(ctx, {
          key: "one-more",
          type: "adjustment",
          description: "Promo",
          currency: "USD",
          entries: [
            { account: Ledger.PLATFORM_REVENUE, amount: -1 },
            { account: Ledger.clientPromo(alice), amount: 1 },
          ],
          now: NOW,
        }),
      ),
    ).rejects.toMatchObject({ data: { code: "INVALID_ARGUMENT", message: expect.stringContaining("beyond the ledger's limit") } });
    expect(await snapshot(t)).toEqual(before);
  });

  /** Not a whole number of minor units within ±MAX_LEDGER_AMOUNT, or zero. */
  const outOfRange = fc.oneof(
    fc.integer({ min: MAX + 1, max: Number.MAX_SAFE_INTEGER }),
    fc.integer({ min: Number.MIN_SAFE_INTEGER, max: -MAX - 1 }),
    fc.double({ noNaN: true }).filter((x) => !Number.isSafeInteger(x)),
    fc.constantFrom(0, Number.NaN, Number.POSITIVE_INFINITY, Number.MAX_SAFE_INTEGER + 2, -(2 ** 60)),
  );

  it("refuses any entry or hold amount beyond ±MAX_LEDGER_AMOUNT, not whole or zero, and changes nothing", async () => {
    await fc.assert(
      fc.asyncProperty(outOfRange, async (amount) => {
        const t = setup();
        const alice = await userId(t, "alice");
        await fund(t, alice, 5000, { key: "fund", now: NOW });
        const before = await snapshot(t);
        expect(await grantAt(t, alice, amount, "bad")).toBe("INVALID_ARGUMENT");
        await expect(
          t.run((ctx) => Ledger.createHold(ctx, { key: "hold", ownerId: alice, currency: "USD", amount, description: "h", now: NOW })),
        ).rejects.toMatchObject({ data: { code: "INVALID_ARGUMENT" } });
        expect(await snapshot(t)).toEqual(before);
      }),
      { numRuns: 30 },
    );
  }, 60_000);

  it("never leaves a balance beyond the bound through any sequence of grants", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ client: fc.integer({ min: 0, max: 1 }), amount: fc.integer({ min: 1, max: MAX }) }), { minLength: 1, maxLength: 12 }),
        async (grants) => {
          const t = setup();
          const clients = [await userId(t, "c0"), await userId(t, "c1")];
          const promo = [0, 0];
          let revenue = 0;
          for (const [i, { client, amount }] of grants.entries()) {
            const before = await snapshot(t);
            const fits = promo[client] + amount <= MAX && revenue - amount >= -MAX;
            expect(await grantAt(t, clients[client], amount, `grant:${i}`)).toBe(fits ? "ok" : "INVALID_ARGUMENT");
            if (fits) {
              promo[client] += amount;
              revenue -= amount;
            } else {
              expect(await snapshot(t)).toEqual(before);
            }
            const accounts = await t.run((ctx) => ctx.db.query("ledgerAccounts").collect());
            for (const account of accounts) {
              expect(Number.isSafeInteger(account.balance)).toBe(true);
              expect(Math.abs(account.balance)).toBeLessThanOrEqual(MAX);
            }
          }
          expect(await t.run((ctx) => auditLedger(ctx))).toMatchObject({ ok: true });
        },
      ),
      { numRuns: 30 },
    );
  }, 60_000);
});

// ---------------------------------------------------------------- admin functions

describe("ledger admin functions", () => {
  async function withPeople() {
    const t = setup();
    const admin = await makeUser(t, "admin", "ada@example.com");
    const cora = await makeUser(t, "client", "cora@example.com");
    const dan = await makeUser(t, "client", "dan@example.com");
    const avery = await makeUser(t, "advisor", "avery@example.com");
    return { t, admin, cora, dan, avery };
  }


  const grant = (userId: Id<"users">, overrides: Partial<{ amount: number; reason: string; requestId: string }> = {}) => ({
    userId,
    amount: 500,
    reason: "Apology for a dropped call",
    requestId: "req-1",
    ...overrides,
  });

  it("lets an admin grant promo credit once per request, audited", async () => {
    const { t, admin, cora } = await withPeople();
    const first = await admin.as.mutation(api.ledger.grantPromo, grant(cora.userId));
    const again = await admin.as.mutation(api.ledger.grantPromo, grant(cora.userId));
    expect(again).toEqual({ transactionId: first.transactionId, duplicate: true });
    expect(await t.run((ctx) => Ledger.walletBalance(ctx, cora.userId, "USD"))).toMatchObject({ promo: 500, cash: 0, available: 500 });
    const log = await t.run((ctx) => ctx.db.query("auditLog").collect());
    expect(log).toEqual([
      expect.objectContaining({
        actorId: admin.userId,
        action: "ledger.grantPromo",
        targetType: "user",
        targetId: cora.userId,
        reason: "Apology for a dropped call",
        before: { promo: 0 },
        after: expect.objectContaining({ promo: 500, amount: 500 }),
      }),
    ]);
    const history = await cora.as.query(api.wallets.history, { paginationOpts: { numItems: 5, cursor: null } });
    expect(history.page).toMatchObject([{ type: "adjustment", amount: 500, account: "client_promo" }]);
  });

  it.each([
    [{ reason: "   " }, "INVALID_ARGUMENT"],
    [{ amount: 0 }, "INVALID_ARGUMENT"],
    [{ amount: 12.5 }, "INVALID_ARGUMENT"],
    [{ requestId: "" }, "INVALID_ARGUMENT"],
  ])("refuses a promo grant with %j and changes nothing", async (overrides, code) => {
    const { t, admin, cora } = await withPeople();
    const before = await snapshot(t);
    await expect(admin.as.mutation(api.ledger.grantPromo, grant(cora.userId, overrides))).rejects.toMatchObject({ data: { code } });
    expect(await snapshot(t)).toEqual(before);
    expect(await t.run((ctx) => ctx.db.query("auditLog").collect())).toEqual([]);
  });

  it.each([
    ["a 200,000-character reason", { reason: "x".repeat(200_000) }],
    ["a 501-character reason", { reason: "x".repeat(501) }],
    ["the largest safe integer", { amount: Number.MAX_SAFE_INTEGER }],
    ["one cent above the $500.00 maximum", { amount: 50_001 }],
    ["a negative amount", { amount: -500 }],
    ["a 101-character request id", { requestId: "r".repeat(101) }],
  ])("refuses a promo grant with %s and changes nothing", async (_name, overrides) => {
    const { t, admin, cora } = await withPeople();
    const before = await snapshot(t);
    await expect(admin.as.mutation(api.ledger.grantPromo, grant(cora.userId, overrides))).rejects.toMatchObject({
      data: { code: "INVALID_ARGUMENT" },
    });
    expect(await snapshot(t)).toEqual(before);
    expect(await t.run((ctx) => ctx.db.query("auditLog").collect())).toEqual([]);
  });

  it("refuses the largest safe integer granted twice, so billing never meets an inexact balance", async () => {
    const { t, admin, cora } = await withPeople();
    for (const requestId of ["big-1", "big-2"]) {
      await expect(
        admin.as.mutation(api.ledger.grantPromo, grant(cora.userId, { amount: 9007199254740991, requestId })),
      ).rejects.toMatchObject({ data: { code: "INVALID_ARGUMENT", message: "Promo credit must be a whole amount from $0.01 to $500.00." } });
    }
    expect(await t.run((ctx) => Ledger.walletBalance(ctx, cora.userId, "USD"))).toMatchObject({ promo: 0 });
  });

  it("takes the promo grant range from platformSettings", async () => {
    const { t, admin, cora } = await withPeople();
    await t.run((ctx) => ctx.db.insert("platformSettings", { promoGrantMin: 100, promoGrantMax: 1000, updatedAt: NOW }));
    for (const amount of [99, 1001]) {
      await expect(admin.as.mutation(api.ledger.grantPromo, grant(cora.userId, { amount, requestId: `r${amount}` }))).rejects.toMatchObject({
        data: { code: "INVALID_ARGUMENT", message: "Promo credit must be a whole amount from $1.00 to $10.00." },
      });
    }
    await admin.as.mutation(api.ledger.grantPromo, grant(cora.userId, { amount: 100, requestId: "low" }));
    await admin.as.mutation(api.ledger.grantPromo, grant(cora.userId, { amount: 1000, requestId: "high" }));
    expect(await t.run((ctx) => Ledger.walletBalance(ctx, cora.userId, "USD"))).toMatchObject({ promo: 1100 });
  });

  it("refuses any promo amount outside the setting's range and changes nothing", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.integer({ min: 50_001, max: Number.MAX_SAFE_INTEGER }),
          fc.integer({ min: Number.MIN_SAFE_INTEGER, max: 0 }),
          fc.double({ min: -1e20, max: 1e20, noNaN: true }).filter((x) => !Number.isInteger(x)),
        ),
        async (amount) => {
          const { t, admin, cora } = await withPeople();
          const before = await snapshot(t);
          await expect(admin.as.mutation(api.ledger.grantPromo, grant(cora.userId, { amount }))).rejects.toMatchObject({
            data: { code: "INVALID_ARGUMENT" },
          });
          expect(await snapshot(t)).toEqual(before);
        },
      ),
      { numRuns: 25 },
    );
  }, 60_000);

  it.each([
    ["another client", (people: { cora: { userId: Id<"users"> }; dan: { userId: Id<"users"> } }) => ({ userId: people.dan.userId })],
    ["another amount", () => ({ amount: 501 })],
  ])("refuses a request id already used, for %s, with CONFLICT and changes nothing", async (_name, change) => {
    const people = await withPeople();
    const { t, admin, cora } = people;
    await admin.as.mutation(api.ledger.grantPromo, grant(cora.userId));
    const before = await snapshot(t);
    const reused = { ...grant(cora.userId), ...change(people) };
    await expect(admin.as.mutation(api.ledger.grantPromo, reused)).rejects.toMatchObject({ data: { code: "CONFLICT" } });
    expect(await snapshot(t)).toEqual(before);
    expect(await t.run((ctx) => ctx.db.query("auditLog").collect())).toHaveLength(1);
  });

  it("refuses to look up an email longer than 254 characters", async () => {
    const { admin } = await withPeople();
    await expect(admin.as.query(api.ledger.findUser, { email: `${"a".repeat(250)}@example.com` })).rejects.toMatchObject({
      data: { code: "INVALID_ARGUMENT" },
    });
  });

  it("grants promo credit only to clients", async () => {
    const { admin, avery } = await withPeople();
    await expect(admin.as.mutation(api.ledger.grantPromo, grant(avery.userId))).rejects.toMatchObject({
      data: { code: "INVALID_ARGUMENT" },
    });
  });

  it("refuses promo grants, audit and search to clients, advisors and visitors", async () => {
    const { t, cora, dan, avery } = await withPeople();
    const calls = [
      (as: Caller) => as.mutation(api.ledger.grantPromo, grant(dan.userId)),
      (as: Caller) => as.query(api.ledger.latestAudit, {}),
      (as: Caller) => as.mutation(api.ledger.startAudit, {}),
      (as: Caller) => as.query(api.ledger.searchTransactions, { paginationOpts: { numItems: 5, cursor: null } }),
      (as: Caller) => as.query(api.ledger.userHistory, { userId: dan.userId, paginationOpts: { numItems: 5, cursor: null } }),
      (as: Caller) => as.query(api.ledger.findUser, { email: "dan@example.com" }),
    ];
    for (const call of calls) {
      await expect(call(t)).rejects.toMatchObject({ data: { code: "UNAUTHENTICATED" } });
      await expect(call(cora.as)).rejects.toMatchObject({ data: { code: "FORBIDDEN" } });
      await expect(call(avery.as)).rejects.toMatchObject({ data: { code: "FORBIDDEN" } });
    }
    expect(await t.run((ctx) => Ledger.walletBalance(ctx, dan.userId, "USD"))).toMatchObject({ promo: 0 });
  });

  it("runs the audit in the background and shows its result to admins", async () => {
    vi.useFakeTimers();
    try {
      const { t, admin, cora } = await withPeople();
      await fund(t, cora.userId, 2500, { now: NOW });
      expect(await admin.as.query(api.ledger.latestAudit, {})).toBeNull();
      const runId = await admin.as.mutation(api.ledger.startAudit, {});
      expect(await admin.as.mutation(api.ledger.startAudit, {})).toBe(runId);
      expect(await admin.as.query(api.ledger.latestAudit, {})).toMatchObject({ status: "running", ok: false });
      await t.finishAllScheduledFunctions(vi.runAllTimers);
      expect(await admin.as.query(api.ledger.latestAudit, {})).toMatchObject({
        _id: runId,
        status: "done",
        ok: true,
        accounts: 2,
        transactions: 1,
        entries: 2,
        problems: [],
        totals: [{ currency: "USD", total: 0 }],
      });
    } finally {
      vi.useRealTimers();
    }
  });

  it("searches transactions by type and date, and a user's entries", async () => {
    const { t, admin, cora, dan } = await withPeople();
    await fund(t, cora.userId, 2500, { key: "a", now: NOW });
    await fund(t, dan.userId, 1000, { key: "b", now: NOW });
    await admin.as.mutation(api.ledger.grantPromo, grant(dan.userId));
    const all = await admin.as.query(api.ledger.searchTransactions, { paginationOpts: { numItems: 10, cursor: null } });
    expect(all.page.map((r) => r.key)).toEqual(["promo:req-1", "b", "a"]);
    const adds = await admin.as.query(api.ledger.searchTransactions, { paginationOpts: { numItems: 10, cursor: null }, type: "add" });
    expect(adds.page.map((r) => r.key)).toEqual(["b", "a"]);
    const none = await admin.as.query(api.ledger.searchTransactions, { paginationOpts: { numItems: 10, cursor: null }, to: NOW - 1 });
    expect(none.page).toEqual([]);
    const dans = await admin.as.query(api.ledger.userHistory, { userId: dan.userId, paginationOpts: { numItems: 10, cursor: null } });
    expect(dans.page.map((r) => [r.type, r.amount])).toEqual([
      ["adjustment", 500],
      ["add", 1000],
    ]);
    expect(await admin.as.query(api.ledger.findUser, { email: "Dan@Example.com" })).toMatchObject({
      _id: dan.userId,
      wallet: { cash: 1000, promo: 500 },
    });
    expect(await admin.as.query(api.ledger.findUser, { email: "nobody@example.com" })).toBeNull();
  });
});

// ---------------------------------------------------------------- refunds

describe("Ledger.refundCharge", () => {
  /** A client who paid 1000 (300 promo + 700 cash) for a session: 900 to the advisor, 100 fee. */
  async function settled(t: T, { charge = 1000, promo = 300, fee = 100 } = {}) {
    const client = await userId(t, "cora");
    const advisor = await userId(t, "avery", "advisor");
    await fund(t, client, 5000, { key: "fund", now: NOW });
    await t.run(async (ctx) => {
      if (promo === 0) return;
      await Ledger.post(ctx, {
        key: "promo",
        type: "adjustment",
        description: "Promo",
        currency: "USD",
        entries: [
          { account: Ledger.PLATFORM_REVENUE, amount: -promo },
          { account: Ledger.clientPromo(client), amount: promo },
        ],
        now: NOW,
      });
    });
    const { holdId } = await t.run((ctx) =>
      Ledger.createHold(ctx, { key: "session:1:hold", ownerId: client, currency: "USD", amount: charge, description: "Live", now: NOW }),
    );
    const { transactionId } = await t.run((ctx) =>
      Ledger.captureHold(ctx, {
        holdId,
        amount: charge,
        key: "session:1:settle",
        type: "deduct",
        description: "Live chat",
        credits: [
          { account: Ledger.advisorPending(advisor), amount: charge - fee },
          { account: Ledger.PLATFORM_REVENUE, amount: fee },
        ].filter((c) => c.amount > 0),
        now: NOW,
      }),
    );
    return { client, advisor, transactionId };
  }

  const balances = (t: T, client: Id<"users">, advisor: Id<"users">) =>
    t.run(async (ctx) => {
      const of = async (ref: Ledger.AccountRef) => (await Ledger.findAccount(ctx, ref, "USD"))?.balance ?? 0;
      return {
        promo: await of(Ledger.clientPromo(client)),
        cash: await of(Ledger.clientCash(client)),
        pending: await of(Ledger.advisorPending(advisor)),
        available: await of(Ledger.advisorAvailable(advisor)),
        revenue: await of(Ledger.PLATFORM_REVENUE),
      };
    });

  const refund = (t: T, transactionId: Id<"ledgerTransactions">, amount: number, key: string) =>
    t.run((ctx) => Ledger.refundCharge(ctx, { transactionId, amount, key, description: "Dispute refund", now: NOW }));

  it("returns a full refund to the accounts that paid and takes back earning and fee", async () => {
    const t = setup();
    const { client, advisor, transactionId } = await settled(t);
    expect(await balances(t, client, advisor)).toEqual({ promo: 0, cash: 4300, pending: 900, available: 0, revenue: -200 });
    await refund(t, transactionId, 1000, "dispute:1:refund");
    expect(await balances(t, client, advisor)).toEqual({ promo: 300, cash: 5000, pending: 0, available: 0, revenue: -300 });
    expect(await t.run((ctx) => auditLedger(ctx))).toMatchObject({ ok: true });
  });

  it("splits partial refunds in proportion and never refunds more than the charge", async () => {
    const t = setup();
    const { client, advisor, transactionId } = await settled(t);
    await refund(t, transactionId, 333, "r1");
    expect(await balances(t, client, advisor)).toEqual({ promo: 99, cash: 4534, pending: 600, available: 0, revenue: -233 });
    await refund(t, transactionId, 667, "r2");
    expect(await balances(t, client, advisor)).toEqual({ promo: 300, cash: 5000, pending: 0, available: 0, revenue: -300 });
    await expect(refund(t, transactionId, 1, "r3")).rejects.toMatchObject({ data: { code: "INVALID_ARGUMENT" } });
  });

  it("takes an earning already released from available earnings, even below zero", async () => {
    const t = setup();
    const { client, advisor, transactionId } = await settled(t);
    await t.run((ctx) =>
      Ledger.post(ctx, {
        key: "release",
        type: "earning",
        description: "Earnings available",
        currency: "USD",
        entries: [
          { account: Ledger.advisorPending(advisor), amount: -900 },
          { account: Ledger.advisorAvailable(advisor), amount: 900 },
        ],
        now: NOW,
      }),
    );
    await t.run((ctx) =>
      Ledger.post(ctx, {
        key: "withdraw",
        type: "payout",
        description: "Payout",
        currency: "USD",
        entries: [
          { account: Ledger.advisorAvailable(advisor), amount: -900 },
          { account: Ledger.PAYOUTS, amount: 900 },
        ],
        now: NOW,
      }),
    );
    await refund(t, transactionId, 1000, "r");
    expect(await balances(t, client, advisor)).toMatchObject({ pending: 0, available: -900 });
    expect(await t.run((ctx) => auditLedger(ctx))).toMatchObject({ ok: true });
  });

  it("is idempotent by key and refuses what is not a charge", async () => {
    const t = setup();
    const { client, transactionId } = await settled(t);
    const first = await refund(t, transactionId, 500, "r");
    expect(await refund(t, transactionId, 500, "r")).toEqual({ transactionId: first.transactionId, duplicate: true });
    const topUpTx = await t.run((ctx) => Ledger.findTransactionByKey(ctx, "fund"));
    await expect(refund(t, topUpTx!._id, 100, "r-topup")).rejects.toMatchObject({ data: { code: "INVALID_ARGUMENT" } });
    await expect(
      t.run((ctx) => Ledger.reverse(ctx, { transactionId, key: "rev", description: "x", now: NOW })),
    ).rejects.toMatchObject({ data: { code: "CONFLICT" } });
    expect((await t.run((ctx) => Ledger.walletBalance(ctx, client, "USD"))).posted).toBe(4800);
  });

  it("returns exactly the original split over any sequence of partial refunds", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 5000 }),
        fc.integer({ min: 0, max: 100 }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.array(fc.integer({ min: 1, max: 100 }), { minLength: 1, maxLength: 6 }),
        async (charge, promoPercent, feeBps, weights) => {
          const t = setup();
          const promo = Math.floor((charge * promoPercent) / 100);
          const fee = Math.floor((charge * feeBps) / 10_000);
          const { client, advisor, transactionId } = await settled(t, { charge, promo, fee });
          const before = await balances(t, client, advisor);
          // Split the charge into parts by weight; the last part takes the remainder.
          const total = weights.reduce((a, b) => a + b, 0);
          const parts = weights.slice(0, -1).map((w) => Math.floor((charge * w) / total));
          parts.push(charge - parts.reduce((a, b) => a + b, 0));
          for (const [i, part] of parts.entries()) {
            if (part > 0) await refund(t, transactionId, part, `r${i}`);
          }
          const after = await balances(t, client, advisor);
          expect(after).toEqual({
            promo: before.promo + promo,
            cash: before.cash + charge - promo,
            pending: before.pending - (charge - fee),
            available: 0,
            revenue: before.revenue - fee,
          });
          expect((await t.run((ctx) => auditLedger(ctx))).problems).toEqual([]);
        },
      ),
      { numRuns: 30 },
    );
  }, 60_000);
});

// ---------------------------------------------------------------- batched audit runs

describe("AuditRun (batched audit)", () => {
  const tiny: AuditRun.StepLimits = { accountsPerPage: 2, entryBudget: 5, entriesPerPage: 3, transactionsPerStep: 3 };

  /** Runs a whole audit with tiny limits; `between` runs after every step (e.g. to post meanwhile). */
  async function runAudit(t: T, between?: () => Promise<unknown>) {
    const { runId } = await t.run((ctx) => AuditRun.startRun(ctx, { now: Date.now() }));
    let steps = 0;
    while (await t.run((ctx) => AuditRun.step(ctx, runId, Date.now(), tiny))) {
      steps++;
      if (between) await between();
      if (steps > 500) throw new Error("audit did not finish");
    }
    return { run: (await t.run((ctx) => ctx.db.get(runId)))!, steps };
  }

  /** Three clients with a few top-ups each: small accounts plus one large external_payments account. */
  async function busyLedger(t: T) {
    const clients = [await userId(t, "c0"), await userId(t, "c1"), await userId(t, "c2")];
    let n = 0;
    for (const client of clients) for (let i = 0; i < 4; i++) await fund(t, client, 100 + i, { key: `k${n++}`, now: NOW });
    await t.run((ctx) => Ledger.createHold(ctx, { key: "h", ownerId: clients[0], currency: "USD", amount: 50, description: "x", now: NOW }));
    return clients;
  }

  it("checks every account, entry and transaction over many small steps", async () => {
    const t = setup();
    await busyLedger(t);
    const { run, steps } = await runAudit(t);
    expect(steps).toBeGreaterThan(5);
    expect(run).toMatchObject({
      status: "done",
      accounts: 4,
      entries: 24,
      transactions: 12,
      problemCount: 0,
      totals: [{ currency: "USD", total: 0 }],
    });
  });

  it("finds the same problems as the oracle, including in a paged account", async () => {
    const t = setup();
    const clients = await busyLedger(t);
    const external = await t.run((ctx) => Ledger.findAccount(ctx, Ledger.EXTERNAL_PAYMENTS, "USD"));
    const cash = await t.run((ctx) => Ledger.findAccount(ctx, Ledger.clientCash(clients[1]), "USD"));
    const someTransaction = await t.run((ctx) => Ledger.findTransactionByKey(ctx, "k5"));
    // Corruption only a bug outside the ledger module could cause.
    await t.run(async (ctx) => {
      await ctx.db.patch(external!._id, { balance: external!.balance + 7 });
      await ctx.db.patch(cash!._id, { balance: -1, held: 3 });
      await ctx.db.insert("ledgerEntries", {
        transactionId: someTransaction!._id,
        accountId: cash!._id,
        accountKind: "client_cash",
        ownerId: clients[1],
        currency: "USD",
        amount: 5,
        historyType: "add",
        description: "stray",
        at: NOW,
      });
    });
    const oracle = await t.run((ctx) => auditLedger(ctx));
    const { run } = await runAudit(t);
    const key = (p: Ledger.AuditProblem) => `${p.problem}:${p.accountId ?? p.transactionId ?? p.ownerId ?? p.currency}:${p.expected}:${p.actual}`;
    // The oracle sums balances; a run sums entries (it cannot read all balances at one instant).
    const perAccount = (problems: Ledger.AuditProblem[]) => problems.filter((p) => p.problem !== "currency_not_zero").map(key).sort();
    expect(perAccount(run.problems)).toEqual(perAccount(oracle.problems));
    expect(run.problems.find((p) => p.problem === "currency_not_zero")).toMatchObject({ actual: 5 });
    expect(run.problems.map((p) => p.problem).sort()).toEqual([
      "balance_mismatch",
      "balance_mismatch",
      "currency_not_zero",
      "held_mismatch",
      "negative_wallet",
      "negative_wallet",
      "unbalanced_transaction",
    ]);
  });

  it("is not fooled by money that moves while it runs", async () => {
    const t = setup();
    const clients = await busyLedger(t);
    let n = 0;
    const { run } = await runAudit(t, () =>
      t.run((ctx) =>
        Ledger.post(ctx, {
          key: `during:${n++}`,
          type: "add",
          description: "Top-up during the audit",
          currency: "USD",
          entries: [
            { account: Ledger.EXTERNAL_PAYMENTS, amount: -10 },
            { account: Ledger.clientCash(clients[n % 3]), amount: 10 },
          ],
          now: Date.now() + 1000,
        }),
      ),
    );
    expect(n).toBeGreaterThan(0);
    expect(run).toMatchObject({ status: "done", problemCount: 0, totals: [{ currency: "USD", total: 0 }] });
  });

  it("starts one run at a time", async () => {
    const t = setup();
    const first = await t.run((ctx) => AuditRun.startRun(ctx, { now: NOW }));
    const second = await t.run((ctx) => AuditRun.startRun(ctx, { now: NOW + 1000 }));
    expect(second).toEqual({ runId: first.runId, started: false });
    const afterStale = await t.run((ctx) => AuditRun.startRun(ctx, { now: NOW + 60 * 60 * 1000 }));
    expect(afterStale.started).toBe(true);
  });
});
