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
import type * as errors from "../errors.js";
import type * as functions from "../functions.js";
import type * as model_ledger from "../model/ledger.js";
import type * as model_ledgerSchema from "../model/ledgerSchema.js";
import type * as model_settings from "../model/settings.js";
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
  errors: typeof errors;
  functions: typeof functions;
  "model/ledger": typeof model_ledger;
  "model/ledgerSchema": typeof model_ledgerSchema;
  "model/settings": typeof model_settings;
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
