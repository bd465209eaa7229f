/**
 * The double-entry ledger (ARCHITECTURE "Ledger", ADR 004): the only code
 * that writes ledgerAccounts, ledgerTransactions, ledgerEntries and
 * ledgerHolds. Import it as `./model/ledger`; the files behind it are
 *
 * - accounts.ts  account references, lookup, and the rules on keys, currencies and amounts
 * - balances.ts  a client wallet's balance (cash, promo, held, available)
 * - posting.ts   balanced, idempotent transactions and the materialized balances
 * - holds.ts     create, resize, capture and release holds
 * - refunds.ts   reversals and proportional refunds of a charge (share math in lib/money)
 * - audit.ts     the invariants checked per account; auditRun.ts runs them over the whole ledger in batches
 *
 * Only what other modules need is exported here; the planning and writing
 * helpers stay inside the package.
 */
export {
  EXTERNAL_PAYMENTS,
  MAX_LEDGER_AMOUNT,
  PAYOUTS,
  PLATFORM_REVENUE,
  advisorAvailable,
  advisorPending,
  advisorWithdrawing,
  clientCash,
  clientPromo,
  clientRefunding,
  findAccount,
  historyTypeFor,
  type AccountRef,
} from "./accounts";
export { loadWallet, walletBalance, type Wallet, type WalletBalance } from "./balances";
export { findTransactionByKey, post, type EntryInput, type PostInput, type PostResult } from "./posting";
export { captureHold, createHold, releaseHold, resizeHold, type HoldResult } from "./holds";
export { refundCharge, refundedOf, reverse } from "./refunds";
export { accountProblems, type AuditProblem } from "./audit";
export * as AuditRun from "./auditRun";
