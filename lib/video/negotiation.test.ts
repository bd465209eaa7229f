import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  billingResumed,
  healthChanged,
  initialState,
  leave,
  receive,
  start,
  tick,
  type CallAction,
  type CallRole,
  type NegotiationState,
  type Step,
} from "./negotiation";
import type { SignalMessage } from "./protocol";

const STALL_MS = 10_000;

/**
 * Two call pages joined by signal rows, as Convex delivers them: each page
 * reads the rows addressed to its user in creation order, starting from when
 * it opened. Pages do what the page engine would: a started call sends its
 * offer, an accepted call sends its answer.
 */
class World {
  now = 0;
  private ids = 0;
  private pageCount = { advisor: 0, client: 0 };
  pages: Partial<Record<CallRole, { state: NegotiationState; inbox: SignalMessage[]; answered: Set<string> }>> = {};

  ctx = () => ({ now: this.now, newId: () => `k${++this.ids}` });

  open(role: CallRole) {
    const self = `${role[0]}${++this.pageCount[role]}`;
    this.pages[role] = { state: initialState(role, self), inbox: [], answered: new Set() };
    this.apply(role, start(this.pages[role]!.state));
  }

  close(role: CallRole, sayBye: boolean) {
    const page = this.pages[role]!;
    if (sayBye) this.apply(role, leave(page.state));
    delete this.pages[role];
  }

  /** Delivers the next row to `role`; false if it had none. */
  deliver(role: CallRole): boolean {
    const page = this.pages[role];
    const message = page?.inbox.shift();
    if (page === undefined || message === undefined) return false;
    this.apply(role, receive(page.state, message, this.ctx()));
    return true;
  }

  /** Delivers everything, alternating sides, and reports how many rows that took. */
  drain(limit = 200): number {
    let delivered = 0;
    for (;;) {
      const progressed = [this.deliver("advisor"), this.deliver("client")].filter(Boolean).length;
      if (progressed === 0) return delivered;
      delivered += progressed;
      if (delivered > limit) throw new Error("signalling does not settle");
    }
  }

  apply(role: CallRole, step: Step) {
    const page = this.pages[role]!;
    page.state = step.state;
    for (const action of step.actions) this.perform(role, action);
  }

  private perform(role: CallRole, action: CallAction) {
    const self = this.pages[role]!.state.self;
    if (action.type === "send") this.post(role, action.message);
    if (action.type === "startCall") {
      this.post(role, { type: "offer", from: self, to: action.remote, call: action.call, description: { type: "offer", sdp: action.call } });
    }
    if (action.type === "acceptCall") {
      this.post(role, { type: "answer", from: self, to: action.remote, call: action.call, description: { type: "answer", sdp: action.call } });
    }
    if (action.type === "applyAnswer") this.pages[role]!.answered.add(action.description.sdp);
  }

  private post(from: CallRole, message: SignalMessage) {
    this.pages[from === "advisor" ? "client" : "advisor"]?.inbox.push(message);
  }

  /** Both pages are on the same call and the advisor has its answer: the browsers can connect. */
  agreed(): boolean {
    const { advisor, client } = this.pages;
    if (advisor === undefined || client === undefined) return false;
    return (
      advisor.state.call !== null &&
      advisor.state.call === client.state.call &&
      advisor.state.remote === client.state.self &&
      client.state.remote === advisor.state.self &&
      advisor.answered.has(advisor.state.call)
    );
  }
}

describe("negotiation between an advisor page and a client page", () => {
  it("agrees on one call when both pages open at once, and the advisor makes the only offer", () => {
    const world = new World();
    world.open("advisor");
    world.open("client");
    const offers: string[] = [];
    const original = world.apply.bind(world);
    world.apply = (role, step) => {
      for (const a of step.actions) if (a.type === "startCall") offers.push(`${role}:${a.call}`);
      original(role, step);
    };
    world.drain();
    expect(world.agreed()).toBe(true);
    expect(offers).toEqual(["advisor:k1"]);
  });

  it("calls a client page that opens after the advisor's hello was sent", () => {
    const world = new World();
    world.open("advisor");
    world.drain();
    world.open("client");
    world.drain();
    expect(world.agreed()).toBe(true);
  });

  it.each([
    { who: "client" as const, sayBye: true },
    { who: "client" as const, sayBye: false },
    { who: "advisor" as const, sayBye: true },
    { who: "advisor" as const, sayBye: false },
  ])("reconnects when the $who page closes (bye: $sayBye) and opens again", ({ who, sayBye }) => {
    const world = new World();
    world.open("advisor");
    world.open("client");
    world.drain();
    const firstCall = world.pages.advisor!.state.call;
    world.close(who, sayBye);
    world.drain();
    world.open(who);
    world.drain();
    expect(world.agreed()).toBe(true);
    expect(world.pages.advisor!.state.call).not.toBe(firstCall);
  });

  it("agrees under any order of deliveries, reloads and goodbyes", () => {
    type Event = "deliverAdvisor" | "deliverClient" | "reloadAdvisor" | "reloadClient" | "reloadAdvisorSilently" | "reloadClientSilently";
    const events = fc.array(
      fc.constantFrom<Event>("deliverAdvisor", "deliverClient", "deliverAdvisor", "deliverClient", "reloadAdvisor", "reloadClient", "reloadAdvisorSilently", "reloadClientSilently"),
      { maxLength: 40 },
    );
    fc.assert(
      fc.property(fc.boolean(), events, (advisorFirst, script) => {
        const world = new World();
        world.open(advisorFirst ? "advisor" : "client");
        world.open(advisorFirst ? "client" : "advisor");
        for (const event of script) {
          if (event === "deliverAdvisor") world.deliver("advisor");
          else if (event === "deliverClient") world.deliver("client");
          else {
            const role = event.includes("Advisor") ? "advisor" : "client";
            world.close(role, !event.endsWith("Silently"));
            world.open(role);
          }
        }
        world.drain();
        expect(world.agreed()).toBe(true);
      }),
    );
  });
});

