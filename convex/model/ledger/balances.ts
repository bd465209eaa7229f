/** A client wallet's balance as its owner sees it: cash and promo, minus what holds keep. */
import type { Doc, Id } from "../../_generated/dataModel";
import type { QueryCtx } from "../../_generated/server";
import type { AccountKind } from "../ledgerSchema";
import { accountLabel, clientCash, clientPromo, type KnownAccounts } from "./accounts";

export type WalletBalance = {
  currency: string;
  cash: number;
  promo: number;
  /** cash + promo */
  posted: number;
  held: number;
  /** posted − held: what can be spent or held now. */
  available: number;
};

/** A client wallet's two accounts as read, with their balance: lets a hot path read them once and hand them to `resizeHold`. */
export type Wallet = {
  ownerId: Id<"users">;
  cash: Doc<"ledgerAccounts"> | null;
  promo: Doc<"ledgerAccounts"> | null;
  balance: WalletBalance;
};

/**
 * Reads both wallet accounts with one index range: "client_cash" and
 * "client_promo" are adjacent kinds in the index's string order, so the range
 * holds exactly the owner's wallet accounts, one pair per currency.
 */
export async function loadWallet(ctx: QueryCtx, ownerId: Id<"users">, currency: string): Promise<Wallet> {
  const accounts = await ctx.db
    .query("ledgerAccounts")
    .withIndex("by_ownerId_and_kind_and_currency", (q) =>
      q.eq("ownerId", ownerId).gte("kind", "client_cash").lte("kind", "client_promo"),
    )
    .collect();
  const only = (kind: AccountKind) => {
    const found = accounts.filter((a) => a.kind === kind && a.currency === currency);
    if (found.length > 1) throw new Error(`Several ${kind} accounts of ${ownerId} in ${currency}`);
    return found[0] ?? null;
  };
  const cash = only("client_cash");
  const promo = only("client_promo");
  const posted = (cash?.balance ?? 0) + (promo?.balance ?? 0);
  const held = cash?.held ?? 0;
  const balance = { currency, cash: cash?.balance ?? 0, promo: promo?.balance ?? 0, posted, held, available: posted - held };
  return { ownerId, cash, promo, balance };
}

export async function walletBalance(ctx: QueryCtx, ownerId: Id<"users">, currency: string): Promise<WalletBalance> {
  return (await loadWallet(ctx, ownerId, currency)).balance;
}

/** A loaded wallet's accounts, for planning a change without reading them again. */
export function walletAccounts(wallet: Wallet): KnownAccounts {
  return new Map([
    [accountLabel(clientCash(wallet.ownerId)), wallet.cash],
    [accountLabel(clientPromo(wallet.ownerId)), wallet.promo],
  ]);
}
