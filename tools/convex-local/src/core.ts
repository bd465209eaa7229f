/** The running backend's shared state: engine, durability, scheduler, auth, sync sessions. */
import { convexToJson, jsonToConvex, type JSONValue, type Value } from "convex/values";
import type { UserIdentity } from "convex/server";
import type { Engine } from "./engine.js";
import type { Persistence } from "./persistence.js";
import { createTokenVerifier, type TokenVerifier } from "./auth.js";
import { toErrorShape, type FunctionKind } from "./errors.js";
import { detached } from "./detached.js";
import { captureLogsSettled, installFunctionLogCapture } from "./function-logs.js";
import type { SyncSession } from "./sync.js";

export type CallOutcome =
  | { ok: true; value: JSONValue; ts: bigint; logLines: string[] }
  | { ok: false; errorMessage: string; errorData?: JSONValue; logLines: string[] };

export class Core {
  readonly sessions = new Set<SyncSession>();
  private verifier: TokenVerifier;
  readonly detached = detached;

  constructor(
    readonly engine: Engine,
    readonly persistence: Persistence,
    readonly urls: { url: string; siteUrl: string },
    readonly adminKey: string | undefined,
  ) {
    this.verifier = this.loadVerifier();
    installFunctionLogCapture();
    engine.onCommit((commit) => {
      const state = engine.internals.dumpState();
      persistence.record(commit, state.nextDocId, state.lastCreationTime);
      for (const session of this.sessions) session.onCommit(commit);
    });
    engine.internals.onFileStored((storageId, blob) => persistence.storeFile(storageId, blob));
    engine.onReload(() => {
      this.verifier = this.loadVerifier();
      for (const session of this.sessions) session.invalidateAll();
    });
  }

  private loadVerifier(): TokenVerifier {
    return createTokenVerifier(this.engine.optionalModule("auth.config")?.default);
  }

  verifyToken(token: string): Promise<UserIdentity> {
    return this.verifier.verify(token);
  }

  waitDurable(): Promise<void> {
    return this.persistence.waitDurable();
  }

  /** Calls a function for a client, answering in Convex's success/error shape once durable. */
  async callFromClient(
    kind: FunctionKind | "any",
    udfPath: string,
    args: JSONValue,
    identity: UserIdentity | null,
    allowInternal = false,
  ): Promise<CallOutcome> {
    let resolvedKind: FunctionKind = kind === "any" ? "query" : kind;
    const run = await captureLogsSettled(async () => {
      const fn = this.engine.resolveForCall(udfPath, kind, allowInternal);
      resolvedKind = fn.kind;
      return convexToJson((await this.engine.call(fn, jsonToConvex(args ?? {}), identity)) as Value);
    });
    try {
      await this.waitDurable();
    } catch (error) {
      return { ok: false, ...toErrorShape(resolvedKind, udfPath, error), logLines: run.logLines };
    }
    if (run.ok) return { ok: true, value: run.result, ts: this.engine.lastCommitTs(), logLines: run.logLines };
    return { ok: false, ...toErrorShape(resolvedKind, udfPath, run.error), logLines: run.logLines };
  }
}
