/**
 * Scheduled functions and crons in real time. Jobs live in the
 * `_scheduled_functions` system table (so they are durable like any write);
 * timers are armed from commits and re-armed from the table at start-up.
 */
import { convexToJson, jsonToConvex, type JSONValue, type Value } from "convex/values";
import type { Commit, RawDb, RawDocument } from "./engine-internals.js";
import type { Engine } from "./engine.js";
import { describeError } from "./errors.js";
import { detached } from "./detached.js";
import { nextRunAfter, type CronSchedule } from "./cron-schedule.js";

const JOBS = "_scheduled_functions";
const MAX_TIMER_MS = 2 ** 31 - 1;

type JobState = { kind: "pending" | "inProgress" | "success" | "failed" | "canceled"; error?: string };
type JobDocument = RawDocument & { name: string; args: Value[]; scheduledTime: number; state: JobState; completedTime?: number };

export type SchedulerOptions = { retentionMs: number };

type Timer = { cancel(): void };

/**
 * Runs `fn` at `at`. Work already due runs on the next turn of the event loop
 * (setImmediate), not after setTimeout's minimum of 1 ms: a chain of
 * `runAfter(0)` batches, like the billing clock's, waits for no timer.
 */
function setLongTimeout(fn: () => void, at: number): Timer {
  const delay = Math.max(0, at - Date.now());
  if (delay === 0) {
    const immediate = detached(() => setImmediate(fn));
    return { cancel: () => clearImmediate(immediate) };
  }
  const timeout = detached(() => setTimeout(fn, Math.min(delay, MAX_TIMER_MS)));
  return { cancel: () => clearTimeout(timeout) };
}

export class Scheduler {
  private jobTimers = new Map<string, Timer>();
  private cronTimers = new Map<string, Timer>();
  private cleanupTimer: ReturnType<typeof setInterval> | null = null;
  private running = new Set<Promise<void>>();
  private stopped = false;

  constructor(
    private readonly engine: Engine,
    private readonly options: SchedulerOptions,
  ) {
    engine.internals.interceptAsyncSyscalls((op, jsonArgs, db) => this.intercept(op, jsonArgs, db));
    engine.onCommit((commit) => this.onCommit(commit));
    engine.onReload(() => this.armCrons());
  }

