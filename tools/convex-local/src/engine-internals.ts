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
import { convexToJson, jsonToConvex, type JSONValue, type Value } from "convex/values";

export type RawDocument = Record<string, unknown> & { _id: string; _creationTime: number };

/** One document write of a committed top-level transaction. */
export type DocumentChange = { id: string; table: string; before: RawDocument | null; after: RawDocument | null };

export type Commit = { ts: bigint; changes: DocumentChange[] };

/** What a query read: documents by id, whole tables, index ranges. */
export type QuerySource =
  | { kind: "table"; table: string }
  | { kind: "range"; table: string; range: RangeFilter[] };

export type RangeFilter = { type: "Eq" | "Gt" | "Gte" | "Lt" | "Lte"; fieldPath: string; value: unknown };

/**
 * What a query run read. `page` is the query's pagination journal: the end
 * cursor its page was first computed with, so re-runs keep the same page end.
 */
export type ReadRecorder = { ids: Set<string>; sources: QuerySource[]; page?: { end: string | null } };

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
type SyscallInterceptor = (op: string, jsonArgs: string, db: RawDb, next: AsyncSyscall) => Promise<string> | string | undefined;

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
  currentReadRecorder(): ReadRecorder | undefined;
  lastCommitTs(): bigint;
  loadState(state: EngineState, files: Record<string, Blob>): void;
  dumpState(): EngineState;
  allDocuments(): Iterable<RawDocument>;
  committedDocument(id: string): RawDocument | null;
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

function valueKey(value: unknown): string {
  return value === undefined ? "$undefined" : JSON.stringify(convexToJson(value as Value));
}

function fieldOf(doc: Record<string, unknown>, fieldPath: string): unknown {
  let value: unknown = doc;
  for (const part of fieldPath.split(".")) {
    value = value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>)[part] : undefined;
  }
  return value;
}

/**
 * convex-test scans every document of every table for each query. This keeps
 * the committed ids of each table, and for each schema index the ids bucketed
 * by the value of the index's first field, so a query only visits candidates;
 * convex-test still applies the exact range, order and filters to them.
 */
class CandidateIndex {
  private tables = new Map<string, Set<string>>();
  private buckets = new Map<string, Map<string, Map<string, Set<string>>>>();
  private firstFields = new Map<string, Map<string, string>>();

  configure(schemaTables: Map<string, { indexes: { indexDescriptor: string; fields: string[] }[] }> | null, docs: Iterable<RawDocument>): void {
    this.firstFields.clear();
    for (const [table, definition] of schemaTables ?? []) {
      const fields = new Map<string, string>();
      for (const index of definition.indexes) if (index.fields[0] !== undefined) fields.set(index.indexDescriptor, index.fields[0]);
      this.firstFields.set(table, fields);
    }
    this.tables.clear();
    this.buckets.clear();
    for (const doc of docs) this.add(doc);
  }

  private add(doc: RawDocument): void {
    const table = tableOf(doc._id);
    let ids = this.tables.get(table);
    if (ids === undefined) this.tables.set(table, (ids = new Set()));
    ids.add(doc._id);
    for (const [index, field] of this.firstFields.get(table) ?? []) {
      const byIndex = this.bucketsOf(table, index);
      const key = valueKey(fieldOf(doc, field));
      let bucket = byIndex.get(key);
      if (bucket === undefined) byIndex.set(key, (bucket = new Set()));
      bucket.add(doc._id);
    }
  }

  private remove(doc: RawDocument): void {
    const table = tableOf(doc._id);
    this.tables.get(table)?.delete(doc._id);
    for (const [index, field] of this.firstFields.get(table) ?? []) {
      this.bucketsOf(table, index).get(valueKey(fieldOf(doc, field)))?.delete(doc._id);
    }
  }

