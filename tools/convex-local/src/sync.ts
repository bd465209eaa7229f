/**
 * One WebSocket client of the Convex sync protocol (/api/<version>/sync).
 * Queries of a session are answered in Transitions whose versions chain, at a
 * commit timestamp where every result is current; only queries whose read set
 * a commit touched are re-run, and only changed results are sent.
 */
import type { WebSocket } from "ws";
import { convexToJson, jsonToConvex, type JSONValue, type Value } from "convex/values";
import type { UserIdentity } from "convex/server";
import type { Commit } from "./engine-internals.js";
import { changeTouches, type ReadSet } from "./engine.js";
import { toErrorShape, type FunctionKind } from "./errors.js";
import { captureLogsSettled } from "./function-logs.js";
import type { Core } from "./core.js";

type Version = { querySet: number; identity: number; ts: bigint };

type Subscription = {
  udfPath: string;
  args: JSONValue;
  pageEnd: string | null;
  reads: ReadSet | null;
  lastSent: string | null;
  dirty: boolean;
};

type ClientMessage = { type: string; [key: string]: unknown };

const PING_INTERVAL_MS = 15_000;
const MAX_SNAPSHOT_RETRIES = 20;

export function encodeTs(ts: bigint): string {
  const bytes = Buffer.alloc(8);
  bytes.writeBigUInt64LE(ts);
  return bytes.toString("base64");
}

class ProtocolError extends Error {}

/** Our journals are `{"pageEnd": cursor}`; anything else starts a fresh page. */
function parseJournal(journal: string | null | undefined): string | null {
  if (typeof journal !== "string") return null;
  try {
    const parsed = JSON.parse(journal) as { pageEnd?: unknown };
    return typeof parsed.pageEnd === "string" ? parsed.pageEnd : null;
  } catch {
    return null;
  }
}

export class SyncSession {
  private querySetVersion = 0;
  private identityVersion = 0;
  private identity: UserIdentity | null = null;
  private sent: Version = { querySet: 0, identity: 0, ts: 0n };
  private subscriptions = new Map<number, Subscription>();
  private removed: number[] = [];
  private inbox: Promise<void> = Promise.resolve();
  private updating = false;
  private updateRequested = false;
  private transitionOwed = false;
  private closed = false;
  private ping: ReturnType<typeof setInterval>;

  constructor(
    private readonly socket: WebSocket,
    private readonly core: Core,
  ) {
    this.ping = setInterval(() => this.send({ type: "Ping" }), PING_INTERVAL_MS);
    socket.on("message", (data) => this.receive(data.toString()));
    socket.on("close", () => this.dispose());
    socket.on("error", () => this.dispose());
  }

