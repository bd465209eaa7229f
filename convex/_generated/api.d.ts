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
import type * as advisors from "../advisors.js";
import type * as errors from "../errors.js";
import type * as functions from "../functions.js";
import type * as model_advisors from "../model/advisors.js";
import type * as model_audit from "../model/audit.js";
import type * as model_ledger from "../model/ledger.js";
import type * as model_ledgerSchema from "../model/ledgerSchema.js";
import type * as model_settings from "../model/settings.js";
import type * as model_users from "../model/users.js";
import type * as seed from "../seed.js";
import type * as users from "../users.js";
import type * as validators from "../validators.js";

/**
 * A utility for referencing Convex functions in your app's API.
 *
 * Usage:
 * ```js
 * const myFunctionReference = api.myModule.myFunction;
 * ```
 */
declare const fullApi: ApiFromModules<{
  advisors: typeof advisors;
  errors: typeof errors;
  functions: typeof functions;
  "model/advisors": typeof model_advisors;
  "model/audit": typeof model_audit;
  "model/ledger": typeof model_ledger;
  "model/ledgerSchema": typeof model_ledgerSchema;
  "model/settings": typeof model_settings;
  "model/users": typeof model_users;
  seed: typeof seed;
  users: typeof users;
  validators: typeof validators;
}>;
export declare const api: FilterApi<
  typeof fullApi,
  FunctionReference<any, "public">
>;
export declare const internal: FilterApi<
  typeof fullApi,
  FunctionReference<any, "internal">
>;
