import { ConvexError } from "convex/values";
import { ERROR_CODES, type AppErrorData, type ErrorCode } from "@/convex/errors";

const titles: Record<ErrorCode, string> = {
  UNAUTHENTICATED: "Please sign in",
  FORBIDDEN: "Not allowed",
  NOT_FOUND: "Not found",
  INVALID_ARGUMENT: "Please check your input",
  CONFLICT: "That can't be done right now",
  INSUFFICIENT_FUNDS: "Not enough balance",
  RATE_LIMITED: "Slow down a little",
};

/** The backend's expected-failure data, or null for anything else (a bug, a network failure). */
export function appErrorData(error: unknown): AppErrorData | null {
  if (!(error instanceof ConvexError) || typeof error.data !== "object" || error.data === null) return null;
  const data = error.data as Partial<AppErrorData>;
  if (typeof data.code !== "string" || !(ERROR_CODES as readonly string[]).includes(data.code) || typeof data.message !== "string") return null;
  return { code: data.code, message: data.message, ...(typeof data.field === "string" ? { field: data.field } : {}) };
}

/** The code of an expected failure (e.g. "INSUFFICIENT_FUNDS"), or null when it is not one. */
export function errorCode(error: unknown): ErrorCode | null {
  return appErrorData(error)?.code ?? null;
}

/** Words for a failed call: the backend's message for expected errors, a generic line for bugs. `field` names the argument at fault, if any. */
export function describeError(error: unknown): { title: string; message: string; code: ErrorCode | null; field?: string } {
  const data = appErrorData(error);
  if (data !== null) return { title: titles[data.code], message: data.message, code: data.code, field: data.field };
  return { title: "Something went wrong", message: "Please try again. If it keeps happening, reload the page.", code: null };
}
