/** Convex's error shape for function failures, shared by the sync and HTTP protocols. */
import { convexToJson, type JSONValue, type Value } from "convex/values";

export type FunctionKind = "query" | "mutation" | "action";

/** A failure of the call itself (unknown or non-public function, wrong kind, bad arguments). */
export class CallRejected extends Error {}

export type ErrorShape = { errorMessage: string; errorData?: JSONValue };

const KIND_LETTER: Record<FunctionKind | "http", string> = { query: "Q", mutation: "M", action: "A", http: "H" };
let requestCounter = 0;

export function isConvexError(error: unknown): error is Error & { data: Value } {
  return typeof error === "object" && error !== null && Symbol.for("ConvexError") in error;
}

export function describeError(error: unknown): string {
  if (error instanceof Error) return `${isConvexError(error) ? "ConvexError" : error.name || "Error"}: ${error.message}`;
  return `Error: ${String(error)}`;
}

/** Formats a thrown error as Convex does and logs it on the server. */
export function toErrorShape(kind: FunctionKind | "http", udfPath: string, error: unknown): ErrorShape {
  requestCounter += 1;
  if (error instanceof CallRejected) return { errorMessage: error.message };
  // Clients add their own "[CONVEX M(mod:fn)]" prefix; the server log shows it too.
  const errorMessage = `[Request ID: local-${requestCounter}] Server Error\nUncaught ${describeError(error)}`;
  const logPrefix = `[CONVEX ${KIND_LETTER[kind]}(${udfPath})] `;
  if (!isConvexError(error)) {
    const stack = error instanceof Error && error.stack ? `\n${error.stack.split("\n").slice(1, 6).join("\n")}` : "";
    console.error(`${logPrefix}${errorMessage}${stack}`);
    return { errorMessage };
  }
  console.error(`${logPrefix}${errorMessage}`);
  return { errorMessage, errorData: convexToJson(error.data ?? null) };
}
