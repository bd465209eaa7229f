/**
 * The Convex client logs every failed call with console.error, e.g.
 * `[CONVEX M(messages:send)] [Request ID: 12] Server Error\nUncaught ConvexError: {…}`.
 * A ConvexError is an expected refusal that the page catches and shows in
 * words (STYLE: a plain Error means a bug), so it is not an error of the page.
 */
const REFUSAL = /^\[CONVEX [QMA?]\([^)]*\)\] (?:\[Request ID: [^\]]*\] )?(?:Server Error\s+)?(?:Uncaught )?ConvexError\b/;

/** Whether a Convex client log line (its console arguments) reports an expected refusal rather than a bug. */
export function isExpectedRefusalLog(args: readonly unknown[]): boolean {
  return typeof args[0] === "string" && REFUSAL.test(args[0]);
}
