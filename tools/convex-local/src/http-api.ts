/**
 * The deployment URL's HTTP API: /api/query|mutation|action|function, storage
 * upload/download, and (with an admin key) /api/admin/run.
 *
 * Storage as on Convex: an upload keeps its Content-Type (the `_storage`
 * document's contentType, served back on download); a file is served only
 * through the URL getUrl hands out, which carries an HMAC of the storage id
 * under a secret of the data directory. Knowing a storage id is not enough:
 * without the right token the answer is the same 404 as for a missing file.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { JSONValue } from "convex/values";
import type { UserIdentity } from "convex/server";
import type { Core } from "./core.js";
import type { FunctionKind } from "./errors.js";

const CORS_HEADERS = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
  "Access-Control-Allow-Headers": "*",
  "Access-Control-Max-Age": "86400",
};

const STATUS_UDF_FAILED = 560;
const UPLOAD_TOKEN_TTL_MS = 60 * 60 * 1000;

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "Content-Type": "application/json", ...CORS_HEADERS });
  res.end(JSON.stringify(body));
}

type Caller = { identity: UserIdentity | null; admin: boolean };

class HttpFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

async function callerOf(core: Core, req: IncomingMessage): Promise<Caller> {
  const header = req.headers.authorization;
  if (header === undefined || header === "") return { identity: null, admin: false };
  if (header.startsWith("Bearer ")) {
    try {
      return { identity: await core.verifyToken(header.slice("Bearer ".length)), admin: false };
    } catch (error) {
      throw new HttpFailure(401, "Unauthenticated", error instanceof Error ? error.message : String(error));
    }
  }
  if (header.startsWith("Convex ")) {
    const key = header.slice("Convex ".length).split(":")[0];
    if (core.adminKey !== undefined && key === core.adminKey) return { identity: null, admin: true };
    throw new HttpFailure(401, "BadAdminKey", "The provided admin key was invalid for this instance");
  }
  throw new HttpFailure(401, "Unauthenticated", "Authorization header must be `Bearer <token>` or `Convex <admin key>`");
}

function parseCall(body: Buffer): { path: string; args: JSONValue } {
  let parsed: { path?: unknown; args?: unknown };
  try {
    parsed = JSON.parse(body.toString("utf8")) as typeof parsed;
  } catch {
    throw new HttpFailure(400, "BadJsonBody", "The request body is not valid JSON");
  }
  if (parsed === null || typeof parsed !== "object" || typeof parsed.path !== "string") {
    throw new HttpFailure(400, "BadJsonBody", "The request body needs a string `path`");
  }
  const args = Array.isArray(parsed.args) ? (parsed.args[0] ?? {}) : (parsed.args ?? {});
  return { path: parsed.path, args: args as JSONValue };
}

export function createApiHandler(core: Core) {
  const uploadTokens = new Map<string, number>();

  async function call(req: IncomingMessage, res: ServerResponse, kind: FunctionKind | "any", adminOnly: boolean) {
    const caller = await callerOf(core, req);
    if (adminOnly && !caller.admin) throw new HttpFailure(401, "BadAdminKey", "This endpoint needs `Authorization: Convex <admin key>`");
    const { path, args } = parseCall(await readBody(req));
    const outcome = await core.callFromClient(kind, path, args, caller.identity, caller.admin);
    if (outcome.ok) sendJson(res, 200, { status: "success", value: outcome.value, logLines: outcome.logLines });
    else sendJson(res, STATUS_UDF_FAILED, { status: "error", errorMessage: outcome.errorMessage, errorData: outcome.errorData, logLines: outcome.logLines });
  }

  async function upload(req: IncomingMessage, res: ServerResponse, url: URL) {
    const token = url.searchParams.get("token") ?? "";
    const expires = uploadTokens.get(token);
    if (expires === undefined || expires < Date.now()) throw new HttpFailure(401, "InvalidUploadToken", "The upload URL is invalid or has expired");
    uploadTokens.delete(token);
    const body = await readBody(req);
    const blob = new Blob([new Uint8Array(body)], { type: req.headers["content-type"] ?? "" });
    const storageId = await core.engine.storeFile(blob);
    await core.waitDurable();
    sendJson(res, 200, { storageId });
  }

  function fileToken(storageId: string): string {
    return createHmac("sha256", core.persistence.storageUrlKey).update(storageId).digest("base64url");
  }

  function hasValidToken(storageId: string, token: string | null): boolean {
    const expected = Buffer.from(fileToken(storageId));
    const given = Buffer.from(token ?? "");
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  function download(res: ServerResponse, storageId: string, token: string | null) {
    const blob = hasValidToken(storageId, token) ? core.engine.internals.committedFile(storageId) : null;
    if (blob === null) throw new HttpFailure(404, "FileNotFound", `File ${storageId} not found`);
    return blob.arrayBuffer().then((bytes) => {
      res.writeHead(200, {
        "Content-Type": blob.type || "application/octet-stream",
        "Content-Length": bytes.byteLength,
        "X-Content-Type-Options": "nosniff",
        ...CORS_HEADERS,
      });
      res.end(Buffer.from(bytes));
    });
  }

  core.engine.internals.interceptAsyncSyscalls((op, jsonArgs, db) => {
    if (op === "1.0/storageGenerateUploadUrl") {
      for (const [old, expires] of uploadTokens) if (expires < Date.now()) uploadTokens.delete(old);
      const token = randomBytes(16).toString("hex");
      uploadTokens.set(token, Date.now() + UPLOAD_TOKEN_TTL_MS);
      return JSON.stringify(`${core.urls.url}/api/storage/upload?token=${token}`);
    }
    if (op === "1.0/storageGetUrl") {
      const { storageId } = JSON.parse(jsonArgs) as { storageId: string };
      if (db.get("_storage", storageId) === null) return JSON.stringify(null);
      return JSON.stringify(`${core.urls.url}/api/storage/${storageId}?token=${fileToken(storageId)}`);
    }
    return undefined;
  });

  return async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", core.urls.url);
    try {
      if (req.method === "OPTIONS") {
        res.writeHead(204, CORS_HEADERS);
        res.end();
        return;
      }
      const route = `${req.method} ${url.pathname}`;
      switch (route) {
        case "POST /api/query":
          return await call(req, res, "query", false);
        case "POST /api/mutation":
          return await call(req, res, "mutation", false);
        case "POST /api/action":
          return await call(req, res, "action", false);
        case "POST /api/function":
          return await call(req, res, "any", false);
        case "POST /api/admin/run":
          return await call(req, res, "any", true);
        case "POST /api/storage/upload":
          return await upload(req, res, url);
        case "GET /version":
        case "GET /":
          res.writeHead(200, { "Content-Type": "text/plain", ...CORS_HEADERS });
          res.end("convex-local");
          return;
      }
      const download_ = /^\/api\/storage\/([^/]+)$/.exec(url.pathname);
      if (req.method === "GET" && download_) return await download(res, decodeURIComponent(download_[1]!), url.searchParams.get("token"));
      throw new HttpFailure(404, "NotFound", `No route for ${route}`);
    } catch (error) {
      if (error instanceof HttpFailure) return sendJson(res, error.status, { code: error.code, message: error.message });
      console.error("convex-local: HTTP API error:", error);
      sendJson(res, 500, { code: "InternalServerError", message: error instanceof Error ? error.message : String(error) });
    }
  };
}