describe("a call that breaks", () => {
  function connected() {
    const world = new World();
    world.open("advisor");
    world.open("client");
    world.drain();
    for (const role of ["advisor", "client"] as const) world.apply(role, healthChanged(world.pages[role]!.state, "connected", world.ctx()));
    return world;
  }

  it("is replaced by the advisor at once when it fails on the advisor's side", () => {
    const world = connected();
    const before = world.pages.advisor!.state.call;
    world.apply("advisor", healthChanged(world.pages.advisor!.state, "failed", world.ctx()));
    expect(world.pages.advisor!.state.call).not.toBe(before);
    world.drain();
    expect(world.agreed()).toBe(true);
  });

  it("is replaced on request when it fails on the client's side", () => {
    const world = connected();
    const before = world.pages.client!.state.call;
    world.apply("client", healthChanged(world.pages.client!.state, "failed", world.ctx()));
    expect(world.pages.client!.inbox).toEqual([]);
    world.drain();
    expect(world.agreed()).toBe(true);
    expect(world.pages.client!.state.call).not.toBe(before);
  });

  it("is replaced only once when both sides notice the failure", () => {
    const world = connected();
    world.apply("advisor", healthChanged(world.pages.advisor!.state, "failed", world.ctx()));
    world.apply("client", healthChanged(world.pages.client!.state, "failed", world.ctx()));
    world.drain();
    expect(world.agreed()).toBe(true);
    expect(world.pages.advisor!.state.call).toBe("k2");
  });

  it.each(["advisor", "client"] as const)("is replaced when it stays interrupted for the stall time (noticed by the %s)", (role) => {
    const world = connected();
    world.now = 1000;
    world.apply(role, healthChanged(world.pages[role]!.state, "interrupted", world.ctx()));
    world.now = 1000 + STALL_MS - 1;
    const early = tick(world.pages[role]!.state, STALL_MS, world.ctx());
    expect(early.actions).toEqual([]);
    world.now = 1000 + STALL_MS;
    world.apply(role, tick(world.pages[role]!.state, STALL_MS, world.ctx()));
    world.drain();
    expect(world.agreed()).toBe(true);
    expect(world.pages.advisor!.state.call).toBe("k2");
  });

  it("is left alone by the watchdog while connected", () => {
    const world = connected();
    world.now = 10 * STALL_MS;
    expect(tick(world.pages.advisor!.state, STALL_MS, world.ctx()).actions).toEqual([]);
    expect(tick(world.pages.client!.state, STALL_MS, world.ctx()).actions).toEqual([]);
  });

  it("reconnects when billing resumes unless the call is up or being set up", () => {
    const world = connected();
    expect(billingResumed(world.pages.advisor!.state, world.ctx()).actions).toEqual([]);
    expect(billingResumed({ ...world.pages.advisor!.state, health: "connecting" }, world.ctx()).actions).toEqual([]);
    world.apply("client", healthChanged(world.pages.client!.state, "interrupted", world.ctx()));
    world.apply("client", billingResumed(world.pages.client!.state, world.ctx()));
    world.drain();
    expect(world.agreed()).toBe(true);
    expect(world.pages.advisor!.state.call).toBe("k2");
  });
});

describe("goodbye", () => {
  it("closes the call and marks the other side as gone until a new page opens", () => {
    const world = new World();
    world.open("advisor");
    world.open("client");
    world.drain();
    world.close("client", true);
    const { state, actions } = receive(world.pages.advisor!.state, world.pages.advisor!.inbox.pop()!, world.ctx());
    expect(actions).toEqual([{ type: "closeCall" }]);
    expect(state).toMatchObject({ remote: null, call: null, peerLeft: true });
    expect(tick(state, STALL_MS, { now: 10 * STALL_MS, newId: () => "x" }).actions).toEqual([]);
  });

  it("from a page that is no longer the other side is ignored", () => {
    const advisor = { ...initialState("advisor", "a1"), remote: "c2", call: "k2", health: "connected" as const };
    expect(receive(advisor, { type: "bye", from: "c1" }, { now: 0, newId: () => "x" })).toEqual({ state: advisor, actions: [] });
  });
});
