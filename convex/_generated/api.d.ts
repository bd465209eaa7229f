/* eslint-disable */
/**
 * Generated `api` utility.
 *
 * THIS CODE IS AUTOMATICALLY GENERATED.
 *
 * To regenerate, run `npx convex dev`.
 * @module
 */

import type {
  ApiFromModules,
  FilterApi,
  FunctionReference,
} from "convex/server";
import type * as adminDashboard from "../adminDashboard.js";
import type * as adminRecords from "../adminRecords.js";
import type * as advisorPhotos from "../advisorPhotos.js";
import type * as advisors from "../advisors.js";
import type * as applications from "../applications.js";
import type * as availability from "../availability.js";
import type * as balanceRefunds from "../balanceRefunds.js";
import type * as bench from "../bench.js";
import type * as bookings from "../bookings.js";
import type * as clock from "../clock.js";
import type * as crons from "../crons.js";
import type * as disputes from "../disputes.js";
import type * as documents from "../documents.js";
import type * as earnings from "../earnings.js";
import type * as earningsDashboard from "../earningsDashboard.js";
import type * as emailDelivery from "../emailDelivery.js";
import type * as emailSend from "../emailSend.js";
import type * as errors from "../errors.js";
import type * as favourites from "../favourites.js";
import type * as functions from "../functions.js";
import type * as http from "../http.js";
import type * as ledger from "../ledger.js";
import type * as mailbox from "../mailbox.js";
import type * as messages from "../messages.js";
import type * as model_adminDashboard from "../model/adminDashboard.js";
import type * as model_adminRecords from "../model/adminRecords.js";
import type * as model_advisorListings from "../model/advisorListings.js";
import type * as model_advisorPhotoUrl from "../model/advisorPhotoUrl.js";
import type * as model_advisorPhotos from "../model/advisorPhotos.js";
import type * as model_advisors from "../model/advisors.js";
import type * as model_advisorsSchema from "../model/advisorsSchema.js";
import type * as model_applications from "../model/applications.js";
import type * as model_audit from "../model/audit.js";
import type * as model_availability from "../model/availability.js";
import type * as model_balanceRefunds from "../model/balanceRefunds.js";
import type * as model_bookings from "../model/bookings.js";
import type * as model_bookingsNotices from "../model/bookingsNotices.js";
import type * as model_bookingsOutcome from "../model/bookingsOutcome.js";
import type * as model_bookingsRoom from "../model/bookingsRoom.js";
import type * as model_bookingsSchema from "../model/bookingsSchema.js";
import type * as model_bookingsViews from "../model/bookingsViews.js";
import type * as model_clock from "../model/clock.js";
import type * as model_clockChain from "../model/clockChain.js";
import type * as model_disputes from "../model/disputes.js";
import type * as model_disputesSchema from "../model/disputesSchema.js";
import type * as model_earnings from "../model/earnings.js";
import type * as model_earningsRollup from "../model/earningsRollup.js";
import type * as model_earningsSchema from "../model/earningsSchema.js";
import type * as model_emailOutbox from "../model/emailOutbox.js";
import type * as model_favourites from "../model/favourites.js";
import type * as model_ledger_accounts from "../model/ledger/accounts.js";
import type * as model_ledger_audit from "../model/ledger/audit.js";
import type * as model_ledger_auditRecords from "../model/ledger/auditRecords.js";
import type * as model_ledger_auditRun from "../model/ledger/auditRun.js";
import type * as model_ledger_balances from "../model/ledger/balances.js";
import type * as model_ledger_holds from "../model/ledger/holds.js";
import type * as model_ledger_index from "../model/ledger/index.js";
import type * as model_ledger_posting from "../model/ledger/posting.js";
import type * as model_ledger_refunds from "../model/ledger/refunds.js";
import type * as model_ledgerSchema from "../model/ledgerSchema.js";
import type * as model_mailbox from "../model/mailbox.js";
import type * as model_notificationPreferences from "../model/notificationPreferences.js";
import type * as model_notifications from "../model/notifications.js";
import type * as model_notificationsSchema from "../model/notificationsSchema.js";
import type * as model_onlineAlerts from "../model/onlineAlerts.js";
import type * as model_payments from "../model/payments.js";
import type * as model_payouts from "../model/payouts.js";
import type * as model_platformRollup from "../model/platformRollup.js";
import type * as model_platformRollupCheck from "../model/platformRollupCheck.js";
import type * as model_platformRollupSchema from "../model/platformRollupSchema.js";
import type * as model_reviews from "../model/reviews.js";
import type * as model_sessions from "../model/sessions.js";
import type * as model_sessionsBilling from "../model/sessionsBilling.js";
import type * as model_sessionsChat from "../model/sessionsChat.js";
import type * as model_sessionsDocuments from "../model/sessionsDocuments.js";
import type * as model_sessionsLifecycle from "../model/sessionsLifecycle.js";
import type * as model_sessionsNotices from "../model/sessionsNotices.js";
import type * as model_sessionsPresence from "../model/sessionsPresence.js";
import type * as model_sessionsRatings from "../model/sessionsRatings.js";
import type * as model_sessionsReceipts from "../model/sessionsReceipts.js";
import type * as model_sessionsSchema from "../model/sessionsSchema.js";
import type * as model_sessionsTimeline from "../model/sessionsTimeline.js";
import type * as model_sessionsViews from "../model/sessionsViews.js";
import type * as model_settings from "../model/settings.js";
import type * as model_settingsRules from "../model/settingsRules.js";
import type * as model_specialties from "../model/specialties.js";
import type * as model_userAdmin from "../model/userAdmin.js";
import type * as model_users from "../model/users.js";
import type * as model_wallets from "../model/wallets.js";
import type * as model_withdrawals from "../model/withdrawals.js";
import type * as notifications from "../notifications.js";
import type * as onlineAlerts from "../onlineAlerts.js";
import type * as payments from "../payments.js";
import type * as payouts from "../payouts.js";
import type * as platformRollups from "../platformRollups.js";
import type * as presence from "../presence.js";
import type * as ratings from "../ratings.js";
import type * as receipts from "../receipts.js";
import type * as reviews from "../reviews.js";
import type * as seed from "../seed.js";
import type * as sessions from "../sessions.js";
import type * as settings from "../settings.js";
import type * as signals from "../signals.js";
import type * as specialties from "../specialties.js";
import type * as userAdmin from "../userAdmin.js";
import type * as users from "../users.js";
import type * as validators from "../validators.js";
import type * as wallets from "../wallets.js";
import type * as withdrawals from "../withdrawals.js";

