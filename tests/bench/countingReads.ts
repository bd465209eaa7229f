/**
 * A query ctx whose db counts every document its reads return (get, and
 * take/first/unique/collect/paginate at the end of a query): the "documents
 * read" figure of the benches, as Convex counts a function's reads.
 */
import type { QueryCtx } from "../../convex/_generated/server";

const TERMINAL = new Set(["take", "first", "unique", "collect", "paginate"]);

/* eslint-disable @typescript-eslint/no-explicit-any */
export function countingReads(ctx: QueryCtx): { ctx: QueryCtx; reads: () => number } {
  let reads = 0;
  const count = (result: any) => {
    if (Array.isArray(result)) reads += result.length;
    else if (result && Array.isArray(result.page)) reads += result.page.length;
    else if (result) reads += 1;
    return result;
  };
  const wrap = (query: any): any =>
    new Proxy(query, {
      get(target, prop) {
        const value = target[prop];
        if (typeof value !== "function") return value;
        return (...args: unknown[]) => {
          const result = value.apply(target, args);
          return TERMINAL.has(String(prop)) ? Promise.resolve(result).then(count) : wrap(result);
        };
      },
    });
  const db = new Proxy(ctx.db as any, {
    get(target, prop) {
      if (prop === "get") return async (id: any) => count(await target.get(id));
      if (prop === "query") return (table: string) => wrap(target.query(table));
      return target[prop];
    },
  });
  return { ctx: { ...ctx, db } as QueryCtx, reads: () => reads };
}
