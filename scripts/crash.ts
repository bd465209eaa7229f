/**
 * `npm run crash` (issue 13, item 5; decision 012): kill -9 the local backend
 * (tools/convex-local, as a child process with its data on disk) at random
 * moments while 20 chat sessions bill and clients top up through the signed
 * webhook, `--kills N` times (default 12), restarting it each time. Checks:
 *
 * - no acknowledged write is lost: every top-up the webhook answered as
 *   credited is in the client's wallet after the restart, and no session's
 *   billed seconds go back below what a query had already read;
 * - the clock resumes by itself: after each restart, with nobody calling a
 *   mutation, the sessions' billed seconds move again within 10 s;
 * - no second is billed twice (nor lost): the sessions bill from the same
 *   instant with no messages, so each pauses for inactivity at exactly the
 *   setting's 90 s whatever happened meanwhile: 90 billed seconds and
 *   floor(rate × 90 / 60) cents each, its hold the same;
 * - after every event is delivered once more, each checkout is credited once
 *   (wallet cash = the sum of the checkouts), and the product's ledger audit
 *   finds no problem.
 *
 * Prints JSON lines like the bench (crash.kills, crash.breaks, …); progress on
 * stderr. `--seed S` fixes the kill moments. Exits 1 on any break.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import Stripe from "stripe";
import { ConvexHttpClient } from "convex/browser";
import { anyApi } from "convex/server";
import { LOCAL_AUTH_AUDIENCE } from "../lib/config";
import { signAccessToken } from "../lib/auth/localTokens";
import { localSubjectFor } from "../lib/auth/subject";
import { backendEnv, ephemeralSecrets } from "./lib/local-secrets";
import { prng } from "../lib/random";

// The product's generated api is typed for convex-test's references; the HTTP client takes them by name.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const api = anyApi as any;
const CLI = path.join("tools", "convex-local", "src", "cli.ts");
const ISSUER = "https://auth.crash.expertline.localhost";
const SESSIONS = 20;
const RATE = 60;
const INACTIVITY_S = 90;

type Args = { kills: number; seed: number };

function parseArgs(argv: string[]): Args {
  const args: Args = { kills: 12, seed: Date.now() % 100_000 };
  for (let i = 0; i < argv.length; i++) {
    const value = Number(argv[++i]);
    if (!Number.isSafeInteger(value) || value < 0) throw new Error(`${argv[i - 1]} needs a whole number`);
    if (argv[i - 1] === "--kills") args.kills = value;
    else if (argv[i - 1] === "--seed") args.seed = value;
    else throw new Error(`Unknown argument ${argv[i - 1]}. Use --kills N --seed S.`);
  }
  return args;
}


const log = (line: string) => process.stderr.write(`crash: ${line}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type Backend = { child: ChildProcess; url: string; siteUrl: string };

async function startCli(dir: string, envFile: string, adminKey: string, ports: { port: number; site: number }): Promise<Backend> {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", CLI, "--dir", "convex", "--port", String(ports.port), "--site-port", String(ports.site), "--data", dir, "--env-file", envFile, "--no-watch", "--admin-key", adminKey],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  return await new Promise<Backend>((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Convex local backend ready at (\S+) \(HTTP actions at (\S+)\)/.exec(output);
      if (match) resolve({ child, url: match[1]!, siteUrl: match[2]! });
    });
    child.on("exit", (code) => reject(new Error(`backend exited with ${code}: ${output.slice(-2000)}`)));
  });
}

async function killHard(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.on("exit", resolve));
  child.kill("SIGKILL");
  await exited;
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const rng = prng(args.seed);
  const secrets = await ephemeralSecrets();
  const dir = mkdtempSync(path.join(tmpdir(), "expertline-crash-"));
  const envFile = path.join(dir, "env");
  const adminKey = randomBytes(16).toString("hex");
  const stripe = new Stripe("sk_test_unused", { httpClient: Stripe.createFetchHttpClient() });
  const breaks: string[] = [];
  const fail = (problem: string) => {
    breaks.push(problem);
    log(`BREAK ${problem}`);
  };

  // Port 0 the first time; the same ports afterwards, so URLs (and CONVEX_SITE_URL) stay put.
  let backend = await startCli(path.join(dir, "data"), (writeFileSync(envFile, ""), envFile), adminKey, { port: 0, site: 0 });
  const ports = { port: Number(new URL(backend.url).port), site: Number(new URL(backend.siteUrl).port) };
  await killHard(backend.child);
  const env = { ...backendEnv(secrets, ISSUER), ADMIN_EMAILS: "admin@crash.example.com" };
  writeFileSync(envFile, Object.entries(env).map(([k, v]) => `${k}=${v}`).join("\n"));
  backend = await startCli(path.join(dir, "data"), envFile, adminKey, ports);
  log(`seed ${args.seed}; backend at ${backend.url}, data in ${dir}`);

  const adminRun = async (fn: string, fnArgs: unknown) => {
    const response = await fetch(`${backend.url}/api/admin/run`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Convex ${adminKey}` },
      body: JSON.stringify({ path: fn, args: fnArgs }),
    });
    const body = (await response.json()) as { status: string; value?: unknown; errorMessage?: string };
    if (body.status !== "success") throw new Error(`${fn}: ${body.errorMessage}`);
    return body.value;
  };
  const clientFor = async (email: string) => {
    const token = await signAccessToken({ issuer: ISSUER, audience: LOCAL_AUTH_AUDIENCE, privateJwk: secrets.privateJwk }, { subject: localSubjectFor(email), name: email.split("@")[0], email });
    return () => {
      const client = new ConvexHttpClient(backend.url);
      client.setAuth(token);
      return client;
    };
  };

  // The billed sessions first (the bench seeding needs an empty deployment), then the signed-in users.
  const sessionIds = (await adminRun("bench:seedSessions", { batch: 1, count: SESSIONS, rateCentsPerMinute: RATE, balanceCents: 100_000 })) as string[];
  const { startedAt } = (await adminRun("bench:startBilling", {})) as { startedAt: number };
  const admin = await clientFor("admin@crash.example.com");
  await admin().mutation(api.users.store, {});
  const clients = await Promise.all([0, 1, 2, 3, 4, 5, 6, 7].map((i) => clientFor(`client${i}@crash.example.com`)));
  for (const client of clients) await client().mutation(api.users.store, {});

  const probe = async () => (await adminRun("bench:probe", { sessionIds })) as { sessions: { status: string; billedSeconds: number; chargeCents: number; heldCents: number | null }[] };
  const highest = new Map<number, number>();
  const noteBilled = (sessions: { billedSeconds: number }[]) => sessions.forEach((s, i) => highest.set(i, Math.max(highest.get(i) ?? 0, s.billedSeconds)));

  // Top-ups: checkouts created, their signed events delivered; what the webhook acknowledged must survive.
  type Checkout = { client: number; id: string; userId: string; amount: number; eventId: string };
  const checkouts: Checkout[] = [];
  const acknowledged = new Set<string>();
  let eventN = 0;
  const deliver = async (c: Checkout) => {
    const payload = JSON.stringify({
      id: c.eventId,
      object: "event",
      type: "checkout.session.completed",
      created: Math.floor(Date.now() / 1000),
      data: { object: { id: `cs_test_${c.id}`, object: "checkout.session", amount_total: c.amount, currency: "usd", payment_status: "paid", status: "complete", client_reference_id: c.id, metadata: { userId: c.userId, checkoutId: c.id } } },
    });
    const signature = await stripe.webhooks.generateTestHeaderStringAsync({ payload, secret: secrets.stripeWebhookSecret, cryptoProvider: Stripe.createSubtleCryptoProvider() });
    const response = await fetch(`${backend.siteUrl}/stripe/webhook`, { method: "POST", headers: { "Content-Type": "application/json", "Stripe-Signature": signature }, body: payload });
    if (!response.ok) throw new Error(`webhook ${response.status}`);
    return (await response.json()) as { credited?: boolean; reason?: string };
  };
  /** Tops up in a loop until stopped: the kill lands while some of these calls are in flight. */
  const startTopUps = () => {
    let running = true;
    const loop = (async () => {
      while (running) {
        const i = Math.floor(rng() * clients.length);
        try {
          const client = clients[i]();
          const { checkoutId } = (await client.action(api.payments.createTopUp, { amount: 500 + 100 * Math.floor(rng() * 20) })) as { checkoutId: string };
          const summary = (await client.query(api.payments.getCheckout, { checkoutId })) as { amount: number };
          const me = (await client.query(api.users.current, {})) as { _id: string };
          const c = { client: i, id: checkoutId, userId: me._id, amount: summary.amount, eventId: `evt_crash_${++eventN}` };
          checkouts.push(c);
          const outcome = await deliver(c);
          if (outcome.credited === true) acknowledged.add(c.id);
        } catch {
          await sleep(50); // the backend is down, or the call was cut: nothing was acknowledged
        }
      }
    })();
    return async () => {
      running = false;
      await loop;
    };
  };

  const checkAcknowledged = async (when: string) => {
    for (let i = 0; i < clients.length; i++) {
      const mine = checkouts.filter((c) => c.client === i);
      let paid = 0;
      for (const c of mine) {
        const checkout = (await clients[i]().query(api.payments.getCheckout, { checkoutId: c.id })) as { status: string; amount: number } | null;
        if (checkout === null) {
          if (acknowledged.has(c.id)) fail(`${when}: acknowledged checkout ${c.id} is gone`);
          continue;
        }
        if (acknowledged.has(c.id) && checkout.status !== "paid") fail(`${when}: acknowledged credit of checkout ${c.id} was lost`);
        if (checkout.status === "paid") paid += checkout.amount;
      }
      const wallet = (await clients[i]().query(api.wallets.summary, {})) as { cash: number };
      if (wallet.cash !== paid) fail(`${when}: client ${i} has ${wallet.cash} cash for ${paid} of paid checkouts`);
    }
  };

  let resumeMaxMs = 0;
  for (let k = 1; k <= args.kills; k++) {
    const stopTopUps = startTopUps();
    await sleep(300 + Math.floor(rng() * 2500));
    noteBilled((await probe().catch(() => ({ sessions: [] }))).sessions);
    await killHard(backend.child);
    const killedAt = Date.now();
    await stopTopUps();
    backend = await startCli(path.join(dir, "data"), envFile, adminKey, ports);
    const restartedAt = Date.now();
    const after = await probe();
    after.sessions.forEach((s, i) => {
      if (s.billedSeconds < (highest.get(i) ?? 0)) fail(`kill ${k}: session ${i} billed ${s.billedSeconds} s after the restart, ${highest.get(i)} s before`);
    });
    await checkAcknowledged(`kill ${k}`);
    // Nobody calls a mutation: the clock must bill on by itself (while sessions are still active).
    const active = after.sessions.findIndex((s) => s.status === "active");
    if (active >= 0) {
      const from = after.sessions[active].billedSeconds;
      let moved = false;
      while (Date.now() - restartedAt < 10_000) {
        const now = (await probe()).sessions[active];
        if (now.billedSeconds > from || now.status !== "active") {
          moved = true;
          break;
        }
        await sleep(100);
      }
      if (!moved) fail(`kill ${k}: the clock did not resume by itself within 10 s`);
      resumeMaxMs = Math.max(resumeMaxMs, Date.now() - restartedAt);
    }
    log(`kill ${k}: down ${restartedAt - killedAt} ms; ${checkouts.length} checkouts, ${acknowledged.size} acknowledged credits`);
  }
  // Every session pauses for inactivity at exactly 90 billed seconds, however often the backend died.
  const deadline = startedAt + (INACTIVITY_S + 30) * 1000;
  let final = await probe();
  while (final.sessions.some((s) => s.status === "active") && Date.now() < deadline) {
    await sleep(500);
    final = await probe();
  }
  const expectedCharge = Math.floor((RATE * INACTIVITY_S) / 60);
  final.sessions.forEach((s, i) => {
    if (s.status !== "paused" || s.billedSeconds !== INACTIVITY_S || s.chargeCents !== expectedCharge || s.heldCents !== expectedCharge) {
      fail(`session ${i} ended up ${s.status} with ${s.billedSeconds} s billed, ${s.chargeCents}¢ charged, ${s.heldCents}¢ held; expected paused at ${INACTIVITY_S} s, ${expectedCharge}¢`);
    }
  });

  // Every event once more: each checkout credited exactly once.
  for (const c of checkouts) await deliver(c).catch((error: unknown) => fail(`redelivery of ${c.eventId}: ${String(error)}`));
  await checkAcknowledged("after redelivery");
  for (const c of checkouts) {
    const checkout = (await clients[c.client]().query(api.payments.getCheckout, { checkoutId: c.id })) as { status: string } | null;
    if (checkout?.status !== "paid") fail(`checkout ${c.id} is ${checkout?.status ?? "missing"} after its event was delivered again`);
  }

  // The product's own audit, for good measure.
  await admin().mutation(api.ledger.startAudit, {});
  type AuditRun = { status: string; problemCount: number; problems: unknown[] };
  let audit = null as AuditRun | null;
  for (let i = 0; i < 100 && audit?.status !== "done"; i++) {
    await sleep(100);
    audit = (await admin().query(api.ledger.latestAudit, {})) as AuditRun | null;
  }
  if (audit?.status !== "done" || audit.problemCount !== 0) fail(`ledger audit: ${JSON.stringify(audit?.problems ?? audit)}`);

  await killHard(backend.child);
  rmSync(dir, { recursive: true, force: true });
  const metrics = [
    { metric: "crash.kills", value: args.kills, unit: "count" },
    { metric: "crash.breaks", value: breaks.length, unit: "count" },
    { metric: "crash.topups_acknowledged", value: acknowledged.size, unit: "count" },
    { metric: "crash.checkouts", value: checkouts.length, unit: "count" },
    { metric: "crash.sessions_billed_exactly", value: final.sessions.filter((s) => s.billedSeconds === INACTIVITY_S && s.chargeCents === expectedCharge).length, unit: "count" },
    { metric: "crash.clock_resume_max_ms", value: resumeMaxMs, unit: "ms" },
  ];
  for (const m of metrics) process.stdout.write(`${JSON.stringify(m)}\n`);
  return breaks.length === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(2);
  },
);
