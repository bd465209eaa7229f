/** The signed-in advisor's earnings page (SPEC §6): figures, pending releases, ledger history. */
import { v } from "convex/values";
import { paginationOptsValidator, paginationResultValidator } from "convex/server";
import { advisorQuery } from "./functions";
import * as EarningsRollup from "./model/earningsRollup";
import { getSettings } from "./model/settings";
import * as Wallets from "./model/wallets";

/** Total earned, pending, available, being withdrawn, paid out, this month, sessions, time, rating and earnings by day. */
export const overview = advisorQuery({
  args: {},
  returns: EarningsRollup.vEarningsOverview,
  handler: async (ctx) => {
    const { currency } = await getSettings(ctx);
    return await EarningsRollup.overview(ctx, ctx.user._id, currency, Date.now());
  },
});

/** Ended sessions whose earning is still pending, with when each is released, soonest first. */
export const pending = advisorQuery({
  args: {},
  returns: v.array(EarningsRollup.vPendingRelease),
  handler: async (ctx) => await EarningsRollup.pendingReleases(ctx, ctx.user._id, Date.now()),
});

/** The signed-in advisor's ledger history (earnings, releases, payouts, adjustments), newest first. */
export const history = advisorQuery({
  args: { paginationOpts: paginationOptsValidator, ...Wallets.vHistoryFilters },
  returns: paginationResultValidator(Wallets.vHistoryRow),
  handler: async (ctx, { paginationOpts, ...filters }) => await Wallets.historyPage(ctx, ctx.user._id, filters, paginationOpts),
});
