import { ConvexError } from "convex/values";

/** Every expected failure the backend reports. The UI maps codes to words. */
export const ERROR_CODES = [
  "UNAUTHENTICATED",
  "FORBIDDEN",
  "NOT_FOUND",
  "INVALID_ARGUMENT",
  "CONFLICT",
  "INSUFFICIENT_FUNDS",
  "RATE_LIMITED",
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/**
 * What an expected failure carries to the browser. `field` names the argument
 * at fault when there is one (e.g. "headline"), so a form can show the message
 * next to that field instead of as a form-level alert.
 */
export type AppErrorData = { code: ErrorCode; message: string; field?: string };

export function appError(code: ErrorCode, message: string, field?: string): ConvexError<AppErrorData> {
  return new ConvexError(field === undefined ? { code, message } : { code, message, field });
}
