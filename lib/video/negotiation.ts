/**
 * Who does what in a direct WebRTC call, as pure decisions (no browser APIs):
 * the page engine (components/video/peer-call.ts) feeds in signals, connection
 * health and time, and carries out the actions returned.
 *
 * Roles are fixed, so offers never collide ("glare"): the advisor's page makes
 * every offer, the client's page only answers. A page that opens says hello;
 * the advisor starts a new call for each new client page, and a client page
 * greets each new advisor page back so that page can call it. A call that stays
 * unconnected for too long is replaced (advisor) or asked to be replaced (client).
 */
import type { IceCandidate, SessionDescription, SignalMessage } from "./protocol";
import { isForPeer } from "./protocol";

export type CallRole = "advisor" | "client";

/** The current call's connection, from RTCPeerConnection.connectionState. */
export type CallHealth = "none" | "connecting" | "connected" | "interrupted" | "failed";

export type NegotiationState = {
  role: CallRole;
  /** This page's id. */
  self: string;
  /** The other side's page, once known. */
  remote: string | null;
  /** The current call (one RTCPeerConnection on each side). */
  call: string | null;
  health: CallHealth;
  /** Since when the call has been trying to connect; null while connected or idle. */
  stalledSince: number | null;
  everConnected: boolean;
  /** The other page said goodbye and no new one has appeared yet. */
  peerLeft: boolean;
};

export type CallAction =
  | { type: "send"; message: SignalMessage }
  /** Advisor: close any current connection, open a new one for `call` and send it as an offer to `remote`. */
  | { type: "startCall"; remote: string; call: string }
  /** Client: close any current connection, open a new one for `call`, apply the offer and send the answer. */
  | { type: "acceptCall"; remote: string; call: string; description: SessionDescription }
  | { type: "applyAnswer"; description: SessionDescription }
  | { type: "addCandidate"; candidate: IceCandidate }
  | { type: "closeCall" };

export type Step = { state: NegotiationState; actions: CallAction[] };

/** Inputs that are not data: the time and a maker of fresh call ids. */
export type StepContext = { now: number; newId: () => string };

export function initialState(role: CallRole, self: string): NegotiationState {
  return { role, self, remote: null, call: null, health: "none", stalledSince: null, everConnected: false, peerLeft: false };
}

/** A page that opens greets whoever is on the other side. */
export function start(state: NegotiationState): Step {
  return { state, actions: [hello(state, null, null)] };
}

export function receive(state: NegotiationState, message: SignalMessage, ctx: StepContext): Step {
  if (!isForPeer(message, state.self)) return unchanged(state);
  if (message.type === "bye") {
    if (message.from !== state.remote) return unchanged(state);
    return {
      state: { ...state, remote: null, call: null, health: "none", stalledSince: null, peerLeft: true },
      actions: state.call === null ? [] : [{ type: "closeCall" }],
    };
  }
  return state.role === "advisor" ? advisorReceives(state, message, ctx) : clientReceives(state, message, ctx);
}

function advisorReceives(state: NegotiationState, message: Exclude<SignalMessage, { type: "bye" }>, ctx: StepContext): Step {
  switch (message.type) {
    case "hello": {
      const newPage = message.from !== state.remote;
      const noLiveCall = state.call === null || state.health === "none" || state.health === "failed";
      const askedToReplace = message.call !== null && message.call === state.call;
      return newPage || noLiveCall || askedToReplace ? startCall(state, message.from, ctx) : unchanged(state);
    }
    case "answer":
      return isCurrent(state, message) ? { state, actions: [{ type: "applyAnswer", description: message.description }] } : unchanged(state);
    case "ice":
      return isCurrent(state, message) ? { state, actions: [{ type: "addCandidate", candidate: message.candidate }] } : unchanged(state);
    case "offer":
      return unchanged(state);
  }
}

function clientReceives(state: NegotiationState, message: Exclude<SignalMessage, { type: "bye" }>, ctx: StepContext): Step {
  switch (message.type) {
    case "hello": {
      if (message.from === state.remote) return unchanged(state);
      const next = { ...state, remote: message.from, call: null, health: "none" as const, stalledSince: ctx.now, peerLeft: false };
      const actions: CallAction[] = state.call === null ? [] : [{ type: "closeCall" }];
      return { state: next, actions: [...actions, hello(next, message.from, null)] };
    }
    case "offer": {
      if (message.call === state.call) return unchanged(state);
      return {
        state: { ...state, remote: message.from, call: message.call, health: "connecting", stalledSince: ctx.now, peerLeft: false },
        actions: [{ type: "acceptCall", remote: message.from, call: message.call, description: message.description }],
      };
    }
    case "ice":
      return isCurrent(state, message) ? { state, actions: [{ type: "addCandidate", candidate: message.candidate }] } : unchanged(state);
    case "answer":
      return unchanged(state);
  }
}

/** The current call's connection changed state. A failed call is replaced at once. */
export function healthChanged(state: NegotiationState, health: CallHealth, ctx: StepContext): Step {
  if (health === state.health) return unchanged(state);
  if (health === "connected") return unchanged({ ...state, health, stalledSince: null, everConnected: true, peerLeft: false });
  const next = { ...state, health, stalledSince: state.stalledSince ?? ctx.now };
  return health === "failed" ? replaceCall(next, ctx) : unchanged(next);
}

/** Called every second or so: replaces a call that has not connected within `stallMs`. */
export function tick(state: NegotiationState, stallMs: number, ctx: StepContext): Step {
  if (state.health === "connected" || state.stalledSince === null) return unchanged(state);
  return ctx.now - state.stalledSince >= stallMs ? replaceCall(state, ctx) : unchanged(state);
}

/** Billing resumed after a disconnection: reconnect now unless the call is up or already being set up. */
export function billingResumed(state: NegotiationState, ctx: StepContext): Step {
  return state.health === "connected" || state.health === "connecting" ? unchanged(state) : replaceCall(state, ctx);
}

/** The page is closing. */
export function leave(state: NegotiationState): Step {
  return {
    state: { ...state, remote: null, call: null, health: "none", stalledSince: null },
    actions: [...(state.call === null ? [] : [{ type: "closeCall" } as const]), { type: "send", message: { type: "bye", from: state.self } }],
  };
}

/** The advisor starts a new call; the client asks the advisor for one (naming the call it wants replaced). */
function replaceCall(state: NegotiationState, ctx: StepContext): Step {
  if (state.remote === null) return unchanged({ ...state, stalledSince: null });
  if (state.role === "advisor") return startCall(state, state.remote, ctx);
  return { state: { ...state, stalledSince: ctx.now }, actions: [hello(state, state.remote, state.call)] };
}

function startCall(state: NegotiationState, remote: string, ctx: StepContext): Step {
  const call = ctx.newId();
  return {
    state: { ...state, remote, call, health: "connecting", stalledSince: ctx.now, peerLeft: false },
    actions: [{ type: "startCall", remote, call }],
  };
}

function isCurrent(state: NegotiationState, message: { from: string; call: string }): boolean {
  return state.call !== null && message.call === state.call && message.from === state.remote;
}

function hello(state: NegotiationState, to: string | null, call: string | null): CallAction {
  return { type: "send", message: { type: "hello", from: state.self, to, call } };
}

function unchanged(state: NegotiationState): Step {
  return { state, actions: [] };
}
