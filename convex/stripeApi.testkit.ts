/**
 * A recording stand-in for the few Stripe API endpoints the product calls
 * (refunds, Connect accounts, account links, transfers), for backend tests
 * that run the real Stripe SDK with STRIPE_API_BASE pointing here. It keeps
 * Stripe's idempotency rule: a repeated Idempotency-Key returns the first
 * answer and creates nothing. Not deployed (two dots in the name).
 */
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export type StripeCall = { method: string; path: string; idempotencyKey?: string; params: Record<string, string> };

type Handler = (params: Record<string, string>, n: number) => { status: number; body: Record<string, unknown> };

const HANDLERS: Record<string, Handler> = {
  "POST /v1/refunds": (p, n) => ({
    status: 200,
    body: { id: `re_fake_${n}`, object: "refund", amount: Number(p.amount), payment_intent: p.payment_intent, status: "succeeded" },
  }),
  "POST /v1/accounts": (p, n) => ({ status: 200, body: { id: `acct_fake_${n}`, object: "account", type: p.type, email: p.email } }),
  "POST /v1/account_links": (p) => ({
    status: 200,
    body: { object: "account_link", url: `https://connect.stripe.test/setup/${p.account}`, expires_at: 0, created: 0 },
  }),
  "POST /v1/transfers": (p, n) => ({
    status: 200,
    body: { id: `tr_fake_${n}`, object: "transfer", amount: Number(p.amount), currency: p.currency, destination: p.destination },
  }),
};

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

export type FakeStripe = {
  base: string;
  calls: StripeCall[];
  /** Makes the next calls to `route` (e.g. "POST /v1/transfers") fail as Stripe does, with `message`. */
  failNext(route: string, message: string): void;
  /** Forgets calls, answers and planned failures: convex-test ids repeat across tests, so idempotency keys do too. */
  reset(): void;
  close(): Promise<void>;
};

export async function startFakeStripe(): Promise<FakeStripe> {
  const calls: StripeCall[] = [];
  const answered = new Map<string, { status: number; body: Record<string, unknown> }>();
  const failures = new Map<string, string>();
  let created = 0;
  const server: Server = createServer((request, response) => {
    void (async () => {
      const params = Object.fromEntries(new URLSearchParams(await readBody(request)));
      const path = (request.url ?? "").split("?")[0];
      const route = `${request.method} ${path}`;
      const idempotencyKey = request.headers["idempotency-key"] as string | undefined;
      calls.push({ method: request.method ?? "", path, idempotencyKey, params });
      const handler = HANDLERS[route];
      let answer = idempotencyKey === undefined ? undefined : answered.get(`${route} ${idempotencyKey}`);
      if (answer === undefined) {
        const failure = failures.get(route);
        answer =
          failure !== undefined
            ? { status: 400, body: { error: { type: "invalid_request_error", message: failure } } }
            : handler === undefined
              ? { status: 404, body: { error: { type: "invalid_request_error", message: `Unrecognized request URL (${route})` } } }
              : handler(params, ++created);
        if (failure !== undefined) failures.delete(route);
        if (idempotencyKey !== undefined && answer.status === 200) answered.set(`${route} ${idempotencyKey}`, answer);
      }
      response.writeHead(answer.status, { "Content-Type": "application/json", "Request-Id": `req_fake_${calls.length}` });
      response.end(JSON.stringify(answer.body));
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    calls,
    failNext: (route, message) => failures.set(route, message),
    reset: () => {
      calls.length = 0;
      answered.clear();
      failures.clear();
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
