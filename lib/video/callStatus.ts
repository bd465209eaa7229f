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

/** A line about billing for the call page while the session is paused, or null while it runs. */
export function billingNotice(session: SessionBilling, graceSeconds: number): string | null {
  if (session.status !== "paused") return null;
  switch (session.pauseReason) {
    case "disconnected":
      return `Billing paused: disconnected. It resumes by itself when you are both back within ${graceSeconds} s; otherwise the session ends.`;
    case "zero_balance":
      return "Billing paused: the balance is used up. Video is on hold until the client tops up.";
    case "inactive":
    case "manual":
    default:
      return "Billing paused. Video is on hold until the session resumes.";
  }
}

/** Outgoing camera and microphone only while the session bills (video is the paid service), and only if the user has them on. */
export function sendsMedia(session: SessionBilling, userWantsOn: boolean): boolean {
  return userWantsOn && (session.status === "active" || (session.status === "paused" && session.pauseReason === "disconnected"));
}
