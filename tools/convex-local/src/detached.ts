import { AsyncResource } from "node:async_hooks";

/**
 * Work triggered from inside a function call (a commit hook, a timer armed by
 * a mutation) must not inherit convex-test's per-call context (identity,
 * nested-transaction lock, overridden globals). This runs it from a context
 * captured when the backend module was loaded.
 */
const rootScope = new AsyncResource("convex-local-root");

export function detached<T>(fn: () => T): T {
  return rootScope.runInAsyncScope(fn);
}
