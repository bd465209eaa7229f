/** Test fixtures for live sessions (two dots in the name: Convex never deploys this file). */
import { vi } from "vitest";
import { api } from "./_generated/api";
import type { Id } from "./_generated/dataModel";
import * as Ledger from "./model/ledger";
import { fund, makeUser, newTest, type TestConvex } from "./test.factories";

/** 2026-01-01T00:00:00Z: a whole second, so billed seconds line up with wall-clock steps. */
export const T0 = Date.UTC(2026, 0, 1);

export type Party = Awaited<ReturnType<typeof makeUser>>;

/** Starts fake time at T0; call in every test that uses the clock. */
export function useFakeClock() {
  vi.useFakeTimers({ toFake: ["Date", "setTimeout", "clearTimeout"] });
  vi.setSystemTime(T0);
}

export async function accountBalance(t: TestConvex, ref: Ledger.AccountRef) {
  return await t.run(async (ctx) => (await Ledger.findAccount(ctx, ref, "USD"))?.balance ?? 0);
}

export async function advisorProfileId(t: TestConvex, userId: Id<"users">): Promise<Id<"advisors">> {
  return await t.run(async (ctx) => (await ctx.db.query("advisors").withIndex("by_userId", (q) => q.eq("userId", userId)).unique())!._id);
}

/** An online advisor with the given per-minute prices and a client with `balance` cents. */
export async function setup(opts: { balance: number; chatRate?: number; videoRate?: number }) {
  const t = newTest();
  const client = await makeUser(t, "client");
  const advisor = await makeUser(t, "advisor");
  const advisorId = await advisorProfileId(t, advisor.userId);
  await t.run((ctx) =>
    ctx.db.patch(advisorId, { chatPricePerMinute: opts.chatRate ?? 50, videoPricePerMinute: opts.videoRate ?? 100, isOnline: true }),
  );
  if (opts.balance > 0) await fund(t, client.userId, opts.balance);
  return { t, client, advisor, advisorId };
}

/** Requests and accepts a session; billing starts at the current fake time (for video: both sides connect at once). */
export async function startSession(
  s: { t: TestConvex; client: Party; advisor: Party; advisorId: Id<"advisors"> },
  kind: "chat" | "video",
) {
  const sessionId = await s.client.as.mutation(api.sessions.requestSession, { advisorId: s.advisorId, kind });
  await s.advisor.as.mutation(api.sessions.acceptSession, { sessionId });
  if (kind === "video") {
    await s.client.as.mutation(api.presence.heartbeat, { sessionId, connected: true });
    await s.advisor.as.mutation(api.presence.heartbeat, { sessionId, connected: true });
  }
  return sessionId;
}

/** Runs whatever the scheduler has due now, including batch continuations. */
export async function runDue(t: TestConvex) {
  for (let round = 0; round < 4; round++) {
    vi.advanceTimersByTime(0);
    await t.finishInProgressScheduledFunctions();
  }
}

/**
 * Moves server time forward by `ms` in steps of `stepMs`, letting the clock
 * run once per step. A step longer than a second makes every tick late.
 */
export async function elapse(t: TestConvex, ms: number, stepMs = 1000, eachStep?: (elapsedMs: number) => Promise<void>) {
  for (let done = 0; done < ms; ) {
    const step = Math.min(stepMs, ms - done);
    vi.advanceTimersByTime(step);
    done += step;
    await runDue(t);
    if (eachStep) await eachStep(done);
  }
}

export async function sessionDoc(t: TestConvex, sessionId: Id<"sessions">) {
  return (await t.run((ctx) => ctx.db.get(sessionId)))!;
}

/** A $1.00/min video session billing from now; `beat` sends heartbeats every 5 s from the sides still `present`. */
export async function videoSession(balance = 2000) {
  const s = await setup({ balance, videoRate: 60 });
  const sessionId = await startSession(s, "video");
  const present = { client: true, advisor: true };
  const beat = async (elapsedMs: number) => {
    if (elapsedMs % 5000 !== 0) return;
    if (present.client) await s.client.as.mutation(api.presence.heartbeat, { sessionId, connected: true });
    if (present.advisor) await s.advisor.as.mutation(api.presence.heartbeat, { sessionId, connected: true });
  };
  return { ...s, sessionId, present, beat };
}

/** A $1.00/min chat on $3.00, kept talking until it pauses at zero balance at 3:00 billed (1 s after, the clock has noticed). */
export async function chatUntilZeroBalance() {
  const s = await setup({ balance: 300, chatRate: 100 });
  const sessionId = await startSession(s, "chat");
  await elapse(s.t, 60_000);
  await s.client.as.mutation(api.messages.send, { sessionId, body: "still here" });
  await elapse(s.t, 60_000);
  await s.advisor.as.mutation(api.messages.send, { sessionId, body: "me too" });
  await elapse(s.t, 61_000);
  return { ...s, sessionId };
}
