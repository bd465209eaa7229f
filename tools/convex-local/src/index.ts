/**
 * A local, Convex-compatible backend for development and tests: runs a
 * functions folder on convex-test's engine and speaks Convex's client
 * protocols (WebSocket sync, HTTP API, HTTP actions, storage).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { watch, type FSWatcher } from "node:fs";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { WebSocketServer } from "ws";
import { Engine } from "./engine.js";
import { Persistence } from "./persistence.js";
import { Scheduler } from "./scheduler.js";
import { Core } from "./core.js";
import { SyncSession } from "./sync.js";
import { createApiHandler } from "./http-api.js";
import { createSiteHandler } from "./site.js";

export type BackendOptions = {
  functionsDir: string;
  port?: number;
  sitePort?: number;
  host?: string;
  dataDir?: string;
  inMemory?: boolean;
  reset?: boolean;
  watch?: boolean;
  env?: Record<string, string>;
  adminKey?: string;
  /** How long finished scheduled-function records are kept (default 7 days). */
  scheduledJobRetentionMs?: number;
  /** Log records before the log is compacted into a snapshot (default 5000). */
  compactAfterRecords?: number;
};

export type Backend = {
  url: string;
  siteUrl: string;
  run(udfPath: string, args?: Record<string, unknown>): Promise<unknown>;
  close(): Promise<void>;
};

const SYNC_PATH = /^\/api\/(?:[^/]+\/)?sync$/;
const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

export async function startBackend(options: BackendOptions): Promise<Backend> {
  const host = options.host ?? "127.0.0.1";
  const port = options.port ?? 3210;
  let handleApi: Handler | null = null;
  let handleSite: Handler | null = null;
  const notReady = (res: ServerResponse) => {
    res.writeHead(503, { "Content-Type": "text/plain" });
    res.end("convex-local is starting");
  };
  const apiServer = createServer((req, res) => void (handleApi ? handleApi(req, res) : notReady(res)));
  const siteServer = createServer((req, res) => void (handleSite ? handleSite(req, res) : notReady(res)));
  const actualPort = await listen(apiServer, port, host);
  const sitePort = options.sitePort ?? (port === 0 ? 0 : actualPort + 1);
  let actualSitePort: number;
  try {
    actualSitePort = await listen(siteServer, sitePort, host);
  } catch (error) {
    await closeServer(apiServer);
    throw error;
  }
  // Listening on every interface still means clients on this machine use loopback.
  const urlHost = host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host.includes(":") ? `[${host}]` : host;
  const url = `http://${urlHost}:${actualPort}`;
  const siteUrl = `http://${urlHost}:${actualSitePort}`;
  const deploymentEnv: Record<string, string> = { ...options.env, CONVEX_CLOUD_URL: url, CONVEX_SITE_URL: siteUrl };
  const previousEnv = Object.fromEntries(Object.keys(deploymentEnv).map((key) => [key, process.env[key]]));
  Object.assign(process.env, deploymentEnv);
  const restoreEnv = () => {
    for (const [key, value] of Object.entries(previousEnv)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  };

  let engine: Engine;
  let persistence: Persistence;
  try {
    engine = await Engine.create(options.functionsDir);
    const opened = await Persistence.open(
      {
        dataDir: path.resolve(options.dataDir ?? ".convex-local"),
        inMemory: options.inMemory ?? false,
        reset: options.reset ?? false,
        compactAfterRecords: options.compactAfterRecords,
      },
      () => engine.internals.dumpState(),
    );
    persistence = opened.persistence;
    if (opened.recovered.state !== null) engine.internals.loadState(opened.recovered.state, opened.recovered.files);
  } catch (error) {
    restoreEnv();
    await Promise.all([closeServer(apiServer), closeServer(siteServer)]);
    throw error;
  }

  const core = new Core(engine, persistence, { url, siteUrl }, options.adminKey);
  const scheduler = new Scheduler(engine, { retentionMs: options.scheduledJobRetentionMs ?? WEEK_MS });
  await scheduler.start();

  const sockets = new WebSocketServer({ noServer: true });
  apiServer.on("upgrade", (req, socket, head) => {
    const pathname = new URL(req.url ?? "/", url).pathname;
    if (!SYNC_PATH.test(pathname)) return void socket.destroy();
    sockets.handleUpgrade(req, socket, head, (ws) => core.sessions.add(new SyncSession(ws, core)));
  });
  handleApi = createApiHandler(core);
  handleSite = createSiteHandler(core);

  const stopWatching = options.watch ? watchSources(engine, options.functionsDir) : () => undefined;

  let closed = false;
  return {
    url,
    siteUrl,
    async run(udfPath, args = {}) {
      const fn = engine.resolve(udfPath);
      if (fn === null) throw new Error(`convex-local: no function "${udfPath}"`);
      const result = await engine.call(fn, args as never, null);
      await core.waitDurable();
      return result;
    },
    async close() {
      if (closed) return;
      closed = true;
      stopWatching();
      for (const client of sockets.clients) client.terminate();
      sockets.close();
      await Promise.all([closeServer(apiServer), closeServer(siteServer)]);
      await scheduler.stop();
      await persistence.close();
      await engine.close();
      restoreEnv();
    },
  };
}

/** Reloads the functions when any file that went into them changes; data stays. */
function watchSources(engine: Engine, functionsDir: string): () => void {
  let watchers: FSWatcher[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;
  let reloading = Promise.resolve();
  const functionsRoot = path.resolve(functionsDir);
  const arm = () => {
    for (const watcher of watchers) watcher.close();
    const dirs = new Set([functionsRoot, ...engine.sourceFiles.map((file) => path.dirname(file))]);
    watchers = [...dirs].map((dir) =>
      watch(dir, { recursive: dir === functionsRoot }, (_event, file) => {
        if (file !== null && /(^|[/\\])\./.test(String(file))) return;
        if (timer !== null) clearTimeout(timer);
        timer = setTimeout(() => {
          reloading = reloading.then(async () => {
            try {
              await engine.reload();
              console.log("convex-local: functions reloaded");
              arm();
            } catch (error) {
              console.error(`convex-local: reload failed, keeping the previous functions: ${error instanceof Error ? error.message : String(error)}`);
            }
          });
        }, 150);
      }),
    );
  };
  arm();
  return () => {
    if (timer !== null) clearTimeout(timer);
    for (const watcher of watchers) watcher.close();
    watchers = [];
  };
}