/**
 * A utility for referencing Convex functions in your app's API.
 *
 * Usage:
 * ```js
 * const myFunctionReference = api.myModule.myFunction;
 * ```
 */
declare const fullApi: ApiFromModules<{
  adminDashboard: typeof adminDashboard;
  adminRecords: typeof adminRecords;
  advisorPhotos: typeof advisorPhotos;
  advisors: typeof advisors;
  applications: typeof applications;
  availability: typeof availability;
  balanceRefunds: typeof balanceRefunds;
  bench: typeof bench;
  bookings: typeof bookings;
  clock: typeof clock;
  crons: typeof crons;
  disputes: typeof disputes;
  documents: typeof documents;
  earnings: typeof earnings;
  earningsDashboard: typeof earningsDashboard;
  emailDelivery: typeof emailDelivery;
  emailSend: typeof emailSend;
  errors: typeof errors;
  favourites: typeof favourites;
  functions: typeof functions;
  http: typeof http;
  ledger: typeof ledger;
  mailbox: typeof mailbox;
  messages: typeof messages;
  "model/adminDashboard": typeof model_adminDashboard;
  "model/adminRecords": typeof model_adminRecords;
  "model/advisorListings": typeof model_advisorListings;
  "model/advisorPhotoUrl": typeof model_advisorPhotoUrl;
  "model/advisorPhotos": typeof model_advisorPhotos;
  "model/advisors": typeof model_advisors;
  "model/advisorsSchema": typeof model_advisorsSchema;
  "model/applications": typeof model_applications;
  "model/audit": typeof model_audit;
  "model/availability": typeof model_availability;
  "model/balanceRefunds": typeof model_balanceRefunds;
  "model/bookings": typeof model_bookings;
  "model/bookingsNotices": typeof model_bookingsNotices;
  "model/bookingsOutcome": typeof model_bookingsOutcome;
  "model/bookingsRoom": typeof model_bookingsRoom;
  "model/bookingsSchema": typeof model_bookingsSchema;
  "model/bookingsViews": typeof model_bookingsViews;
  "model/clock": typeof model_clock;
  "model/clockChain": typeof model_clockChain;
  "model/disputes": typeof model_disputes;
  "model/disputesSchema": typeof model_disputesSchema;
  "model/earnings": typeof model_earnings;
  "model/earningsRollup": typeof model_earningsRollup;
  "model/earningsSchema": typeof model_earningsSchema;
  "model/emailOutbox": typeof model_emailOutbox;
  "model/favourites": typeof model_favourites;
  "model/ledger/accounts": typeof model_ledger_accounts;
  "model/ledger/audit": typeof model_ledger_audit;
  "model/ledger/auditRecords": typeof model_ledger_auditRecords;
  "model/ledger/auditRun": typeof model_ledger_auditRun;
  "model/ledger/balances": typeof model_ledger_balances;
  "model/ledger/holds": typeof model_ledger_holds;
  "model/ledger/index": typeof model_ledger_index;
  "model/ledger/posting": typeof model_ledger_posting;
  "model/ledger/refunds": typeof model_ledger_refunds;
  "model/ledgerSchema": typeof model_ledgerSchema;
  "model/mailbox": typeof model_mailbox;
  "model/notificationPreferences": typeof model_notificationPreferences;
  "model/notifications": typeof model_notifications;
  "model/notificationsSchema": typeof model_notificationsSchema;
  "model/onlineAlerts": typeof model_onlineAlerts;
  "model/payments": typeof model_payments;
  "model/payouts": typeof model_payouts;
  "model/platformRollup": typeof model_platformRollup;
  "model/platformRollupCheck": typeof model_platformRollupCheck;
  "model/platformRollupSchema": typeof model_platformRollupSchema;
  "model/reviews": typeof model_reviews;
  "model/sessions": typeof model_sessions;
  "model/sessionsBilling": typeof model_sessionsBilling;
  "model/sessionsChat": typeof model_sessionsChat;
  "model/sessionsDocuments": typeof model_sessionsDocuments;
  "model/sessionsLifecycle": typeof model_sessionsLifecycle;
  "model/sessionsNotices": typeof model_sessionsNotices;
  "model/sessionsPresence": typeof model_sessionsPresence;
  "model/sessionsRatings": typeof model_sessionsRatings;
  "model/sessionsReceipts": typeof model_sessionsReceipts;
  "model/sessionsSchema": typeof model_sessionsSchema;
  "model/sessionsTimeline": typeof model_sessionsTimeline;
  "model/sessionsViews": typeof model_sessionsViews;
  "model/settings": typeof model_settings;
  "model/settingsRules": typeof model_settingsRules;
  "model/specialties": typeof model_specialties;
  "model/userAdmin": typeof model_userAdmin;
  "model/users": typeof model_users;
  "model/wallets": typeof model_wallets;
  "model/withdrawals": typeof model_withdrawals;
  notifications: typeof notifications;
  onlineAlerts: typeof onlineAlerts;
  payments: typeof payments;
  payouts: typeof payouts;
  platformRollups: typeof platformRollups;
  presence: typeof presence;
  ratings: typeof ratings;
  receipts: typeof receipts;
  reviews: typeof reviews;
  seed: typeof seed;
  sessions: typeof sessions;
  settings: typeof settings;
  signals: typeof signals;
  specialties: typeof specialties;
  userAdmin: typeof userAdmin;
  users: typeof users;
  validators: typeof validators;
  wallets: typeof wallets;
  withdrawals: typeof withdrawals;
}>;
export declare const api: FilterApi<
  typeof fullApi,
  FunctionReference<any, "public">
>;
export declare const internal: FilterApi<
  typeof fullApi,
  FunctionReference<any, "internal">
>;
