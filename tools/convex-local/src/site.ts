/** The site URL: HTTP actions of http.ts with the real request and Bearer identity. */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { UserIdentity } from "convex/server";
import type { Core } from "./core.js";
import { readBody } from "./http-api.js";
import { toErrorShape } from "./errors.js";

function toRequest(req: IncomingMessage, body: Buffer, siteUrl: string): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
  }
  const method = req.method ?? "GET";
  const hasBody = method !== "GET" && method !== "HEAD";
  return new Request(new URL(req.url ?? "/", siteUrl), { method, headers, body: hasBody ? new Uint8Array(body) : undefined });
}

async function identityOf(core: Core, req: IncomingMessage): Promise<UserIdentity | null> {
  const header = req.headers.authorization;
  if (header === undefined || !header.startsWith("Bearer ")) return null;
  try {
    return await core.verifyToken(header.slice("Bearer ".length));
  } catch {
    // As on Convex: an invalid token yields no identity; the action decides.
    return null;
  }
}

export function createSiteHandler(core: Core) {
  return async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      const request = toRequest(req, await readBody(req), core.urls.siteUrl);
      const response = await core.engine.fetch(request, await identityOf(core, req));
      await core.waitDurable();
      const headers: Record<string, string[]> = {};
      response.headers.forEach((value, name) => {
        (headers[name] ??= []).push(value);
      });
      res.writeHead(response.status, response.statusText, headers);
      res.end(Buffer.from(await response.arrayBuffer()));
    } catch (error) {
      const { errorMessage } = toErrorShape("http", `${req.method} ${req.url}`, error);
      if (!res.headersSent) res.writeHead(500, { "Content-Type": "text/plain" });
      res.end(errorMessage);
    }
  };
}