  private bucketsOf(table: string, index: string): Map<string, Set<string>> {
    let byTable = this.buckets.get(table);
    if (byTable === undefined) this.buckets.set(table, (byTable = new Map()));
    let byIndex = byTable.get(index);
    if (byIndex === undefined) byTable.set(index, (byIndex = new Map()));
    return byIndex;
  }

  apply(changes: DocumentChange[]): void {
    for (const change of changes) {
      if (change.before !== null) this.remove(change.before);
      if (change.after !== null) this.add(change.after);
    }
  }

  /** Committed ids that can match the query source (a superset), or all ids of the table. */
  candidates(source: { type: string; tableName?: string; indexName?: string; range?: RangeFilter[] }): { table: string; ids: Set<string> } {
    const [table = "", index = ""] = (source.tableName ?? source.indexName ?? "").split(".");
    const all = this.tables.get(table) ?? new Set<string>();
    const first = source.range?.[0];
    const field = this.firstFields.get(table)?.get(index);
    if (source.type !== "IndexRange" || first?.type !== "Eq" || field === undefined || first.fieldPath !== field) return { table, ids: all };
    const bound = first.value !== null && typeof first.value === "object" && "$undefined" in first.value ? undefined : jsonToConvex(first.value as JSONValue);
    return { table, ids: this.bucketsOf(table, index).get(valueKey(bound)) ?? new Set() };
  }
}

export async function attachInternals(t: TestHandle): Promise<EngineInternals> {
  const global = await captureConvexGlobal(t);
  const component = global.components[""]!;
  const db: FakeDb = component.db;
  const commitListeners: ((commit: Commit) => void)[] = [];
  const fileListeners: ((storageId: string, blob: Blob) => void)[] = [];
  let insideQuerySource = false;
  const candidateIndex = new CandidateIndex();
  candidateIndex.configure(db._schema?.tables ?? null, Object.values(db._documents) as RawDocument[]);
  let hint: { table: string; ids: Set<string> } | null = null;

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
    candidateIndex.apply(changes);
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
    hint = candidateIndex.candidates(query.source);
    try {
      return originalResolve(query);
    } finally {
      insideQuerySource = false;
      hint = null;
    }
  };

  db._iterateDocs = (tableName: string, callback: (doc: RawDocument) => void) => {
    const ids = new Set(hint !== null && hint.table === tableName ? hint.ids : candidateIndex.candidates({ type: "FullTableScan", tableName }).ids);
    for (const level of db._writes as Record<string, unknown>[]) {
      for (const id of Object.keys(level)) if (tableOf(id) === tableName) ids.add(id);
    }
    for (const id of ids) {
      const doc = originalGet(tableName, id);
      if (doc !== null) callback(doc);
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
    currentReadRecorder: () => readRecorders.getStore(),
    lastCommitTs: () => global.transactionManager._lastCommitTs,
    loadState(state, files) {
      db._documents = { ...state.documents };
      db._nextDocId = state.nextDocId;
      db._lastCreationTime = state.lastCreationTime;
      db._storage = { ...files };
      global.transactionManager._lastCommitTs = state.lastCommitTs;
      candidateIndex.configure(db._schema?.tables ?? null, Object.values(db._documents) as RawDocument[]);
    },
    dumpState: () => ({
      documents: db._documents,
      nextDocId: db._nextDocId,
      lastCreationTime: db._lastCreationTime,
      lastCommitTs: global.transactionManager._lastCommitTs,
    }),
    allDocuments: () => Object.values(db._documents) as RawDocument[],
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
      candidateIndex.configure(db._schema?.tables ?? null, Object.values(db._documents) as RawDocument[]);
    },
    interceptAsyncSyscalls(interceptor) {
      const original = global.asyncSyscall;
      global.asyncSyscall = async (op, jsonArgs) => {
        const answer = interceptor(op, jsonArgs, rawDb, original);
        return answer === undefined ? await original(op, jsonArgs) : await answer;
      };
    },
    async transaction(fn) {
      return (await t.run(async () => await fn(rawDb))) as Awaited<ReturnType<typeof fn>>;
    },
  };
}
