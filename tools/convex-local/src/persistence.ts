/**
 * Durability: every committed transaction is appended to a log and fsynced
 * (grouped) before it is acknowledged; start-up replays snapshot + log; the log
 * is compacted into a snapshot once it grows. Stored files are written to disk
 * (with fsync) before the upload is acknowledged.
 */
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, truncateSync } from "node:fs";
import { open, rename, rm, writeFile, type FileHandle } from "node:fs/promises";
import path from "node:path";
import { convexToJson, jsonToConvex, type JSONValue, type Value } from "convex/values";
import type { Commit, EngineState, RawDocument } from "./engine-internals.js";

export type PersistenceOptions = { dataDir: string; inMemory: boolean; reset: boolean; compactAfterRecords?: number };

export type Recovered = { state: EngineState | null; files: Record<string, Blob> };

type LogRecord = { ts: string; next: number; lct: number; w: [string, JSONValue | null][] };
type Snapshot = { ts: string; next: number; lct: number; docs: JSONValue[] };

const LOG = "log.jsonl";
const SNAPSHOT = "snapshot.json";
const FILES = "files";
const STORAGE_URL_KEY = "storage-url.key";

function encodeDoc(doc: RawDocument): JSONValue {
  return convexToJson(doc as unknown as Value);
}

function decodeDoc(json: JSONValue): RawDocument {
  return jsonToConvex(json) as unknown as RawDocument;
}

