/**
 * Runs the functions of a folder on convex-test's engine: resolves udf paths,
 * enforces visibility and function kind, tracks what each query read, and
 * publishes every committed top-level transaction.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { convexTest } from "convex-test";
import { compareValues, jsonToConvex, type Value } from "convex/values";
import type { UserIdentity } from "convex/server";
import { attachInternals, type Commit, type DocumentChange, type EngineInternals, type IndexScan, type QuerySource, type ReadRecorder, type SearchScan } from "./engine-internals.js";
import { scanCovers } from "./query-engine.js";
import { searchCovers } from "./search-index.js";
import { loadFunctionModules, type FunctionModules, type LoadedModule } from "./modules.js";
import { CallRejected, type FunctionKind } from "./errors.js";

type RegisteredFunction = {
  isQuery?: boolean;
  isMutation?: boolean;
  isAction?: boolean;
  isPublic?: boolean;
  isInternal?: boolean;
};

export type ResolvedFunction = { udfPath: string; kind: FunctionKind; isPublic: boolean };

/** Documents read by id, and what queries read: coarse sources, and when recorded, the exact index intervals. */
export type ReadSet = { ids: Set<string>; sources: QuerySource[]; scans?: (IndexScan | SearchScan)[] };

type TestAccessor = ReturnType<typeof convexTest>;
type PathCaller = {
  queryFromPath(p: { componentPath: string; udfPath: string }, args: unknown): Promise<unknown>;
  mutationFromPath(p: { componentPath: string; udfPath: string }, args: unknown): Promise<unknown>;
  actionFromPath(p: { componentPath: string; udfPath: string }, args: unknown): Promise<unknown>;
};

/** "messages:list", "messages.js:list", "dir/mod" → { module, exportName }. */
export function parseUdfPath(udfPath: string): { modulePath: string; exportName: string; canonical: string } {
  const [rawModule = "", exportName = "default"] = udfPath.split(":");
  const modulePath = rawModule.replace(/\.(js|ts|mjs|jsx|tsx)$/, "");
  return { modulePath, exportName, canonical: `${modulePath}:${exportName}` };
}

function fieldValue(doc: Record<string, unknown>, fieldPath: string): Value | undefined {
  let value: unknown = doc;
  for (const part of fieldPath.split(".")) {
    value = value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>)[part] : undefined;
  }
  return value as Value | undefined;
}

function inRange(source: Extract<QuerySource, { kind: "range" }>, doc: Record<string, unknown> | null): boolean {
  if (doc === null) return false;
  return source.range.every((filter) => {
    const bound = filter.value !== null && typeof filter.value === "object" && "$undefined" in filter.value ? undefined : jsonToConvex(filter.value as never);
    const cmp = compareValues(fieldValue(doc, filter.fieldPath), bound);
    switch (filter.type) {
      case "Eq":
        return cmp === 0;
      case "Gt":
        return cmp > 0;
      case "Gte":
        return cmp >= 0;
      case "Lt":
        return cmp < 0;
      case "Lte":
        return cmp <= 0;
    }
  });
}

/** Whether a committed change can alter the result of a query that read `reads`. */
export function changeTouches(reads: ReadSet, change: DocumentChange): boolean {
  if (reads.ids.has(change.id)) return true;
  if (reads.scans !== undefined) {
    return reads.scans.some((scan) => {
      if (scan.table !== change.table) return false;
      // A search's result (which documents, their relevance) depends only on the documents matching it.
      if ("kind" in scan) return searchCovers(scan, change.before) || searchCovers(scan, change.after);
      return scanCovers(scan, change.before) || scanCovers(scan, change.after);
    });
  }
  return reads.sources.some(
    (source) =>
      source.table === change.table &&
      (source.kind === "table" || inRange(source, change.before) || inRange(source, change.after)),
  );
}

export class Engine {
  private commitSeq = 0;
  private recentCommits: { seq: number; commit: Commit }[] = [];
  private commitListeners: ((commit: Commit) => void)[] = [];
  private reloadListeners: (() => void)[] = [];

