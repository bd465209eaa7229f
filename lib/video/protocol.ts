/**
 * The messages two call pages exchange through Convex signal rows (convex/signals.ts).
 *
 * Every open call page is a "peer" with a random id; a "call" is one
 * RTCPeerConnection pair, named by the advisor's page when it makes the offer.
 * Ids let a page ignore what was meant for an earlier page or an earlier call.
 * The row's `kind` is the message type; the row's `payload` is the rest as JSON.
 */
import { z } from "zod";

const peerId = z.string().min(1).max(64);
const callId = z.string().min(1).max(64);

const description = z.object({ type: z.enum(["offer", "answer"]), sdp: z.string() });
const candidate = z.object({
  candidate: z.string(),
  sdpMid: z.string().nullable().optional(),
  sdpMLineIndex: z.number().int().nullable().optional(),
  usernameFragment: z.string().nullable().optional(),
});

const messageSchemas = {
  /** "I am here": a new page announces itself; `call` is the caller's current call, if it wants it replaced. */
  hello: z.object({ from: peerId, to: peerId.nullable(), call: callId.nullable() }),
  offer: z.object({ from: peerId, to: peerId, call: callId, description }),
  answer: z.object({ from: peerId, to: peerId, call: callId, description }),
  ice: z.object({ from: peerId, to: peerId, call: callId, candidate }),
  /** The page is closing. */
  bye: z.object({ from: peerId }),
} as const;

export type SignalType = keyof typeof messageSchemas;
export type SignalMessage = {
  [K in SignalType]: { type: K } & z.infer<(typeof messageSchemas)[K]>;
}[SignalType];
export type SessionDescription = z.infer<typeof description>;
export type IceCandidate = z.infer<typeof candidate>;

export const SIGNAL_TYPES = Object.keys(messageSchemas) as SignalType[];

/** A message as a signal row's `kind` and `payload`. */
export function encodeSignal(message: SignalMessage): { kind: SignalType; payload: string } {
  const { type, ...rest } = message;
  return { kind: type, payload: JSON.stringify(rest) };
}

/** A signal row back as a message, or null for anything malformed (a page never trusts the other side's input). */
export function decodeSignal(kind: string, payload: string): SignalMessage | null {
  if (!(SIGNAL_TYPES as string[]).includes(kind)) return null;
  let json: unknown;
  try {
    json = JSON.parse(payload);
  } catch {
    return null;
  }
  const parsed = messageSchemas[kind as SignalType].safeParse(json);
  return parsed.success ? ({ type: kind, ...parsed.data } as SignalMessage) : null;
}

/** Whether a message concerns this page: addressed to it (or to nobody in particular) and not sent by it. */
export function isForPeer(message: SignalMessage, self: string): boolean {
  if (message.from === self) return false;
  if (message.type === "bye") return true;
  return message.to === null || message.to === self;
}

/** A random id for a page or a call. */
export function randomId(): string {
  return globalThis.crypto.randomUUID();
}