async function fsyncFile(file: string, contents: string | Uint8Array): Promise<void> {
  const handle = await open(file, "w");
  try {
    await handle.writeFile(contents);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function fsyncDir(dir: string): Promise<void> {
  const handle = await open(dir, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** A 32-byte secret kept in `file` (readable by the owner only), made on first use. */
async function loadOrCreateKey(file: string): Promise<Buffer> {
  if (existsSync(file)) return readFileSync(file);
  const key = randomBytes(32);
  const handle = await open(file, "wx", 0o600);
  try {
    await handle.writeFile(key);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await fsyncDir(path.dirname(file));
  return key;
}

export class Persistence {
  private log: FileHandle | null = null;
  private pending: string[] = [];
  private recordedSeq = 0;
  private durableSeq = 0;
  private waiters: { seq: number; resolve: () => void; reject: (e: unknown) => void }[] = [];
  private flushing: Promise<void> | null = null;
  private fileWrites = new Set<Promise<void>>();
  private recordsInLog = 0;
  private failure: unknown = null;
  private urlKey: Buffer = randomBytes(32);

  private constructor(
    private readonly options: PersistenceOptions,
    private readonly dumpState: () => EngineState,
  ) {}

  get dataDir(): string {
    return this.options.dataDir;
  }

  /** The secret that signs the file URLs getUrl hands out; kept in the data directory so they survive a restart. */
  get storageUrlKey(): Buffer {
    return this.urlKey;
  }

  static async open(options: PersistenceOptions, dumpState: () => EngineState): Promise<{ persistence: Persistence; recovered: Recovered }> {
    const persistence = new Persistence(options, dumpState);
    if (options.inMemory) return { persistence, recovered: { state: null, files: {} } };
    if (options.reset) await rm(options.dataDir, { recursive: true, force: true });
    mkdirSync(path.join(options.dataDir, FILES), { recursive: true });
    persistence.urlKey = await loadOrCreateKey(path.join(options.dataDir, STORAGE_URL_KEY));
    const recovered = persistence.recover();
    persistence.log = await open(path.join(options.dataDir, LOG), "a");
    return { persistence, recovered };
  }

  private recover(): Recovered {
    const dir = this.options.dataDir;
    let state: EngineState | null = null;
    const snapshotFile = path.join(dir, SNAPSHOT);
    if (existsSync(snapshotFile)) {
      const snapshot = JSON.parse(readFileSync(snapshotFile, "utf8")) as Snapshot;
      const documents: Record<string, RawDocument> = {};
      for (const json of snapshot.docs) {
        const doc = decodeDoc(json);
        documents[doc._id] = doc;
      }
      state = { documents, nextDocId: snapshot.next, lastCreationTime: snapshot.lct, lastCommitTs: BigInt(snapshot.ts) };
    }
    const logFile = path.join(dir, LOG);
    if (existsSync(logFile)) {
      const text = readFileSync(logFile, "utf8");
      let validBytes = 0;
      for (const line of text.split("\n")) {
        let record: LogRecord;
        try {
          if (line.trim() === "") {
            validBytes += Buffer.byteLength(line) + 1;
            continue;
          }
          record = JSON.parse(line) as LogRecord;
        } catch {
          // A torn final write from a crash: it was never acknowledged. Cut it
          // off so records appended from now on stay readable.
          truncateSync(logFile, validBytes);
          break;
        }
        validBytes += Buffer.byteLength(line) + 1;
        this.recordsInLog += 1;
        state ??= { documents: {}, nextDocId: 10000, lastCreationTime: 0, lastCommitTs: 0n };
        const ts = BigInt(record.ts);
        if (ts <= state.lastCommitTs) continue;
        for (const [id, json] of record.w) {
          if (json === null) delete state.documents[id];
          else state.documents[id] = decodeDoc(json);
        }
        state.nextDocId = Math.max(state.nextDocId, record.next);
        state.lastCreationTime = Math.max(state.lastCreationTime, record.lct);
        state.lastCommitTs = ts;
      }
    }
    const files: Record<string, Blob> = {};
    for (const name of readdirSync(path.join(dir, FILES))) {
      if (!name.endsWith(".bin")) continue;
      const id = name.slice(0, -4);
      const metaFile = path.join(dir, FILES, `${id}.json`);
      const type = existsSync(metaFile) ? ((JSON.parse(readFileSync(metaFile, "utf8")) as { type?: string }).type ?? "") : "";
      files[id] = new Blob([readFileSync(path.join(dir, FILES, name))], { type });
    }
    return { state, files };
  }

  /** Called synchronously for each committed top-level transaction. */
  record(commit: Commit, nextDocId: number, lastCreationTime: number): void {
    if (this.options.inMemory) return;
    const record: LogRecord = {
      ts: commit.ts.toString(),
      next: nextDocId,
      lct: lastCreationTime,
      w: commit.changes.map((c) => [c.id, c.after === null ? null : encodeDoc(c.after)]),
    };
    this.pending.push(JSON.stringify(record));
    this.recordedSeq += 1;
    this.scheduleFlush();
  }

  storeFile(storageId: string, blob: Blob): void {
    if (this.options.inMemory) return;
    const dir = path.join(this.options.dataDir, FILES);
    const write = (async () => {
      await fsyncFile(path.join(dir, `${storageId}.json`), JSON.stringify({ type: blob.type }));
      await fsyncFile(path.join(dir, `${storageId}.bin`), new Uint8Array(await blob.arrayBuffer()));
    })();
    this.fileWrites.add(write);
    void write.finally(() => this.fileWrites.delete(write)).catch((error: unknown) => {
      console.error(`convex-local: could not persist file ${storageId}:`, error);
    });
  }

  /** Resolves once everything recorded so far is on disk. */
  async waitDurable(): Promise<void> {
    if (this.options.inMemory) return;
    await Promise.all([...this.fileWrites]);
    if (this.failure !== null) throw this.failure;
    if (this.durableSeq >= this.recordedSeq) return;
    const seq = this.recordedSeq;
    await new Promise<void>((resolve, reject) => this.waiters.push({ seq, resolve, reject }));
  }

  private scheduleFlush(): void {
    if (this.flushing !== null) return;
    this.flushing = new Promise<void>((resolve) => setImmediate(resolve)).then(() => this.flushLoop());
  }

  private async flushLoop(): Promise<void> {
    try {
      while (this.pending.length > 0) {
        const compactAfter = this.options.compactAfterRecords ?? 5000;
        if (this.recordsInLog + this.pending.length > compactAfter) await this.compact();
        else await this.appendPending();
        this.wakeWaiters();
      }
    } catch (error) {
      this.failure = error;
      console.error("convex-local: writing the log failed; further writes are not durable:", error);
      for (const waiter of this.waiters.splice(0)) waiter.reject(error);
    } finally {
      this.flushing = null;
      if (this.pending.length > 0 && this.failure === null) this.scheduleFlush();
    }
  }

  private async appendPending(): Promise<void> {
    const lines = this.pending.splice(0);
    const seq = this.recordedSeq;
    await this.log!.write(lines.map((line) => `${line}\n`).join(""));
    await this.log!.datasync();
    this.recordsInLog += lines.length;
    this.durableSeq = seq;
  }

  /** Writes the whole current state as a snapshot and starts an empty log. */
  private async compact(): Promise<void> {
    // The state and the pending records match exactly at this moment: commits
    // are recorded synchronously, so serialize before awaiting anything.
    this.pending.splice(0);
    const seq = this.recordedSeq;
    const state = this.dumpState();
    const snapshot: Snapshot = {
      ts: state.lastCommitTs.toString(),
      next: state.nextDocId,
      lct: state.lastCreationTime,
      docs: Object.values(state.documents).map(encodeDoc),
    };
    const text = JSON.stringify(snapshot);
    const dir = this.options.dataDir;
    await fsyncFile(path.join(dir, `${SNAPSHOT}.tmp`), text);
    await rename(path.join(dir, `${SNAPSHOT}.tmp`), path.join(dir, SNAPSHOT));
    await fsyncDir(dir);
    await this.log!.close();
    await writeFile(path.join(dir, LOG), "");
    this.log = await open(path.join(dir, LOG), "a");
    this.recordsInLog = 0;
    this.durableSeq = seq;
    await this.removeOrphanFiles(state);
  }

  private async removeOrphanFiles(state: EngineState): Promise<void> {
    const dir = path.join(this.options.dataDir, FILES);
    for (const name of readdirSync(dir)) {
      const id = name.replace(/\.(bin|json)$/, "");
      const file = path.join(dir, name);
      // Young files may belong to an upload whose document is not committed yet.
      if (state.documents[id] === undefined && Date.now() - statSync(file).mtimeMs > 60_000) await rm(file, { force: true });
    }
  }

  private wakeWaiters(): void {
    const ready = this.waiters.filter((w) => w.seq <= this.durableSeq);
    this.waiters = this.waiters.filter((w) => w.seq > this.durableSeq);
    for (const waiter of ready) waiter.resolve();
  }

  async close(): Promise<void> {
    if (this.options.inMemory) return;
    await this.waitDurable().catch(() => undefined);
    await this.flushing;
    await this.log?.close();
    this.log = null;
  }
}