  private constructor(
    readonly functionsDir: string,
    private t: TestAccessor,
    readonly internals: EngineInternals,
    private modules: FunctionModules,
  ) {
    internals.setModuleResolver(async (modulePath) => this.resolveModuleForEngine(modulePath));
    this.keepPageEnds();
    internals.onCommit((commit) => {
      this.commitSeq += 1;
      this.recentCommits.push({ seq: this.commitSeq, commit });
      if (this.recentCommits.length > 2000) this.recentCommits.splice(0, 1000);
      for (const listener of this.commitListeners) listener(commit);
    });
  }

  /**
   * A subscribed paginated query keeps the end of its page across re-runs (as
   * Convex's query journal does): the page grows or shrinks with inserts and
   * deletes, but the next page still starts where it ends, so pages stay gap-free.
   */
  private keepPageEnds(): void {
    this.internals.interceptAsyncSyscalls((op, jsonArgs, _db, next) => {
      const journal = op === "1.0/queryPage" ? this.internals.currentReadRecorder()?.page : undefined;
      if (journal === undefined) return undefined;
      return (async () => {
        const args = JSON.parse(jsonArgs) as { endCursor?: string | null };
        const forcedEnd = args.endCursor == null && journal.end !== null ? journal.end : null;
        if (forcedEnd !== null) args.endCursor = forcedEnd;
        const result = JSON.parse(await next(op, JSON.stringify(args))) as { isDone: boolean; continueCursor: string };
        if (forcedEnd !== null && forcedEnd !== "_end_cursor") {
          // With an end cursor the page always continues from it, even when the
          // document at the boundary was deleted.
          result.continueCursor = forcedEnd;
          result.isDone = false;
        }
        if (journal.end === null) journal.end = result.continueCursor;
        return JSON.stringify(result);
      })();
    });
  }

  static async create(functionsDir: string): Promise<Engine> {
    const modules = await loadFunctionModules(functionsDir);
    const schema = modules.get("schema")?.default;
    // convex-test only needs a "_generated" key to find the modules root; modules come from our resolver.
    const fakeGlob = { "./_generated/api.js": async () => ({}) };
    const t = convexTest({ schema: schema as never, modules: fakeGlob as never });
    const internals = await attachInternals(t as never);
    return new Engine(functionsDir, t, internals, modules);
  }

  /** Swaps in freshly loaded modules; data stays. */
  async reload(): Promise<void> {
    const fresh = await loadFunctionModules(this.functionsDir);
    const previous = this.modules;
    this.modules = fresh;
    this.internals.setSchema(fresh.get("schema")?.default ?? null);
    await previous.dispose();
    for (const listener of this.reloadListeners) listener();
  }

  async close(): Promise<void> {
    await this.modules.dispose();
  }

  get sourceFiles(): string[] {
    return this.modules.inputs;
  }

  onCommit(listener: (commit: Commit) => void): void {
    this.commitListeners.push(listener);
  }

  onReload(listener: () => void): void {
    this.reloadListeners.push(listener);
  }

  get currentCommitSeq(): number {
    return this.commitSeq;
  }

  lastCommitTs(): bigint {
    return this.internals.lastCommitTs();
  }

  /** Commits after `seq`, or null when they are no longer all remembered. */
  commitsSince(seq: number): Commit[] | null {
    const first = this.recentCommits[0]?.seq ?? this.commitSeq + 1;
    if (seq + 1 < first) return null;
    return this.recentCommits.slice(seq + 1 - first).map((entry) => entry.commit);
  }

  module(modulePath: string): LoadedModule {
    const loaded = this.modules.get(modulePath);
    if (loaded === undefined) throw new Error(`Could not find module for: "${modulePath}"`);
    return loaded;
  }

  optionalModule(modulePath: string): LoadedModule | undefined {
    return this.modules.get(modulePath);
  }

