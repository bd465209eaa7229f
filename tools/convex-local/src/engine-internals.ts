/**
 * The ONLY module that touches convex-test's private internals.
 *
 * convex-test keeps its state (database, transaction manager, syscalls, module
 * loader) in an object it only exposes through an AsyncLocalStorage. We catch
 * that object once, while it is being entered, and then hook a few methods of
 * the in-memory database. Everything here is covered by the conformance suite
 * so a convex-test upgrade that changes these shapes fails loudly.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { randomBytes } from "node:crypto";
import { IndexedStore, tableOfId } from "./indexed-store.js";
import { keyRangeOf, type Order, type RangeFilter } from "./index-keys.js";
import { planEntries, QueryStream, readPage, visits, type IndexScan, type QueryPlan } from "./query-engine.js";
import { compileSearch, readSearchPage, runSearch, SearchStream, type CompiledSearch, type SearchIndex, type SearchScan } from "./search-index.js";
import { TransactionOverlay, type PendingWrites } from "./transaction-overlay.js";

export type { RangeFilter } from "./index-keys.js";
export type { IndexScan } from "./query-engine.js";
export type { SearchScan } from "./search-index.js";

export type RawDocument = Record<string, unknown> & { _id: string; _creationTime: number };

/** One document write of a committed top-level transaction. */
export type DocumentChange = { id: string; table: string; before: RawDocument | null; after: RawDocument | null };

export type Commit = { ts: bigint; changes: DocumentChange[] };

/** What a query read: documents by id, whole tables, index ranges. */
export type QuerySource =
  | { kind: "table"; table: string }
  | { kind: "range"; table: string; range: RangeFilter[] };


/**
 * What a query run read. `page` is the query's pagination journal: the end
 * cursor its page was first computed with, so re-runs keep the same page end.
 */
export type ReadRecorder = { ids: Set<string>; sources: QuerySource[]; scans?: (IndexScan | SearchScan)[]; page?: { end: string | null } };

export type EngineState = {
  documents: Record<string, RawDocument>;
  nextDocId: number;
  lastCreationTime: number;
  lastCommitTs: bigint;
};

/** Direct access to the database inside a transaction, system tables included. */
export type RawDb = {
  get(table: string | undefined, id: string): RawDocument | null;
  insert(table: string, value: Record<string, unknown>): string;
  patch(table: string, id: string, value: Record<string, unknown>): void;
  delete(table: string, id: string): void;
};

type AsyncSyscall = (op: string, jsonArgs: string) => Promise<string>;
type JsSyscall = (op: string, args: Record<string, unknown>) => Promise<unknown>;
type SyscallInterceptor = (op: string, jsonArgs: string, db: RawDb, next: AsyncSyscall) => Promise<string> | string | undefined;

/* eslint-disable @typescript-eslint/no-explicit-any */
type FakeDb = any;
type ConvexGlobal = {
  components: Record<string, { db: FakeDb; modules: (path: string) => Promise<unknown> }>;
  transactionManager: { _lastCommitTs: bigint; getMetricsTracker(): unknown };
  asyncSyscall: AsyncSyscall;
  jsSyscall: JsSyscall;
};

type TestHandle = { run: (fn: (ctx: unknown) => Promise<unknown>) => Promise<unknown> };

export type EngineInternals = {
  onCommit(listener: (commit: Commit) => void): void;
  onFileStored(listener: (storageId: string, blob: Blob) => void): void;
  recordReads<T>(recorder: ReadRecorder, fn: () => Promise<T>): Promise<T>;
  currentReadRecorder(): ReadRecorder | undefined;
  lastCommitTs(): bigint;
  loadState(state: EngineState, files: Record<string, Blob>): void;
  dumpState(): EngineState;
  allDocuments(): Iterable<RawDocument>;
  /** Documents examined to answer queries so far, process-wide (see query-engine.ts `visits`). */
  documentsVisited(): number;
  committedDocument(id: string): RawDocument | null;
  /** The blob of a committed `_storage` document, or null. */
  committedFile(storageId: string): Blob | null;
  setModuleResolver(resolve: (path: string) => Promise<unknown>): void;
  setSchema(schema: unknown): void;
  interceptAsyncSyscalls(interceptor: SyscallInterceptor): void;
  transaction<T>(fn: (db: RawDb) => T | Promise<T>): Promise<T>;
};

const readRecorders = new AsyncLocalStorage<ReadRecorder>();
/** The content type of the blob that `ctx.storage.store` is storing, while it inserts its `_storage` document. */
const storingContentType = new AsyncLocalStorage<string>();

/**
 * A storage id that cannot be guessed from another, as on Convex (convex-test
 * numbers every document in sequence): 39 random decimal digits (128 bits)
 * in convex-test's "<digits><table>" shape, so table lookups still work.
 */
