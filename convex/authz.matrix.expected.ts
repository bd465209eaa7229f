/**
 * The committed authorization matrix (issue 13, item 2), checked by
 * authz.matrix.test.ts. Each row lists, in ROLES order, what a call returns:
 * "ok", "null" (a query answering null, as for someone else's checkout) or
 * the refusal's error code (errors.ts). An answer holding an id or email the
 * caller may not read is "LEAK", which no row may expect. `own` calls use ids of the
 * caller's side of the seeded world (client A and advisor A share side A),
 * `foreign` ids of the other side; visitors and the admin own nothing, so for
 * them `own` is side A and `foreign` side B. `mixed` calls use the caller's
 * own ids with one id of the other side's; `fixed` rows take no ids.
 *
 * Changing a cell is a decision about who may do what: review it like code.
 */
import type { ErrorCode } from "./errors";

export const ROLES = ["anonymous", "clientA", "clientB", "advisorA", "advisorB", "admin"] as const;
export type Role = (typeof ROLES)[number];
export const CASES = ["fixed", "own", "foreign", "mixed"] as const;
export type Case = (typeof CASES)[number];
export type Outcome = "ok" | "null" | ErrorCode;

/** Space-separated outcomes, one per role in ROLES order. */
export const EXPECTED: Record<string, Partial<Record<Case, string>>> = {
  "adminRecords:auditLog": { fixed: "UNAUTHENTICATED FORBIDDEN FORBIDDEN FORBIDDEN FORBIDDEN ok" },
  "adminRecords:disputes": { fixed: "UNAUTHENTICATED FORBIDDEN FORBIDDEN FORBIDDEN FORBIDDEN ok" },
  "adminRecords:endedSessions": { fixed: "UNAUTHENTICATED FORBIDDEN FORBIDDEN FORBIDDEN FORBIDDEN ok" },
  "adminDashboard:figures": { fixed: "UNAUTHENTICATED FORBIDDEN FORBIDDEN FORBIDDEN FORBIDDEN ok" },

  "advisorPhotos:generateUploadUrl": { fixed: "UNAUTHENTICATED FORBIDDEN FORBIDDEN ok ok FORBIDDEN" },
  "advisorPhotos:removePhoto": { fixed: "UNAUTHENTICATED FORBIDDEN FORBIDDEN ok ok FORBIDDEN" },
  "advisorPhotos:setPhoto": {
    own: "UNAUTHENTICATED FORBIDDEN FORBIDDEN ok ok FORBIDDEN",
    foreign: "UNAUTHENTICATED FORBIDDEN FORBIDDEN NOT_FOUND NOT_FOUND FORBIDDEN",
  },

  "advisors:discover": { fixed: "ok ok ok ok ok ok" },
  "advisors:get": {
    own: "ok ok ok ok ok ok",
    foreign: "ok ok ok ok ok ok",
  },
  "advisors:list": { fixed: "ok ok ok ok ok ok" },
  "advisors:mine": { fixed: "UNAUTHENTICATED FORBIDDEN FORBIDDEN ok ok FORBIDDEN" },
  "advisors:setOnline": { fixed: "UNAUTHENTICATED FORBIDDEN FORBIDDEN ok ok FORBIDDEN" },
  "advisors:updateProfile": { fixed: "UNAUTHENTICATED FORBIDDEN FORBIDDEN ok ok FORBIDDEN" },

  "applications:approve": { own: "UNAUTHENTICATED FORBIDDEN FORBIDDEN FORBIDDEN FORBIDDEN ok", foreign: "UNAUTHENTICATED FORBIDDEN FORBIDDEN FORBIDDEN FORBIDDEN ok" },
  "applications:mine": { fixed: "UNAUTHENTICATED ok ok null null null" },
  "applications:queue": { fixed: "UNAUTHENTICATED FORBIDDEN FORBIDDEN FORBIDDEN FORBIDDEN ok" },
  "applications:reject": { own: "UNAUTHENTICATED FORBIDDEN FORBIDDEN FORBIDDEN FORBIDDEN ok", foreign: "UNAUTHENTICATED FORBIDDEN FORBIDDEN FORBIDDEN FORBIDDEN ok" },
  "applications:submit": { fixed: "UNAUTHENTICATED ok ok FORBIDDEN FORBIDDEN FORBIDDEN" },

  "availability:mine": { fixed: "UNAUTHENTICATED FORBIDDEN FORBIDDEN ok ok FORBIDDEN" },
  "availability:save": { fixed: "UNAUTHENTICATED FORBIDDEN FORBIDDEN ok ok FORBIDDEN" },
  "availability:slots": { own: "ok ok ok ok ok ok", foreign: "ok ok ok ok ok ok" },
  "availability:summary": { own: "null null null null null null", foreign: "null null null null null null" },

  "balanceRefunds:approve": {
    own: "UNAUTHENTICATED FORBIDDEN FORBIDDEN FORBIDDEN FORBIDDEN ok",
    foreign: "UNAUTHENTICATED FORBIDDEN FORBIDDEN FORBIDDEN FORBIDDEN ok",
  },
  "balanceRefunds:cancel": {
    own: "UNAUTHENTICATED ok ok FORBIDDEN FORBIDDEN FORBIDDEN",
    foreign: "UNAUTHENTICATED NOT_FOUND NOT_FOUND FORBIDDEN FORBIDDEN FORBIDDEN",
  },
  "balanceRefunds:mine": { fixed: "UNAUTHENTICATED ok ok FORBIDDEN FORBIDDEN FORBIDDEN" },
  "balanceRefunds:queue": { fixed: "UNAUTHENTICATED FORBIDDEN FORBIDDEN FORBIDDEN FORBIDDEN ok" },
  "balanceRefunds:reject": {
    own: "UNAUTHENTICATED FORBIDDEN FORBIDDEN FORBIDDEN FORBIDDEN ok",
    foreign: "UNAUTHENTICATED FORBIDDEN FORBIDDEN FORBIDDEN FORBIDDEN ok",
  },
  "balanceRefunds:request": { fixed: "UNAUTHENTICATED ok ok FORBIDDEN FORBIDDEN FORBIDDEN" },
  "balanceRefunds:retry": {
    own: "UNAUTHENTICATED FORBIDDEN FORBIDDEN FORBIDDEN FORBIDDEN CONFLICT",
    foreign: "UNAUTHENTICATED FORBIDDEN FORBIDDEN FORBIDDEN FORBIDDEN CONFLICT",
  },

  "bookings:advisorHistory": { fixed: "UNAUTHENTICATED FORBIDDEN FORBIDDEN ok ok FORBIDDEN" },
  "bookings:advisorUpcoming": { fixed: "UNAUTHENTICATED FORBIDDEN FORBIDDEN ok ok FORBIDDEN" },
  "bookings:agreeToContinue": { own: "UNAUTHENTICATED CONFLICT CONFLICT CONFLICT CONFLICT NOT_FOUND", foreign: "UNAUTHENTICATED NOT_FOUND NOT_FOUND NOT_FOUND NOT_FOUND NOT_FOUND" },
  "bookings:book": { own: "UNAUTHENTICATED ok ok FORBIDDEN FORBIDDEN FORBIDDEN", foreign: "UNAUTHENTICATED ok ok FORBIDDEN FORBIDDEN FORBIDDEN" },
  "bookings:cancel": { own: "UNAUTHENTICATED ok ok ok ok NOT_FOUND", foreign: "UNAUTHENTICATED NOT_FOUND NOT_FOUND NOT_FOUND NOT_FOUND NOT_FOUND" },
  "bookings:get": { own: "UNAUTHENTICATED ok ok ok ok NOT_FOUND", foreign: "UNAUTHENTICATED NOT_FOUND NOT_FOUND NOT_FOUND NOT_FOUND NOT_FOUND" },
  "bookings:history": { fixed: "UNAUTHENTICATED ok ok FORBIDDEN FORBIDDEN FORBIDDEN" },
  "bookings:join": { own: "UNAUTHENTICATED CONFLICT CONFLICT CONFLICT CONFLICT NOT_FOUND", foreign: "UNAUTHENTICATED NOT_FOUND NOT_FOUND NOT_FOUND NOT_FOUND NOT_FOUND" },
  "bookings:quote": { own: "UNAUTHENTICATED ok ok FORBIDDEN FORBIDDEN FORBIDDEN", foreign: "UNAUTHENTICATED ok ok FORBIDDEN FORBIDDEN FORBIDDEN" },
  "bookings:reschedule": { own: "UNAUTHENTICATED ok ok ok ok NOT_FOUND", foreign: "UNAUTHENTICATED NOT_FOUND NOT_FOUND NOT_FOUND NOT_FOUND NOT_FOUND" },
  "bookings:upcoming": { fixed: "UNAUTHENTICATED ok ok FORBIDDEN FORBIDDEN FORBIDDEN" },

  "clock:status": { fixed: "UNAUTHENTICATED FORBIDDEN FORBIDDEN FORBIDDEN FORBIDDEN ok" },

  "disputes:evidence": {
    own: "UNAUTHENTICATED FORBIDDEN FORBIDDEN FORBIDDEN FORBIDDEN ok",
    foreign: "UNAUTHENTICATED FORBIDDEN FORBIDDEN FORBIDDEN FORBIDDEN ok",
  },
  "disputes:forSession": {
    own: "UNAUTHENTICATED ok ok ok ok ok",
    foreign: "UNAUTHENTICATED FORBIDDEN FORBIDDEN FORBIDDEN FORBIDDEN ok",
  },
  "disputes:open": {
    own: "UNAUTHENTICATED ok ok FORBIDDEN FORBIDDEN FORBIDDEN",
    foreign: "UNAUTHENTICATED FORBIDDEN FORBIDDEN FORBIDDEN FORBIDDEN FORBIDDEN",
  },
  "disputes:openCount": { fixed: "UNAUTHENTICATED FORBIDDEN FORBIDDEN FORBIDDEN FORBIDDEN ok" },
  "disputes:queue": { fixed: "UNAUTHENTICATED FORBIDDEN FORBIDDEN FORBIDDEN FORBIDDEN ok" },
  "disputes:resolve": {
    own: "UNAUTHENTICATED FORBIDDEN FORBIDDEN FORBIDDEN FORBIDDEN ok",
    foreign: "UNAUTHENTICATED FORBIDDEN FORBIDDEN FORBIDDEN FORBIDDEN ok",
  },
  "disputes:takeSatisfactionCredit": {
    own: "UNAUTHENTICATED ok ok FORBIDDEN FORBIDDEN FORBIDDEN",
    foreign: "UNAUTHENTICATED FORBIDDEN FORBIDDEN FORBIDDEN FORBIDDEN FORBIDDEN",
  },

  "documents:attach": {
    own: "UNAUTHENTICATED ok ok FORBIDDEN FORBIDDEN FORBIDDEN",
    foreign: "UNAUTHENTICATED FORBIDDEN FORBIDDEN FORBIDDEN FORBIDDEN FORBIDDEN",
    mixed: "UNAUTHENTICATED FORBIDDEN FORBIDDEN FORBIDDEN FORBIDDEN FORBIDDEN",
  },
  "documents:downloadUrl": {
    own: "UNAUTHENTICATED ok ok ok ok ok",
    foreign: "UNAUTHENTICATED FORBIDDEN FORBIDDEN FORBIDDEN FORBIDDEN ok",
    mixed: "UNAUTHENTICATED NOT_FOUND NOT_FOUND NOT_FOUND NOT_FOUND NOT_FOUND",
  },
  "documents:generateUploadUrl": {
    own: "UNAUTHENTICATED ok ok ok ok FORBIDDEN",
    foreign: "UNAUTHENTICATED FORBIDDEN FORBIDDEN FORBIDDEN FORBIDDEN FORBIDDEN",
  },
  "documents:list": {
    own: "UNAUTHENTICATED ok ok ok ok ok",
    foreign: "UNAUTHENTICATED FORBIDDEN FORBIDDEN FORBIDDEN FORBIDDEN ok",
  },

  "earningsDashboard:history": { fixed: "UNAUTHENTICATED FORBIDDEN FORBIDDEN ok ok FORBIDDEN" },
  "earningsDashboard:overview": { fixed: "UNAUTHENTICATED FORBIDDEN FORBIDDEN ok ok FORBIDDEN" },
  "earningsDashboard:pending": { fixed: "UNAUTHENTICATED FORBIDDEN FORBIDDEN ok ok FORBIDDEN" },

  "ledger:findUser": {
    own: "UNAUTHENTICATED FORBIDDEN FORBIDDEN FORBIDDEN FORBIDDEN ok",
    foreign: "UNAUTHENTICATED FORBIDDEN FORBIDDEN FORBIDDEN FORBIDDEN ok",
  },
  "ledger:grantPromo": {
    own: "UNAUTHENTICATED FORBIDDEN FORBIDDEN FORBIDDEN FORBIDDEN ok",
    foreign: "UNAUTHENTICATED FORBIDDEN FORBIDDEN FORBIDDEN FORBIDDEN ok",
  },
  "ledger:latestAudit": { fixed: "UNAUTHENTICATED FORBIDDEN FORBIDDEN FORBIDDEN FORBIDDEN null" },
  "ledger:searchTransactions": { fixed: "UNAUTHENTICATED FORBIDDEN FORBIDDEN FORBIDDEN FORBIDDEN ok" },
  "ledger:startAudit": { fixed: "UNAUTHENTICATED FORBIDDEN FORBIDDEN FORBIDDEN FORBIDDEN ok" },
  "ledger:userHistory": {
    own: "UNAUTHENTICATED FORBIDDEN FORBIDDEN FORBIDDEN FORBIDDEN ok",
    foreign: "UNAUTHENTICATED FORBIDDEN FORBIDDEN FORBIDDEN FORBIDDEN ok",
  },

  "messages:list": {
    own: "UNAUTHENTICATED ok ok ok ok ok",
    foreign: "UNAUTHENTICATED FORBIDDEN FORBIDDEN FORBIDDEN FORBIDDEN ok",
  },
  "messages:send": {
    own: "UNAUTHENTICATED ok ok ok ok FORBIDDEN",
    foreign: "UNAUTHENTICATED FORBIDDEN FORBIDDEN FORBIDDEN FORBIDDEN FORBIDDEN",
  },

  "payouts:setup": { fixed: "UNAUTHENTICATED FORBIDDEN FORBIDDEN ok ok FORBIDDEN" },
  "payouts:startStripeOnboarding": { fixed: "UNAUTHENTICATED FORBIDDEN FORBIDDEN CONFLICT CONFLICT FORBIDDEN" },

  "favourites:ids": { fixed: "UNAUTHENTICATED ok ok FORBIDDEN FORBIDDEN FORBIDDEN" },
  "favourites:list": { fixed: "UNAUTHENTICATED ok ok FORBIDDEN FORBIDDEN FORBIDDEN" },
  "favourites:set": { own: "UNAUTHENTICATED ok ok FORBIDDEN FORBIDDEN FORBIDDEN", foreign: "UNAUTHENTICATED ok ok FORBIDDEN FORBIDDEN FORBIDDEN" },

  "mailbox:get": {
    own: "UNAUTHENTICATED FORBIDDEN FORBIDDEN FORBIDDEN FORBIDDEN ok",
    foreign: "UNAUTHENTICATED FORBIDDEN FORBIDDEN FORBIDDEN FORBIDDEN ok",
  },
  "mailbox:list": { fixed: "UNAUTHENTICATED FORBIDDEN FORBIDDEN FORBIDDEN FORBIDDEN ok" },
  "mailbox:retry": {
    own: "UNAUTHENTICATED FORBIDDEN FORBIDDEN FORBIDDEN FORBIDDEN CONFLICT",
    foreign: "UNAUTHENTICATED FORBIDDEN FORBIDDEN FORBIDDEN FORBIDDEN CONFLICT",
  },

  "notifications:list": { fixed: "UNAUTHENTICATED ok ok ok ok ok" },
  "notifications:markAllRead": { fixed: "UNAUTHENTICATED ok ok ok ok ok" },
  "notifications:markRead": {
    own: "UNAUTHENTICATED NOT_FOUND NOT_FOUND ok ok NOT_FOUND",
    foreign: "UNAUTHENTICATED NOT_FOUND NOT_FOUND NOT_FOUND NOT_FOUND NOT_FOUND",
  },
  "notifications:preferences": { fixed: "UNAUTHENTICATED ok ok ok ok ok" },
  "notifications:setPreference": { fixed: "UNAUTHENTICATED ok ok ok ok ok" },
  "notifications:unreadCount": { fixed: "UNAUTHENTICATED ok ok ok ok ok" },

  "onlineAlerts:ask": {
    own: "UNAUTHENTICATED ok ok FORBIDDEN FORBIDDEN FORBIDDEN",
    foreign: "UNAUTHENTICATED ok ok FORBIDDEN FORBIDDEN FORBIDDEN",
  },
  "onlineAlerts:cancel": {
    own: "UNAUTHENTICATED ok ok FORBIDDEN FORBIDDEN FORBIDDEN",
    foreign: "UNAUTHENTICATED ok ok FORBIDDEN FORBIDDEN FORBIDDEN",
  },
  "onlineAlerts:waiting": {
    own: "UNAUTHENTICATED ok ok FORBIDDEN FORBIDDEN FORBIDDEN",
    foreign: "UNAUTHENTICATED ok ok FORBIDDEN FORBIDDEN FORBIDDEN",
  },

  "payments:createTopUp": { fixed: "UNAUTHENTICATED ok ok FORBIDDEN FORBIDDEN FORBIDDEN" },
  "payments:getCheckout": {
    own: "UNAUTHENTICATED ok ok FORBIDDEN FORBIDDEN FORBIDDEN",
    foreign: "UNAUTHENTICATED null null FORBIDDEN FORBIDDEN FORBIDDEN",
  },
  "payments:payTestCheckout": {
    own: "UNAUTHENTICATED ok ok FORBIDDEN FORBIDDEN FORBIDDEN",
    foreign: "UNAUTHENTICATED NOT_FOUND NOT_FOUND FORBIDDEN FORBIDDEN FORBIDDEN",
  },

  "presence:advisorStatus": {
    own: "ok ok ok ok ok ok",
    foreign: "ok ok ok ok ok ok",
  },
  "presence:advisorStatuses": {
    own: "ok ok ok ok ok ok",
    foreign: "ok ok ok ok ok ok",
  },
  "presence:heartbeat": {
    own: "UNAUTHENTICATED ok ok ok ok FORBIDDEN",
    foreign: "UNAUTHENTICATED FORBIDDEN FORBIDDEN FORBIDDEN FORBIDDEN FORBIDDEN",
  },
  "presence:videoSettings": { fixed: "UNAUTHENTICATED ok ok ok ok ok" },

  "ratings:feedbackLimit": { fixed: "UNAUTHENTICATED ok ok ok ok ok" },
  "ratings:forSession": {
    own: "UNAUTHENTICATED null null null null null",
    foreign: "UNAUTHENTICATED FORBIDDEN FORBIDDEN FORBIDDEN FORBIDDEN null",
  },
  "ratings:rate": {
    own: "UNAUTHENTICATED ok ok FORBIDDEN FORBIDDEN FORBIDDEN",
    foreign: "UNAUTHENTICATED FORBIDDEN FORBIDDEN FORBIDDEN FORBIDDEN FORBIDDEN",
  },

  "receipts:get": {
    own: "UNAUTHENTICATED ok ok ok ok ok",
    foreign: "UNAUTHENTICATED FORBIDDEN FORBIDDEN FORBIDDEN FORBIDDEN ok",
  },

  "sessions:acceptSession": {
    own: "UNAUTHENTICATED FORBIDDEN FORBIDDEN ok ok FORBIDDEN",
    foreign: "UNAUTHENTICATED FORBIDDEN FORBIDDEN FORBIDDEN FORBIDDEN FORBIDDEN",
  },
  "sessions:adminEndSession": {
    own: "UNAUTHENTICATED FORBIDDEN FORBIDDEN FORBIDDEN FORBIDDEN ok",
    foreign: "UNAUTHENTICATED FORBIDDEN FORBIDDEN FORBIDDEN FORBIDDEN ok",
  },
  "sessions:adminListLive": { fixed: "UNAUTHENTICATED FORBIDDEN FORBIDDEN FORBIDDEN FORBIDDEN ok" },
  "sessions:cancelRequest": {
    own: "UNAUTHENTICATED ok ok FORBIDDEN FORBIDDEN FORBIDDEN",
    foreign: "UNAUTHENTICATED FORBIDDEN FORBIDDEN FORBIDDEN FORBIDDEN FORBIDDEN",
  },
  "sessions:current": { fixed: "UNAUTHENTICATED ok ok ok ok null" },
  "sessions:declineSession": {
    own: "UNAUTHENTICATED FORBIDDEN FORBIDDEN ok ok FORBIDDEN",
    foreign: "UNAUTHENTICATED FORBIDDEN FORBIDDEN FORBIDDEN FORBIDDEN FORBIDDEN",
  },
  "sessions:endSession": {
    own: "UNAUTHENTICATED ok ok ok ok FORBIDDEN",
    foreign: "UNAUTHENTICATED FORBIDDEN FORBIDDEN FORBIDDEN FORBIDDEN FORBIDDEN",
  },
  "sessions:get": {
    own: "UNAUTHENTICATED ok ok ok ok ok",
    foreign: "UNAUTHENTICATED FORBIDDEN FORBIDDEN FORBIDDEN FORBIDDEN ok",
  },
  "sessions:incomingRequests": { fixed: "UNAUTHENTICATED FORBIDDEN FORBIDDEN ok ok FORBIDDEN" },
  "sessions:listMine": { fixed: "UNAUTHENTICATED ok ok ok ok FORBIDDEN" },
  "sessions:pauseSession": {
    own: "UNAUTHENTICATED ok ok ok ok FORBIDDEN",
    foreign: "UNAUTHENTICATED FORBIDDEN FORBIDDEN FORBIDDEN FORBIDDEN FORBIDDEN",
  },
  "sessions:requestSession": {
    own: "UNAUTHENTICATED ok ok FORBIDDEN FORBIDDEN FORBIDDEN",
    foreign: "UNAUTHENTICATED ok ok FORBIDDEN FORBIDDEN FORBIDDEN",
  },
  "sessions:resumeSession": {
    own: "UNAUTHENTICATED ok ok ok ok FORBIDDEN",
    foreign: "UNAUTHENTICATED FORBIDDEN FORBIDDEN FORBIDDEN FORBIDDEN FORBIDDEN",
  },

  "settings:adminList": { fixed: "UNAUTHENTICATED FORBIDDEN FORBIDDEN FORBIDDEN FORBIDDEN ok" },
  "settings:history": { fixed: "UNAUTHENTICATED FORBIDDEN FORBIDDEN FORBIDDEN FORBIDDEN ok" },
  "settings:publicLimits": { fixed: "UNAUTHENTICATED ok ok ok ok ok" },
  "settings:update": { fixed: "UNAUTHENTICATED FORBIDDEN FORBIDDEN FORBIDDEN FORBIDDEN ok" },

  "reviews:forAdvisor": { own: "ok ok ok ok ok ok", foreign: "ok ok ok ok ok ok" },
  "reviews:hide": { own: "UNAUTHENTICATED FORBIDDEN FORBIDDEN FORBIDDEN FORBIDDEN ok", foreign: "UNAUTHENTICATED FORBIDDEN FORBIDDEN FORBIDDEN FORBIDDEN ok" },
  "reviews:mine": { fixed: "UNAUTHENTICATED FORBIDDEN FORBIDDEN ok ok FORBIDDEN" },
  "reviews:reply": {
    own: "UNAUTHENTICATED FORBIDDEN FORBIDDEN ok ok FORBIDDEN",
    foreign: "UNAUTHENTICATED FORBIDDEN FORBIDDEN NOT_FOUND NOT_FOUND FORBIDDEN",
  },
  "reviews:summary": { own: "ok ok ok ok ok ok", foreign: "ok ok ok ok ok ok" },

  "signals:cursor": {
    own: "UNAUTHENTICATED ok ok ok ok FORBIDDEN",
    foreign: "UNAUTHENTICATED FORBIDDEN FORBIDDEN FORBIDDEN FORBIDDEN FORBIDDEN",
  },
  "signals:listForMe": {
    own: "UNAUTHENTICATED ok ok ok ok FORBIDDEN",
    foreign: "UNAUTHENTICATED FORBIDDEN FORBIDDEN FORBIDDEN FORBIDDEN FORBIDDEN",
  },
  "signals:send": {
    own: "UNAUTHENTICATED ok ok ok ok FORBIDDEN",
    foreign: "UNAUTHENTICATED FORBIDDEN FORBIDDEN FORBIDDEN FORBIDDEN FORBIDDEN",
  },
  "signals:videoCall": {
    own: "UNAUTHENTICATED ok ok ok ok FORBIDDEN",
    foreign: "UNAUTHENTICATED FORBIDDEN FORBIDDEN FORBIDDEN FORBIDDEN FORBIDDEN",
  },

  "userAdmin:detail": {
    own: "UNAUTHENTICATED FORBIDDEN FORBIDDEN FORBIDDEN FORBIDDEN ok",
    foreign: "UNAUTHENTICATED FORBIDDEN FORBIDDEN FORBIDDEN FORBIDDEN ok",
  },
  "userAdmin:search": { fixed: "UNAUTHENTICATED FORBIDDEN FORBIDDEN FORBIDDEN FORBIDDEN ok" },
  "userAdmin:setStatus": {
    own: "UNAUTHENTICATED FORBIDDEN FORBIDDEN FORBIDDEN FORBIDDEN ok",
    foreign: "UNAUTHENTICATED FORBIDDEN FORBIDDEN FORBIDDEN FORBIDDEN ok",
  },
  "users:current": { fixed: "null ok ok ok ok ok" },
  "users:list": { fixed: "UNAUTHENTICATED FORBIDDEN FORBIDDEN FORBIDDEN FORBIDDEN ok" },
  // Tests run without local sign-in, so the list of local accounts is refused to everyone.
  // Tests run without local sign-in, so the list of local accounts is refused to everyone.
  "users:listLocalAccounts": { fixed: "FORBIDDEN FORBIDDEN FORBIDDEN FORBIDDEN FORBIDDEN FORBIDDEN" },
  "users:recentRoleChanges": { fixed: "UNAUTHENTICATED FORBIDDEN FORBIDDEN FORBIDDEN FORBIDDEN ok" },
  "users:setRole": {
    own: "UNAUTHENTICATED FORBIDDEN FORBIDDEN FORBIDDEN FORBIDDEN ok",
    foreign: "UNAUTHENTICATED FORBIDDEN FORBIDDEN FORBIDDEN FORBIDDEN ok",
  },
  "users:store": { fixed: "UNAUTHENTICATED ok ok ok ok ok" },

  "wallets:history": { fixed: "UNAUTHENTICATED ok ok FORBIDDEN FORBIDDEN FORBIDDEN" },
  "wallets:holds": { fixed: "UNAUTHENTICATED ok ok FORBIDDEN FORBIDDEN FORBIDDEN" },
  "wallets:summary": { fixed: "UNAUTHENTICATED ok ok FORBIDDEN FORBIDDEN FORBIDDEN" },
  "wallets:topUpOptions": { fixed: "UNAUTHENTICATED ok ok FORBIDDEN FORBIDDEN FORBIDDEN" },

  "specialties:add": { fixed: "UNAUTHENTICATED FORBIDDEN FORBIDDEN FORBIDDEN FORBIDDEN ok" },
  "specialties:list": { fixed: "ok ok ok ok ok ok" },
  "specialties:remove": { fixed: "UNAUTHENTICATED FORBIDDEN FORBIDDEN FORBIDDEN FORBIDDEN ok" },

  "withdrawals:approve": {
    own: "UNAUTHENTICATED FORBIDDEN FORBIDDEN FORBIDDEN FORBIDDEN ok",
    foreign: "UNAUTHENTICATED FORBIDDEN FORBIDDEN FORBIDDEN FORBIDDEN ok",
  },
  "withdrawals:bankDetails": { fixed: "UNAUTHENTICATED FORBIDDEN FORBIDDEN ok ok FORBIDDEN" },
  "withdrawals:markPaid": {
    own: "UNAUTHENTICATED FORBIDDEN FORBIDDEN FORBIDDEN FORBIDDEN ok",
    foreign: "UNAUTHENTICATED FORBIDDEN FORBIDDEN FORBIDDEN FORBIDDEN ok",
  },
  "withdrawals:mine": { fixed: "UNAUTHENTICATED FORBIDDEN FORBIDDEN ok ok FORBIDDEN" },
  "withdrawals:queue": { fixed: "UNAUTHENTICATED FORBIDDEN FORBIDDEN FORBIDDEN FORBIDDEN ok" },
  "withdrawals:reject": {
    own: "UNAUTHENTICATED FORBIDDEN FORBIDDEN FORBIDDEN FORBIDDEN ok",
    foreign: "UNAUTHENTICATED FORBIDDEN FORBIDDEN FORBIDDEN FORBIDDEN ok",
  },
  "withdrawals:request": { fixed: "UNAUTHENTICATED FORBIDDEN FORBIDDEN ok ok FORBIDDEN" },
  "withdrawals:saveBankDetails": { fixed: "UNAUTHENTICATED FORBIDDEN FORBIDDEN ok ok FORBIDDEN" },
};

/** Public functions the matrix cannot call here, each with its reason. */
export const SKIPPED: Record<string, string> = {};