  resolve(udfPath: string): ResolvedFunction | null {
    const { modulePath, exportName, canonical } = parseUdfPath(udfPath);
    const fn = this.modules.get(modulePath)?.[exportName] as RegisteredFunction | undefined;
    if (fn === undefined || fn === null) return null;
    const kind: FunctionKind | null = fn.isQuery ? "query" : fn.isMutation ? "mutation" : fn.isAction ? "action" : null;
    if (kind === null) return null;
    return { udfPath: canonical, kind, isPublic: fn.isPublic === true };
  }

  /** Resolves a call from a client: only public functions, of the expected kind when given. */
  resolveForCall(udfPath: string, expected: FunctionKind | "any", allowInternal: boolean): ResolvedFunction {
    const resolved = this.resolve(udfPath);
    const { canonical } = parseUdfPath(udfPath);
    if (resolved === null || (!resolved.isPublic && !allowInternal)) {
      throw new CallRejected(
        `Could not find public function for '${canonical}'. Did you forget to run \`npx convex dev\` or \`npx convex deploy\`?`,
      );
    }
    if (expected !== "any" && resolved.kind !== expected) {
      const label = (k: string) => k[0]!.toUpperCase() + k.slice(1);
      throw new CallRejected(`Trying to execute ${canonical} as ${label(expected)}, but it is defined as ${label(resolved.kind)}.`);
    }
    return resolved;
  }

  private accessor(identity: UserIdentity | null): PathCaller {
    return (identity === null ? this.t : this.t.withIdentity(identity)) as unknown as PathCaller;
  }

  async call(fn: ResolvedFunction, args: Value, identity: UserIdentity | null, reads?: ReadRecorder): Promise<unknown> {
    const caller = this.accessor(identity);
    const path = { componentPath: "", udfPath: fn.udfPath };
    switch (fn.kind) {
      case "query":
        return reads === undefined
          ? await caller.queryFromPath(path, args)
          : await this.internals.recordReads(reads, () => caller.queryFromPath(path, args));
      case "mutation":
        return await caller.mutationFromPath(path, args);
      case "action":
        return await caller.actionFromPath(path, args);
    }
  }

  /** Stores a file as `ctx.storage.store` does; returns its storage id. */
  async storeFile(blob: Blob): Promise<string> {
    const run = this.t.run as unknown as (fn: (ctx: { storage: { store(b: Blob): Promise<string> } }) => Promise<string>) => Promise<string>;
    return await run(async (ctx) => await ctx.storage.store(blob));
  }

  /** Runs an HTTP action routed by http.ts with the real request and identity. */
  async fetch(request: Request, identity: UserIdentity | null): Promise<Response> {
    const router = this.modules.get("http")?.default as
      | { lookup(path: string, method: string): [unknown, string, string] | null }
      | undefined;
    const url = new URL(request.url);
    const found = router?.lookup(url.pathname, request.method);
    if (!found) return new Response("No matching routes found", { status: 404 });
    const routed = found[0] as { _handler?: HttpHandler } & HttpHandler;
    const handler: HttpHandler = routed._handler ?? routed;
    const accessor = (identity === null ? this.t : this.t.withIdentity(identity)) as unknown as {
      fetch(path: string, init: RequestInit): Promise<Response>;
    };
    // convex-test's fetch builds its own Request with a fixed origin; while it
    // looks up "http" it gets a one-off router that hands over the real request.
    return await pendingHttpRequest.run({ handler, request }, () => accessor.fetch(url.pathname, { method: request.method }));
  }

  private resolveModuleForEngine(modulePath: string): LoadedModule {
    const pending = pendingHttpRequest.getStore();
    if (modulePath === "http" && pending !== undefined) {
      const route = { _handler: (ctx: unknown) => pending.handler(ctx, pending.request), isHttp: true };
      return { default: { lookup: () => [route, pending.request.method, "/"] } };
    }
    return this.module(modulePath);
  }
}

type HttpHandler = (ctx: unknown, request: Request) => Promise<Response>;
const pendingHttpRequest = new AsyncLocalStorage<{ handler: HttpHandler; request: Request }>();
