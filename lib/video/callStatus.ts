/** What a call page tells its user about the connection and the billing, in words. */
import type { CallHealth } from "./negotiation";

export type CallStatus = "connecting" | "connected" | "reconnecting" | "disconnected" | "ended";

export const CALL_STATUS_TEXT: Record<CallStatus, string> = {
  connecting: "Connecting",
  connected: "Connected",
  reconnecting: "Reconnecting",
  disconnected: "Disconnected",
  ended: "Call ended",
};

export type CallStatusInput = {
  /** The session is active or paused. */
  live: boolean;
  /** This page reaches the backend (its own network is up). */
  online: boolean;
  health: CallHealth;
  everConnected: boolean;
  peerLeft: boolean;
  /** Billing is paused because a side stopped sending heartbeats. */
  pausedDisconnected: boolean;
};

/**
 * "disconnected" is this page's own loss of network; "reconnecting" means the
 * other side is missing or the call is being re-established.
 */
export function callStatus(input: CallStatusInput): CallStatus {
  if (!input.live) return "ended";
  if (!input.online) return "disconnected";
  if (input.health === "connected") return "connected";
  if (input.everConnected || input.peerLeft || input.pausedDisconnected) return "reconnecting";
  return "connecting";
}

export type SessionBilling = { status: string; pauseReason?: string };

/** A line for the call picture while billing is paused, or null while it runs. */
export function billingNotice(session: SessionBilling, graceSeconds: number): string | null {
  if (session.status !== "paused") return null;
  switch (session.pauseReason) {
    case "disconnected":
      return `Billing paused: disconnected. It resumes by itself when you are both back within ${graceSeconds} s.`;
    case "zero_balance":
      return "Video on hold: the balance is used up.";
    default:
      return "Video on hold while billing is paused.";
  }
}

/**
 * Stream Video's calling state (CallingState values) in the same words as the
 * direct call. Unknown values read as connecting.
 */
export function streamCallStatus(callingState: string, online: boolean): CallStatus {
  if (callingState === "left") return "ended";
  if (!online || callingState === "offline" || callingState === "reconnecting-failed") return "disconnected";
  if (callingState === "joined") return "connected";
  if (callingState === "reconnecting" || callingState === "migrating") return "reconnecting";
  return "connecting";
}

/** Outgoing camera and microphone only while the session bills (video is the paid service), and only if the user has them on. */
export function sendsMedia(session: SessionBilling, userWantsOn: boolean): boolean {
  return userWantsOn && (session.status === "active" || (session.status === "paused" && session.pauseReason === "disconnected"));
}