  /** Arms pending jobs of a recovered database, crons and the cleanup of finished jobs. */
  async start(): Promise<void> {
    const interrupted: string[] = [];
    for (const doc of this.engine.internals.allDocuments()) {
      if (!doc._id.endsWith(JOBS)) continue;
      const job = doc as JobDocument;
      if (job.state.kind === "pending") this.arm(job._id, job.scheduledTime);
      if (job.state.kind === "inProgress") interrupted.push(job._id);
    }
    for (const id of interrupted) await this.recoverInterrupted(id);
    this.armCrons();
    await this.cleanup();
    this.cleanupTimer = setInterval(() => void this.cleanup(), Math.min(this.options.retentionMs, 60_000));
    this.cleanupTimer.unref?.();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of [...this.jobTimers.values(), ...this.cronTimers.values()]) timer.cancel();
    this.jobTimers.clear();
    this.cronTimers.clear();
    if (this.cleanupTimer !== null) clearInterval(this.cleanupTimer);
    await Promise.allSettled([...this.running]);
  }

  private intercept(op: string, jsonArgs: string, db: RawDb): string | undefined {
    if (op === "1.0/schedule") {
      const args = JSON.parse(jsonArgs) as { name?: string; functionHandle?: string; args: JSONValue; ts: number };
      const name = args.name ?? args.functionHandle?.split(";")[1];
      if (name === undefined) throw new Error("convex-local: scheduling functions of components is not supported");
      const id = db.insert(JOBS, {
        args: [jsonToConvex(args.args)],
        name,
        scheduledTime: args.ts * 1000,
        state: { kind: "pending" },
      });
      return JSON.stringify(convexToJson(id));
    }
    if (op === "1.0/cancel_job") {
      const { id } = JSON.parse(jsonArgs) as { id: string };
      const job = db.get(JOBS, id) as JobDocument | null;
      if (job !== null && (job.state.kind === "pending" || job.state.kind === "inProgress")) {
        db.patch(JOBS, id, { state: { kind: "canceled" }, completedTime: Date.now() });
      }
      return JSON.stringify({});
    }
    return undefined;
  }

  private onCommit(commit: Commit): void {
    for (const change of commit.changes) {
      if (change.table !== JOBS) continue;
      const job = change.after as JobDocument | null;
      if (job !== null && job.state.kind === "pending") this.arm(job._id, job.scheduledTime);
      else this.disarm(change.id);
    }
  }

  private arm(id: string, at: number): void {
    if (this.stopped) return;
    this.disarm(id);
    const timer = setLongTimeout(() => {
      this.jobTimers.delete(id);
      if (Date.now() < at) return this.arm(id, at);
      this.track(this.runJob(id));
    }, at);
    this.jobTimers.set(id, timer);
  }

  private disarm(id: string): void {
    const timer = this.jobTimers.get(id);
    timer?.cancel();
    this.jobTimers.delete(id);
  }

  private track(work: Promise<void>): void {
    this.running.add(work);
    void work.finally(() => this.running.delete(work));
  }

  private async runJob(id: string): Promise<void> {
    const committed = this.engine.internals.committedDocument(id) as JobDocument | null;
    const fn = committed === null ? null : this.engine.resolve(committed.name);
    if (fn?.kind === "mutation") return await this.runMutationJob(id);
    const job = await this.engine.internals.transaction((db) => {
      const doc = db.get(JOBS, id) as JobDocument | null;
      if (doc === null || doc.state.kind !== "pending") return null;
      db.patch(JOBS, id, { state: { kind: "inProgress" } });
      return { name: doc.name, args: doc.args };
    });
    if (job === null || this.stopped) return;
    let state: JobState = { kind: "success" };
    try {
      const resolved = this.engine.resolve(job.name);
      if (resolved === null) throw new Error(`Could not find function for '${job.name}'`);
      await this.engine.call(resolved, (job.args[0] ?? {}) as Value, null);
    } catch (error) {
      console.error(`convex-local: scheduled function ${job.name} failed: ${describeError(error)}`);
      state = { kind: "failed", error: describeError(error) };
    }
    await this.engine.internals.transaction((db) => {
      if (db.get(JOBS, id) !== null) db.patch(JOBS, id, { state, completedTime: Date.now() });
    });
  }

  /**
   * A scheduled mutation runs nested in the transaction that marks its job
   * done, so its writes and the job's state commit together, as on Convex.
   */
  private async runMutationJob(id: string): Promise<void> {
    await this.engine.internals.transaction(async (db) => {
      const doc = db.get(JOBS, id) as JobDocument | null;
      if (doc === null || doc.state.kind !== "pending" || this.stopped) return;
      let state: JobState = { kind: "success" };
      try {
        const fn = this.engine.resolve(doc.name);
        if (fn === null) throw new Error(`Could not find function for '${doc.name}'`);
        await this.engine.call(fn, (doc.args[0] ?? {}) as Value, null);
      } catch (error) {
        console.error(`convex-local: scheduled function ${doc.name} failed: ${describeError(error)}`);
        state = { kind: "failed", error: describeError(error) };
      }
      db.patch(JOBS, id, { state, completedTime: Date.now() });
    });
  }

  /** A job left in progress when the process died (only actions get there): actions fail, anything else runs again. */
  private async recoverInterrupted(id: string): Promise<void> {
    await this.engine.internals.transaction((db) => {
      const job = db.get(JOBS, id) as JobDocument | null;
      if (job === null) return;
      const kind = this.engine.resolve(job.name)?.kind;
      if (kind === "action") {
        db.patch(JOBS, id, {
          state: { kind: "failed", error: "Transient error while executing action" },
          completedTime: Date.now(),
        });
      } else {
        db.patch(JOBS, id, { state: { kind: "pending" } });
      }
    });
  }

  async cleanup(): Promise<void> {
    const cutoff = Date.now() - this.options.retentionMs;
    const expired = [...this.engine.internals.allDocuments()]
      .filter((doc) => doc._id.endsWith(JOBS))
      .filter((doc) => {
        const job = doc as JobDocument;
        const finished = job.state.kind === "success" || job.state.kind === "failed" || job.state.kind === "canceled";
        return finished && (job.completedTime ?? job.scheduledTime) < cutoff;
      })
      .map((doc) => doc._id);
    if (expired.length === 0 || this.stopped) return;
    await this.engine.internals.transaction((db) => {
      for (const id of expired) if (db.get(JOBS, id) !== null) db.delete(JOBS, id);
    });
  }

  private armCrons(): void {
    for (const timer of this.cronTimers.values()) timer.cancel();
    this.cronTimers.clear();
    if (this.stopped) return;
    const cronsModule = this.engine.optionalModule("crons");
    const crons = (cronsModule?.default as { crons?: Record<string, { name: string; args: JSONValue[]; schedule: CronSchedule }> } | undefined)
      ?.crons;
    for (const [identifier, cron] of Object.entries(crons ?? {})) {
      const scheduleNext = (after: number) => {
        if (this.stopped) return;
        const at = nextRunAfter(cron.schedule, after);
        const timer = setLongTimeout(() => {
          if (Date.now() < at) return scheduleNext(after);
          scheduleNext(at);
          this.track(this.runCron(identifier, cron.name, cron.args[0] ?? {}));
        }, at);
        this.cronTimers.set(identifier, timer);
      };
      scheduleNext(Date.now());
    }
  }

  private async runCron(identifier: string, name: string, args: JSONValue): Promise<void> {
    try {
      const fn = this.engine.resolve(name);
      if (fn === null) throw new Error(`Could not find function for '${name}'`);
      await this.engine.call(fn, jsonToConvex(args), null);
    } catch (error) {
      console.error(`convex-local: cron "${identifier}" (${name}) failed: ${describeError(error)}`);
    }
  }
}