export function randomStorageId(): string {
  return `${BigInt(`0x${randomBytes(16).toString("hex")}`).toString().padStart(39, "0")}_storage`;
}

async function captureConvexGlobal(t: TestHandle): Promise<ConvexGlobal> {
  const originalRun = AsyncLocalStorage.prototype.run;
  let captured: ConvexGlobal | undefined;
  AsyncLocalStorage.prototype.run = function (this: AsyncLocalStorage<unknown>, store: unknown, fn: any, ...args: any[]) {
    if (store !== null && typeof store === "object" && "components" in store && "transactionManager" in store) {
      captured = store as ConvexGlobal;
    }
    return originalRun.call(this, store, fn, ...args);
  } as typeof originalRun;
  let pending: Promise<unknown>;
  try {
    pending = t.run(async () => null);
  } finally {
    AsyncLocalStorage.prototype.run = originalRun;
  }
  await pending;
  if (captured === undefined || captured.components[""]?.db?._documents === undefined) {
    throw new Error("convex-local: convex-test internals changed (could not find its database); check engine-internals.ts");
  }
  return captured;
}

export async function attachInternals(t: TestHandle): Promise<EngineInternals> {
  const global = await captureConvexGlobal(t);
  const component = global.components[""]!;
  const db: FakeDb = component.db;
  const commitListeners: ((commit: Commit) => void)[] = [];
  const fileListeners: ((storageId: string, blob: Blob) => void)[] = [];
  // convex-test measures every document read and written (its size) for
  // getTransactionMetrics, without enforcing limits by default. That is a large
  // share of each transaction's cost here, so the local backend does not track
  // them and answers getTransactionMetrics with an error saying so.
  global.transactionManager.getMetricsTracker = () => null;
  const asyncSyscallWithMetrics = global.asyncSyscall;
  // Not async: an extra promise per syscall is measurable (every promise
  // propagates every AsyncLocalStorage).
  global.asyncSyscall = (op, jsonArgs) => {
    if (op === "1.0/getTransactionMetrics") return Promise.reject(new Error("getTransactionMetrics() is not supported by the convex-local backend."));
    return asyncSyscallWithMetrics(op, jsonArgs);
  };

  const store = new IndexedStore();
  store.configure(db._schema?.tables ?? null, Object.values(db._documents) as RawDocument[]);
  const streams = new Map<number, QueryStream | SearchStream>();
  /** Set while a nested query runs on stashed writes (it sees committed data only). */
  let overlaySuspended = false;
  let resolvingWithoutDocuments = false;

  const originalCommit = db.commit.bind(db);
  db.commit = (commitTs: bigint | null) => {
    const isTopLevel = commitTs !== null && db._writes.length === 1;
    if (!isTopLevel) return originalCommit(commitTs);
    const writes: Record<string, unknown> = db._writes[0];
    const ids = Object.keys(writes);
    const before = ids.map((id) => (db._documents[id] as RawDocument | undefined) ?? null);
    originalCommit(commitTs);
    if (ids.length === 0) return;
    const changes = ids.map((id, i) => ({
      id,
      table: tableOfId(id),
      before: before[i]!,
      after: (db._documents[id] as RawDocument | undefined) ?? null,
    }));
    store.apply(changes);
    const commit = { ts: commitTs, changes };
    for (const listener of commitListeners) listener(commit);
  };

  const originalGet = db.get.bind(db);
  db.get = (table: string | undefined, id: string) => {
    const recorder = readRecorders.getStore();
    if (recorder !== undefined) recorder.ids.add(id);
    return originalGet(table, id);
  };

  const overlay = new TransactionOverlay((id) => originalGet(undefined, id) as RawDocument | null);
  const originalAddWrite = db._addWrite.bind(db);
  db._addWrite = (id: string, value: RawDocument | null) => {
    originalAddWrite(id, value);
    overlay.written(id, value);
  };
  const originalRollbackWrites = db.rollbackWrites.bind(db);
  db.rollbackWrites = () => {
    originalRollbackWrites();
    overlay.dropIndexes();
  };
  // While writes are stashed, reads see only committed data.
  const originalStashWrites = db.stashWrites.bind(db);
  db.stashWrites = () => {
    overlaySuspended = true;
    return originalStashWrites();
  };
  const originalRestoreWrites = db.restoreWrites.bind(db);
  db.restoreWrites = (stashed: unknown) => {
    originalRestoreWrites(stashed);
    overlaySuspended = false;
  };

  const originalStartTransaction = db.startTransaction.bind(db);
  db.startTransaction = () => {
    // Streams never outlive their transaction; transactions run one at a time.
    // A query nested in a mutation runs on stashed (emptied) writes: the
    // mutation's streams and pending writes stay.
    if (db._writes.length === 0 && !overlaySuspended) {
      streams.clear();
      overlay.reset();
    }
    originalStartTransaction();
  };

  function pendingWrites(plan: QueryPlan): PendingWrites | null {
    return overlaySuspended ? null : overlay.view(plan.table, plan.indexName, plan.fields);
  }

  const originalResolve = db._resolveQuerySource.bind(db);

  /**
   * The plan of an index or table query. convex-test validates the index and
   * range and compiles the filters while it visits no documents; the
   * documents come from our ordered index. Search queries get null.
   */
  function planOf(query: any): QueryPlan | null {
    const source = query.source;
    if (source.type !== "FullTableScan" && source.type !== "IndexRange") return null;
    resolvingWithoutDocuments = true;
    let resolved: { filterFn: (doc: RawDocument) => boolean; limit: number | null; order: Order };
    try {
      resolved = originalResolve(query);
    } finally {
      resolvingWithoutDocuments = false;
    }
    const [table = "", indexName = "by_creation_time"] =
      source.type === "FullTableScan" ? [source.tableName as string] : String(source.indexName).split(".");
    const tableIndex = store.index(table, indexName);
    if (tableIndex === undefined) throw new Error(`Cannot use index "${indexName}" for table "${table}" because it is not declared in the schema.`);
    return {
      table,
      indexName,
      fields: tableIndex.fields,
      index: tableIndex.index,
      range: keyRangeOf(source.type === "IndexRange" ? source.range : []),
      order: resolved.order,
      filter: resolved.filterFn,
      limit: resolved.limit,
    };
  }

  type SearchPlan = {
    table: string;
    index: SearchIndex;
    search: CompiledSearch;
    filter: (doc: RawDocument) => boolean;
    limit: number | null;
  };

  /**
   * The plan of a search query: convex-test compiles the `.filter()`
   * expressions and limit (visiting no documents); the search itself runs on
   * our search index.
   */
  function searchPlanOf(query: any): SearchPlan | null {
    const source = query.source;
    if (source.type !== "Search") return null;
    resolvingWithoutDocuments = true;
    let resolved: { filterFn: (doc: RawDocument) => boolean; limit: number | null };
    try {
      resolved = originalResolve(query);
    } finally {
      resolvingWithoutDocuments = false;
    }
    const [table = "", indexName = ""] = String(source.indexName).split(".");
    const index = store.searchIndex(table, indexName);
    if (index === undefined) throw new Error(`Cannot use search index "${indexName}" for table "${table}" because it is not declared in the schema.`);
    const search = compileSearch(table, index.definition, source.filters);
    const recorder = readRecorders.getStore();
    if (recorder !== undefined) {
      recorder.sources.push({ kind: "table", table });
      const scan: SearchScan = { kind: "search", table, searchField: index.definition.searchField, search };
      (recorder.scans ??= []).push(scan);
    }
    return { table, index, search, filter: resolved.filterFn, limit: resolved.limit };
  }

  function searchResults(plan: SearchPlan) {
    const pending = overlaySuspended ? null : overlay.searchView(plan.table, plan.index.definition);
    return runSearch(plan.index, pending, plan.search);
  }

  /** Records what a query reads when a read recorder is active; returns its scan to narrow. */
  function recordQuery(query: any, plan: QueryPlan | null): IndexScan | null {
    const recorder = readRecorders.getStore();
    if (recorder === undefined) return null;
    const source = query.source;
    const table = source.type === "FullTableScan" ? String(source.tableName) : String(source.indexName).split(".")[0]!;
    recorder.sources.push(source.type === "IndexRange" ? { kind: "range", table, range: source.range } : { kind: "table", table });
    const scan: IndexScan =
      plan === null
        ? { table, fields: [], range: keyRangeOf([]), order: "asc", after: null, through: null }
        : { table, fields: plan.fields, range: plan.range, order: plan.order, after: null, through: null };
    (recorder.scans ??= []).push(scan);
    return scan;
  }

  const originalStartQuery = db.startQuery.bind(db);
  db.startQuery = (query: any) => {
    const search = searchPlanOf(query);
    if (search !== null) {
      const id = db._nextQueryId as number;
      db._nextQueryId = id + 1;
      streams.set(id, new SearchStream(searchResults(search), search.filter, search.limit));
      return id;
    }
    const plan = planOf(query);
    const scan = recordQuery(query, plan);
    if (plan === null) return originalStartQuery(query);
    const id = db._nextQueryId as number;
    db._nextQueryId = id + 1;
    streams.set(id, new QueryStream(plan, pendingWrites(plan), scan));
    return id;
  };

  const originalQueryNext = db.queryNext.bind(db);
  db.queryNext = (queryId: number) => {
    const stream = streams.get(queryId);
    if (stream === undefined) {
      const result = originalQueryNext(queryId);
      if (result.done) delete db._queryResults[queryId];
      return result;
    }
    const result = stream.next();
    if (result.done) streams.delete(queryId);
    return result;
  };

  const originalPaginate = db.paginate.bind(db);
  db.paginate = (request: any) => {
    const search = searchPlanOf(request.query);
    if (search !== null) return readSearchPage(searchResults(search), search.filter, request);
    const plan = planOf(request.query);
    const scan = recordQuery(request.query, plan);
    if (plan === null) return originalPaginate(request);
    return readPage(plan, pendingWrites(plan), request, scan);
  };

  /** Only vector searches (actions) still visit a whole table. */
  db._iterateDocs = (tableName: string, callback: (doc: RawDocument) => void) => {
    if (resolvingWithoutDocuments) return;
    const byId = store.index(tableName, "by_id")!;
    const plan: QueryPlan = { table: tableName, indexName: "by_id", ...byId, range: keyRangeOf([]), order: "asc", filter: () => true, limit: null };
    for (const entry of planEntries(plan, null, pendingWrites(plan))) {
      visits.documents += 1;
      callback(entry.doc as RawDocument);
    }
  };

  const originalGenerateId = db._generateId.bind(db);
  db._generateId = (table: string): string => {
    if (table !== "_storage") return originalGenerateId(table);
    let id = randomStorageId();
    while (db._documents[id] !== undefined) id = randomStorageId();
    return id;
  };

  // Convex keeps a stored blob's type as the `_storage` document's contentType
  // (the upload's Content-Type); convex-test stores only size and sha256.
  const jsSyscall = global.jsSyscall;
  global.jsSyscall = (op, args) => {
    if (op !== "storage/storeBlob") return jsSyscall(op, args);
    const type = args.blob instanceof Blob ? args.blob.type : "";
    return storingContentType.run(type, () => jsSyscall(op, args));
  };
  const originalInsert = db.insert.bind(db);
  db.insert = (table: string, value: Record<string, unknown>) => {
    const contentType = table === "_storage" ? storingContentType.getStore() : undefined;
    return originalInsert(table, contentType ? { ...value, contentType } : value);
  };

  const originalStoreFile = db.storeFile.bind(db);
  db.storeFile = (storageId: string, blob: Blob) => {
    originalStoreFile(storageId, blob);
    for (const listener of fileListeners) listener(storageId, blob);
  };

  const rawDb: RawDb = {
    get: (table, id) => originalGet(table, id),
    insert: (table, value) => db.insert(table, value),
    patch: (table, id, value) => db.patch(table, id, value),
    delete: (table, id) => db.delete(table, id),
  };

  return {
    onCommit: (listener) => void commitListeners.push(listener),
    onFileStored: (listener) => void fileListeners.push(listener),
    recordReads: (recorder, fn) => readRecorders.run(recorder, fn),
    currentReadRecorder: () => readRecorders.getStore(),
    lastCommitTs: () => global.transactionManager._lastCommitTs,
    loadState(state, files) {
      db._documents = { ...state.documents };
      db._nextDocId = state.nextDocId;
      db._lastCreationTime = state.lastCreationTime;
      db._storage = { ...files };
      global.transactionManager._lastCommitTs = state.lastCommitTs;
      store.configure(db._schema?.tables ?? null, Object.values(db._documents) as RawDocument[]);
    },
    dumpState: () => ({
      documents: db._documents,
      nextDocId: db._nextDocId,
      lastCreationTime: db._lastCreationTime,
      lastCommitTs: global.transactionManager._lastCommitTs,
    }),
    allDocuments: () => Object.values(db._documents) as RawDocument[],
    documentsVisited: () => visits.documents,
    committedDocument: (id) => (db._documents[id] as RawDocument | undefined) ?? null,
    committedFile: (storageId) => (db._documents[storageId] !== undefined ? ((db._storage[storageId] as Blob | undefined) ?? null) : null),
    setModuleResolver(resolve) {
      component.modules = resolve;
    },
    setSchema(schema: any) {
      db._schema =
        schema === null
          ? null
          : {
              schemaValidation: schema.schemaValidation,
              tables: new Map(Object.entries(schema.tables).map(([name, table]: [string, any]) => [name, table.export()])),
            };
      store.configure(db._schema?.tables ?? null, Object.values(db._documents) as RawDocument[]);
    },
    interceptAsyncSyscalls(interceptor) {
      const original = global.asyncSyscall;
      global.asyncSyscall = (op, jsonArgs) => {
        const answer = interceptor(op, jsonArgs, rawDb, original);
        return answer === undefined ? original(op, jsonArgs) : Promise.resolve(answer);
      };
    },
    async transaction(fn) {
      return (await t.run(async () => await fn(rawDb))) as Awaited<ReturnType<typeof fn>>;
    },
  };
}
