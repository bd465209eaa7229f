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

export type RawDocument = Record<string, unknown> & { _id: string; _creationTime: number };

/** One document write of a committed top-level transaction. */
export type DocumentChange = { id: string; table: string; before: RawDocument | null; after: RawDocument | null };

export type Commit = { ts: bigint; changes: DocumentChange[] };

/** What a query read: documents by id, whole tables, index ranges. */
export type QuerySource =
  | { kind: "table"; table: string }
  | { kind: "range"; table: string; range: RangeFilter[] };

export type RangeFilter = { type: "Eq" | "Gt" | "Gte" | "Lt" | "Lte"; fieldPath: string; value: unknown };

export type ReadRecorder = { ids: Set<string>; sources: QuerySource[] };

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
type SyscallInterceptor = (op: string, jsonArgs: string, db: RawDb) => Promise<string> | string | undefined;

/* eslint-disable @typescript-eslint/no-explicit-any */
type FakeDb = any;
type ConvexGlobal = {
  components: Record<string, { db: FakeDb; modules: (path: string) => Promise<unknown> }>;
  transactionManager: { _lastCommitTs: bigint };
  asyncSyscall: AsyncSyscall;
};

type TestHandle = { run: (fn: (ctx: unknown) => Promise<unknown>) => Promise<unknown> };

export type EngineInternals = {
  onCommit(listener: (commit: Commit) => void): void;
  onFileStored(listener: (storageId: string, blob: Blob) => void): void;
  recordReads<T>(recorder: ReadRecorder, fn: () => Promise<T>): Promise<T>;
  lastCommitTs(): bigint;
  loadState(state: EngineState, files: Record<string, Blob>): void;
  dumpState(): EngineState;
  allDocuments(): Iterable<RawDocument>;
  /** The blob of a committed `_storage` document, or null. */
  committedFile(storageId: string): Blob | null;
  setModuleResolver(resolve: (path: string) => Promise<unknown>): void;
  setSchema(schema: unknown): void;
  interceptAsyncSyscalls(interceptor: SyscallInterceptor): void;
  transaction<T>(fn: (db: RawDb) => T | Promise<T>): Promise<T>;
};

const readRecorders = new AsyncLocalStorage<ReadRecorder>();

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

function tableOf(id: string): string {
  return id.replace(/^[0-9]+/, "");
}

export async function attachInternals(t: TestHandle): Promise<EngineInternals> {
  const global = await captureConvexGlobal(t);
  const component = global.components[""]!;
  const db: FakeDb = component.db;
  const commitListeners: ((commit: Commit) => void)[] = [];
  const fileListeners: ((storageId: string, blob: Blob) => void)[] = [];
  let insideQuerySource = false;

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
      table: tableOf(id),
      before: before[i]!,
      after: (db._documents[id] as RawDocument | undefined) ?? null,
    }));
    const commit = { ts: commitTs, changes };
    for (const listener of commitListeners) listener(commit);
  };

  const originalGet = db.get.bind(db);
  db.get = (table: string | undefined, id: string) => {
    const recorder = readRecorders.getStore();
    if (recorder !== undefined && !insideQuerySource) recorder.ids.add(id);
    return originalGet(table, id);
  };

  const originalResolve = db._resolveQuerySource.bind(db);
  db._resolveQuerySource = (query: any) => {
    const recorder = readRecorders.getStore();
    if (recorder !== undefined) {
      const source = query.source;
      if (source.type === "IndexRange") {
        const [table] = String(source.indexName).split(".");
        recorder.sources.push({ kind: "range", table: table!, range: source.range });
      } else {
        const table = source.type === "FullTableScan" ? source.tableName : String(source.indexName).split(".")[0];
        recorder.sources.push({ kind: "table", table });
      }
    }
    insideQuerySource = true;
    try {
      return originalResolve(query);
    } finally {
      insideQuerySource = false;
    }
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
    lastCommitTs: () => global.transactionManager._lastCommitTs,
    loadState(state, files) {
      db._documents = { ...state.documents };
      db._nextDocId = state.nextDocId;
      db._lastCreationTime = state.lastCreationTime;
      db._storage = { ...files };
      global.transactionManager._lastCommitTs = state.lastCommitTs;
    },
    dumpState: () => ({
      documents: db._documents,
      nextDocId: db._nextDocId,
      lastCreationTime: db._lastCreationTime,
      lastCommitTs: global.transactionManager._lastCommitTs,
    }),
    allDocuments: () => Object.values(db._documents) as RawDocument[],
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
    },
    interceptAsyncSyscalls(interceptor) {
      const original = global.asyncSyscall;
      global.asyncSyscall = async (op, jsonArgs) => {
        const answer = interceptor(op, jsonArgs, rawDb);
        return answer === undefined ? await original(op, jsonArgs) : await answer;
      };
    },
    async transaction(fn) {
      return (await t.run(async () => await fn(rawDb))) as Awaited<ReturnType<typeof fn>>;
    },
  };
}
