import { describe, expect, it } from "vitest";
import { decodeSignal, encodeSignal, isForPeer, type SignalMessage } from "./protocol";

const offer: SignalMessage = { type: "offer", from: "a1", to: "c1", call: "k1", description: { type: "offer", sdp: "v=0" } };

describe("encodeSignal / decodeSignal", () => {
  it.each<SignalMessage>([
    { type: "hello", from: "c1", to: null, call: null },
    { type: "hello", from: "c1", to: "a1", call: "k1" },
    offer,
    { type: "answer", from: "c1", to: "a1", call: "k1", description: { type: "answer", sdp: "v=0" } },
    { type: "ice", from: "c1", to: "a1", call: "k1", candidate: { candidate: "candidate:1 1 udp 1 127.0.0.1 5000 typ host", sdpMid: "0", sdpMLineIndex: 0 } },
    { type: "bye", from: "c1" },
  ])("round-trips a $type message through a signal row", (message) => {
    const { kind, payload } = encodeSignal(message);
    expect(kind).toBe(message.type);
    expect(JSON.parse(payload)).not.toHaveProperty("type");
    expect(decodeSignal(kind, payload)).toEqual(message);
  });

  it.each([
    { why: "an unknown kind", kind: "rename", payload: '{"from":"a1"}' },
    { why: "text that is not JSON", kind: "bye", payload: "{from" },
    { why: "a missing sender", kind: "bye", payload: "{}" },
    { why: "an offer without a call", kind: "offer", payload: '{"from":"a1","to":"c1","description":{"type":"offer","sdp":""}}' },
    { why: "a description of the wrong type", kind: "answer", payload: '{"from":"a1","to":"c1","call":"k","description":{"type":"pranswer","sdp":""}}' },
    { why: "a candidate that is not text", kind: "ice", payload: '{"from":"a1","to":"c1","call":"k","candidate":{"candidate":5}}' },
  ])("rejects $why", ({ kind, payload }) => {
    expect(decodeSignal(kind, payload)).toBeNull();
  });
});

describe("isForPeer", () => {
  it.each([
    { message: offer, self: "c1", expected: true },
    { message: offer, self: "c2", expected: false },
    { message: offer, self: "a1", expected: false },
    { message: { type: "hello", from: "a2", to: null, call: null } as const, self: "c9", expected: true },
    { message: { type: "bye", from: "a1" } as const, self: "c9", expected: true },
  ])("$message.type from $message.from to $message.to is for $self: $expected", ({ message, self, expected }) => {
    expect(isForPeer(message, self)).toBe(expected);
  });
});
