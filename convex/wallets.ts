import { v } from "convex/values";
import { paginationOptsValidator, paginationResultValidator } from "convex/server";
import { clientQuery } from "./functions";
import * as Ledger from "./model/ledger";
import { getSettings } from "./model/settings";
import * as Wallets from "./model/wallets";
import { stripeConfigured } from "./model/payments";

export const vWalletSummary = v.object({
  currency: v.string(),
  cash: v.number(),
  promo: v.number(),
  posted: v.number(),
  held: v.number(),
  available: v.number(),
});

/** The signed-in client's wallet: available = cash + promo − held. */
export const summary = clientQuery({
  args: {},
  returns: vWalletSummary,
  handler: async (ctx) => {
    const { currency } = await getSettings(ctx);
    return await Ledger.walletBalance(ctx, ctx.user._id, currency);
  },
});

/** The signed-in client's history, newest first; usePaginatedQuery-compatible. */
export const history = clientQuery({
  args: { paginationOpts: paginationOptsValidator, ...Wallets.vHistoryFilters },
  returns: paginationResultValidator(Wallets.vHistoryRow),
  handler: async (ctx, { paginationOpts, ...filters }) =>
    await Wallets.historyPage(ctx, ctx.user._id, filters, paginationOpts),
});

/** Money of the signed-in client currently reserved by live sessions and bookings. */
export const holds = clientQuery({
  args: {},
  returns: v.array(Wallets.vHoldRow),
  handler: async (ctx) => await Wallets.activeHolds(ctx, ctx.user._id),
});

/** What the top-up form offers, from platformSettings. */
export const topUpOptions = clientQuery({
  args: {},
  returns: v.object({
    currency: v.string(),
    presets: v.array(v.number()),
    min: v.number(),
    max: v.number(),
    provider: v.union(v.literal("stripe"), v.literal("test")),
  }),
  handler: async (ctx) => {
    const settings = await getSettings(ctx);
    return {
      currency: settings.currency,
      presets: settings.topUpPresets,
      min: settings.topUpMin,
      max: settings.topUpMax,
      provider: stripeConfigured() ? ("stripe" as const) : ("test" as const),
    };
  },
});
