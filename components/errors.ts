import { ConvexError } from "convex/values";
import type { AppErrorData, ErrorCode } from "@/convex/errors";

const titles: Record<ErrorCode, string> = {
  UNAUTHENTICATED: "Please sign in",
  FORBIDDEN: "Not allowed",
  NOT_FOUND: "Not found",
  INVALID_ARGUMENT: "Please check your input",
  CONFLICT: "That can't be done right now",
  INSUFFICIENT_FUNDS: "Not enough balance",
  RATE_LIMITED: "Slow down a little",
};

/** Words for a failed call: the backend's message for expected errors, a generic line for bugs. */
export function describeError(error: unknown): { title: string; message: string } {
  if (error instanceof ConvexError && typeof error.data === "object" && error.data !== null && "code" in error.data) {
    const data = error.data as AppErrorData;
    return { title: titles[data.code] ?? "Something went wrong", message: data.message };
  }
  return { title: "Something went wrong", message: "Please try again. If it keeps happening, reload the page." };
}
