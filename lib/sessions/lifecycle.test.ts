import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bothPresent, endLimit, lastSeenOfMissingSide, mayPause, resumeRefusal, type PauseKind, type ResumeInput, type ResumeTrigger } from "./lifecycle";

const timings = { disconnectMs: 15_000, graceMs: 60_000, zeroBalanceMs: 300_000 };
const T = 1_000_000;

function input(pauseReason: PauseKind, trigger: ResumeTrigger, over: Partial<ResumeInput> = {}): ResumeInput {
  return {
    kind: "video",
    status: "paused",
    pauseReason,
    pausedAt: T,
    clientSeenAt: T + 9000,
    advisorSeenAt: T + 9000,
    trigger,
    affordable: true,
    now: T + 10_000,
    timings,
    ...over,
  };
}

const click = (by: "client" | "advisor"): ResumeTrigger => ({ via: "click", by });
const message = (by: "client" | "advisor"): ResumeTrigger => ({ via: "message", by });
const presence: ResumeTrigger = { via: "presence" };

describe("resumeRefusal: who may resume each kind of pause", () => {
  it.each([
    ["manual", click("client"), null],
    ["manual", click("advisor"), null],
    ["manual", message("client"), "FORBIDDEN"],
    ["manual", presence, "FORBIDDEN"],
    ["inactive", click("advisor"), null],
    ["inactive", message("advisor"), null],
    ["inactive", presence, "FORBIDDEN"],
    ["zero_balance", click("client"), null],
    ["zero_balance", click("advisor"), "FORBIDDEN"],
    ["zero_balance", message("client"), "FORBIDDEN"],
    ["disconnected", click("client"), "FORBIDDEN"],
    ["disconnected", click("advisor"), "FORBIDDEN"],
    ["disconnected", message("advisor"), "FORBIDDEN"],
    ["disconnected", presence, null],
  ] as const)("%s pause, %o → %s", (kind, trigger, code) => {
    expect(resumeRefusal(input(kind, trigger))?.code ?? null).toBe(code);
  });

  it("never resumes a video session into an absent side, whatever the kind", () => {
    for (const kind of ["manual", "inactive", "zero_balance", "disconnected"] as const) {
      const trigger = kind === "disconnected" ? presence : click("client");
      expect(resumeRefusal(input(kind, trigger, { clientSeenAt: T - 6000 }))).toMatchObject({ code: "CONFLICT" });
    }
  });

  it("refuses without a next affordable second, and when not paused", () => {
    expect(resumeRefusal(input("manual", click("client"), { affordable: false }))).toMatchObject({ code: "INSUFFICIENT_FUNDS" });
    expect(resumeRefusal(input("manual", click("client"), { status: "active", pauseReason: undefined }))).toMatchObject({ code: "CONFLICT" });
  });

  it("refuses once a limit has passed, however late anything runs", () => {
    const zero = input("zero_balance", click("client"), { kind: "chat", now: T + 300_000 });
    expect(resumeRefusal(zero)).toMatchObject({ code: "CONFLICT" });
    expect(resumeRefusal({ ...zero, now: T + 299_999 })).toBeNull();
    const back = input("disconnected", presence, { disconnectedAt: T, now: T + 60_000, clientSeenAt: T + 59_000, advisorSeenAt: T + 59_000 });
    expect(resumeRefusal(back)).toMatchObject({ code: "CONFLICT" });
    expect(resumeRefusal({ ...back, now: T + 59_999 })).toBeNull();
  });
});

describe("endLimit", () => {
  it("runs the grace from the disconnection, through any pause kind, and takes the earlier limit", () => {
    expect(endLimit({ status: "paused", pauseReason: "manual", pausedAt: T + 5000, disconnectedAt: T }, timings)).toEqual({ at: T + 60_000, reason: "disconnected" });
    expect(endLimit({ status: "active", disconnectedAt: T }, timings)).toEqual({ at: T + 60_000, reason: "disconnected" });
    expect(endLimit({ status: "paused", pauseReason: "zero_balance", pausedAt: T, disconnectedAt: T + 250_000 }, timings)).toEqual({ at: T + 300_000, reason: "zero_balance_timeout" });
    expect(endLimit({ status: "paused", pauseReason: "manual", pausedAt: T }, timings)).toBeNull();
    expect(endLimit({ status: "ended", disconnectedAt: T }, timings)).toBeNull();
  });
});

describe("presence", () => {
  it("counts a side as present only within the disconnect window; chat has no presence", () => {
    expect(bothPresent({ kind: "video", clientSeenAt: T, advisorSeenAt: T }, T + 14_999, timings)).toBe(true);
    expect(bothPresent({ kind: "video", clientSeenAt: T, advisorSeenAt: T + 10_000 }, T + 15_000, timings)).toBe(false);
    expect(bothPresent({ kind: "video", advisorSeenAt: T }, T, timings)).toBe(false);
    expect(bothPresent({ kind: "chat" }, T, timings)).toBe(true);
  });

  it("dates a disconnection at the missing side's last heartbeat, never before the floor", () => {
    fc.assert(
      fc.property(fc.option(fc.nat(100_000), { nil: undefined }), fc.option(fc.nat(100_000), { nil: undefined }), fc.nat(100_000), (client, advisor, floor) => {
        const at = lastSeenOfMissingSide({ kind: "video", clientSeenAt: client, advisorSeenAt: advisor }, floor);
        expect(at).toBeGreaterThanOrEqual(floor);
        expect(at).toBe(Math.max(floor, Math.min(client ?? floor, advisor ?? floor)));
      }),
    );
  });

  it("offers pause only while billing runs", () => {
    expect(mayPause({ status: "active", resumedAt: T })).toBe(true);
    expect(mayPause({ status: "active", resumedAt: null })).toBe(false);
    expect(mayPause({ status: "paused", resumedAt: null })).toBe(false);
  });
});