  dispose(): void {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.ping);
    this.core.sessions.delete(this);
  }

  /** The functions changed: every result may differ. */
  invalidateAll(): void {
    for (const subscription of this.subscriptions.values()) subscription.dirty = true;
    this.requestUpdate();
  }

  onCommit(commit: Commit): void {
    let touched = false;
    for (const subscription of this.subscriptions.values()) {
      if (subscription.dirty || subscription.reads === null) continue;
      if (commit.changes.some((change) => changeTouches(subscription.reads!, change))) {
        subscription.dirty = true;
        touched = true;
      }
    }
    if (touched) this.requestUpdate();
  }

  private send(message: Record<string, unknown>): void {
    if (!this.closed && this.socket.readyState === this.socket.OPEN) this.socket.send(JSON.stringify(message));
  }

  private fatal(message: string): void {
    console.error(`convex-local: closing a sync connection: ${message}`);
    this.send({ type: "FatalError", error: message });
    this.socket.close(1011, message.slice(0, 120));
    this.dispose();
  }

  private receive(raw: string): void {
    let message: ClientMessage;
    try {
      message = JSON.parse(raw) as ClientMessage;
      if (message === null || typeof message !== "object" || typeof message.type !== "string") {
        throw new ProtocolError("message is not an object with a string `type`");
      }
    } catch (error) {
      const reason = error instanceof ProtocolError ? error.message : "message is not valid JSON";
      return this.fatal(`Malformed message: ${reason}`);
    }
    this.inbox = this.inbox
      .then(() => this.handle(message))
      .catch((error: unknown) => this.fatal(error instanceof Error ? error.message : String(error)));
  }

  private async handle(message: ClientMessage): Promise<void> {
    if (this.closed) return;
    switch (message.type) {
      case "Connect":
      case "Event":
        return;
      case "ModifyQuerySet":
        return this.modifyQuerySet(message);
      case "Authenticate":
        return await this.authenticate(message);
      case "Mutation":
        return await this.mutation(message);
      case "Action":
        // Actions run concurrently; their responses may overtake later messages.
        void this.action(message);
        return;
      default:
        throw new ProtocolError(`Malformed message: unknown message type "${message.type}"`);
    }
  }

  private modifyQuerySet(message: ClientMessage): void {
    const { baseVersion, newVersion, modifications } = message as {
      baseVersion?: unknown;
      newVersion?: unknown;
      modifications?: unknown;
    };
    if (typeof baseVersion !== "number" || typeof newVersion !== "number" || !Array.isArray(modifications)) {
      throw new ProtocolError("Malformed message: ModifyQuerySet needs numeric baseVersion/newVersion and a modifications array");
    }
    if (baseVersion !== this.querySetVersion) {
      throw new ProtocolError(`Invalid ModifyQuerySet: baseVersion ${baseVersion} but the query set is at version ${this.querySetVersion}`);
    }
    for (const modification of modifications as { type: string; queryId: number; udfPath?: string; args?: JSONValue[]; journal?: string | null }[]) {
      if (modification.type === "Add") {
        if (typeof modification.udfPath !== "string" || !Array.isArray(modification.args)) {
          throw new ProtocolError("Malformed message: Add needs udfPath and args");
        }
        this.subscriptions.set(modification.queryId, {
          udfPath: modification.udfPath,
          args: modification.args[0] ?? {},
          pageEnd: parseJournal(modification.journal),
          reads: null,
          lastSent: null,
          dirty: true,
        });
      } else if (modification.type === "Remove") {
        if (this.subscriptions.delete(modification.queryId)) this.removed.push(modification.queryId);
      } else {
        throw new ProtocolError(`Malformed message: unknown query set modification "${modification.type}"`);
      }
    }
    this.querySetVersion = newVersion;
    this.requestUpdate();
  }

  private async authenticate(message: ClientMessage): Promise<void> {
    const { tokenType, value, baseVersion } = message as { tokenType?: string; value?: string; baseVersion?: number };
    if (typeof baseVersion !== "number") throw new ProtocolError("Malformed message: Authenticate needs a numeric baseVersion");
    let identity: UserIdentity | null = null;
    if (tokenType === "User") {
      try {
        identity = await this.core.verifyToken(String(value));
      } catch (error) {
        this.send({
          type: "AuthError",
          error: error instanceof Error ? error.message : String(error),
          baseVersion,
          authUpdateAttempted: true,
        });
        return;
      }
    } else if (tokenType !== "None") {
      throw new ProtocolError(`Unsupported token type "${String(tokenType)}"`);
    }
    this.identity = identity;
    this.identityVersion = baseVersion + 1;
    for (const subscription of this.subscriptions.values()) subscription.dirty = true;
    this.requestUpdate();
  }

  private async mutation(message: ClientMessage): Promise<void> {
    const { requestId, udfPath, args } = message as unknown as { requestId: number; udfPath: string; args: JSONValue[] };
    const outcome = await this.core.callFromClient("mutation", udfPath, args?.[0] ?? {}, this.identity);
    if (outcome.ok) {
      this.send({
        type: "MutationResponse",
        requestId,
        success: true,
        result: outcome.value,
        ts: encodeTs(outcome.ts),
        logLines: outcome.logLines,
      });
    } else {
      this.send({ type: "MutationResponse", requestId, success: false, result: outcome.errorMessage, errorData: outcome.errorData, logLines: outcome.logLines });
    }
    // The client resolves a mutation only when a Transition at or after its
    // timestamp arrives after the response, so always follow with one.
    this.transitionOwed = true;
    this.requestUpdate();
  }

  private async action(message: ClientMessage): Promise<void> {
    const { requestId, udfPath, args } = message as unknown as { requestId: number; udfPath: string; args: JSONValue[] };
    const outcome = await this.core.callFromClient("action", udfPath, args?.[0] ?? {}, this.identity);
    if (outcome.ok) {
      this.send({ type: "ActionResponse", requestId, success: true, result: outcome.value, logLines: outcome.logLines });
    } else {
      this.send({ type: "ActionResponse", requestId, success: false, result: outcome.errorMessage, errorData: outcome.errorData, logLines: outcome.logLines });
    }
  }

  private requestUpdate(): void {
    this.updateRequested = true;
    if (this.updating || this.closed) return;
    this.updating = true;
    void this.core.detached(() => this.updateLoop());
  }

  private async updateLoop(): Promise<void> {
    try {
      while (this.updateRequested && !this.closed) {
        this.updateRequested = false;
        await this.update();
      }
    } catch (error) {
      this.fatal(`Internal error while updating queries: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      this.updating = false;
    }
  }

  /** Returns the modification to send and a key that ignores log lines, to tell whether the result changed. */
  private async runSubscription(queryId: number, subscription: Subscription): Promise<{ message: Record<string, unknown>; key: string }> {
    const page = { end: subscription.pageEnd };
    const reads: ReadSet & { page: { end: string | null } } = { ids: new Set(), sources: [], page };
    const kind: FunctionKind = "query";
    const startSeq = this.core.engine.currentCommitSeq;
    // Cleared before running: an invalidation that arrives meanwhile (new
    // identity, reload) sets it again and survives this run.
    subscription.dirty = false;
    let result: Record<string, unknown>;
    const identity = this.identity;
    const run = await captureLogsSettled(async () => {
      const fn = this.core.engine.resolveForCall(subscription.udfPath, kind, false);
      return convexToJson((await this.core.engine.call(fn, jsonToConvex(subscription.args), identity, reads)) as Value);
    });
    if (run.ok) {
      subscription.pageEnd = page.end;
      const journal = page.end === null ? null : JSON.stringify({ pageEnd: page.end });
      result = { type: "QueryUpdated", queryId, value: run.result, logLines: run.logLines, journal };
    } else {
      const shape = toErrorShape(kind, subscription.udfPath, run.error);
      result = { type: "QueryFailed", queryId, errorMessage: shape.errorMessage, errorData: shape.errorData, logLines: run.logLines, journal: null };
    }
    subscription.reads = reads;
    // A commit between the start of this run and now that touches what it read
    // means the result may be stale: run it again.
    const since = this.core.engine.commitsSince(startSeq);
    if (since === null || since.some((commit) => commit.changes.some((c) => changeTouches(reads, c)))) {
      subscription.dirty = true;
    }
    return { message: result, key: JSON.stringify({ ...result, logLines: undefined }) };
  }

  private async update(): Promise<void> {
    const identityChanged = this.identityVersion !== this.sent.identity;
    const results = new Map<number, { message: Record<string, unknown>; key: string }>();
    for (let attempt = 0; attempt < MAX_SNAPSHOT_RETRIES; attempt++) {
      const dirty = [...this.subscriptions.entries()].filter(([, s]) => s.dirty);
      if (dirty.length === 0) break;
      for (const [queryId, subscription] of dirty) {
        results.set(queryId, await this.runSubscription(queryId, subscription));
      }
    }
    // No subscription is dirty at this instant: every query of the current
    // query set has a result for the current identity as of this timestamp.
    const ts = this.core.engine.lastCommitTs();
    const endVersion: Version = {
      querySet: this.querySetVersion,
      identity: this.identityVersion,
      ts: ts > this.sent.ts ? ts : this.sent.ts,
    };
    const removed = this.removed.splice(0);
    // Everything a transition shows must be durable first.
    await this.core.waitDurable();
    if (this.closed) return;
    const modifications: unknown[] = [];
    for (const [queryId, result] of results) {
      const subscription = this.subscriptions.get(queryId);
      if (subscription === undefined) continue;
      if (subscription.lastSent === result.key && !identityChanged) continue;
      subscription.lastSent = result.key;
      modifications.push(result.message);
    }
    for (const queryId of removed) modifications.push({ type: "QueryRemoved", queryId });
    const versionChanged = endVersion.querySet !== this.sent.querySet || endVersion.identity !== this.sent.identity || endVersion.ts !== this.sent.ts;
    if (modifications.length === 0 && !versionChanged && !this.transitionOwed) return;
    this.transitionOwed = false;
    this.send({
      type: "Transition",
      startVersion: { querySet: this.sent.querySet, identity: this.sent.identity, ts: encodeTs(this.sent.ts) },
      endVersion: { querySet: endVersion.querySet, identity: endVersion.identity, ts: encodeTs(endVersion.ts) },
      modifications,
    });
    this.sent = endVersion;
    if ([...this.subscriptions.values()].some((s) => s.dirty)) this.updateRequested = true;
  }
}
