import { describe, expect, it } from "vitest";
import { billingNotice, callStatus, sendsMedia, streamCallStatus, type CallStatusInput } from "./callStatus";

const base: CallStatusInput = { live: true, online: true, health: "connecting", everConnected: false, peerLeft: false, pausedDisconnected: false };

describe("callStatus", () => {
  it.each<{ why: string; input: Partial<CallStatusInput>; expected: string }>([
    { why: "first attempt", input: {}, expected: "connecting" },
    { why: "no call yet", input: { health: "none" }, expected: "connecting" },
    { why: "media flowing", input: { health: "connected", everConnected: true }, expected: "connected" },
    { why: "call dropped after connecting", input: { health: "interrupted", everConnected: true }, expected: "reconnecting" },
    { why: "other page said goodbye", input: { health: "none", peerLeft: true }, expected: "reconnecting" },
    { why: "billing paused for a silent side", input: { pausedDisconnected: true }, expected: "reconnecting" },
    { why: "connected while billing waits for heartbeats", input: { health: "connected", pausedDisconnected: true }, expected: "connected" },
    { why: "own network down", input: { online: false, health: "connected" }, expected: "disconnected" },
    { why: "session over", input: { live: false, online: false, health: "connected" }, expected: "ended" },
  ])("$why → $expected", ({ input, expected }) => {
    expect(callStatus({ ...base, ...input })).toBe(expected);
  });
});

describe("billingNotice", () => {
  it.each([
    { session: { status: "active" }, expected: null },
    { session: { status: "paused", pauseReason: "disconnected" }, expected: /^Billing paused: disconnected\. .*within 60 s/ },
    { session: { status: "paused", pauseReason: "zero_balance" }, expected: /^Video on hold: the balance is used up/ },
    { session: { status: "paused", pauseReason: "manual" }, expected: /^Video on hold while billing is paused/ },
  ])("$session.status $session.pauseReason", ({ session, expected }) => {
    const notice = billingNotice(session, 60);
    if (expected === null) expect(notice).toBeNull();
    else expect(notice).toMatch(expected);
  });
});

describe("sendsMedia", () => {
  it.each([
    { session: { status: "active" }, on: true, expected: true },
    { session: { status: "active" }, on: false, expected: false },
    { session: { status: "paused", pauseReason: "disconnected" }, on: true, expected: true },
    { session: { status: "paused", pauseReason: "zero_balance" }, on: true, expected: false },
    { session: { status: "paused", pauseReason: "manual" }, on: true, expected: false },
    { session: { status: "ended" }, on: true, expected: false },
  ])("$session.status $session.pauseReason, user on: $on → $expected", ({ session, on, expected }) => {
    expect(sendsMedia(session, on)).toBe(expected);
  });
});

describe("streamCallStatus", () => {
  it.each([
    { state: "idle", online: true, expected: "connecting" },
    { state: "joining", online: true, expected: "connecting" },
    { state: "joined", online: true, expected: "connected" },
    { state: "reconnecting", online: true, expected: "reconnecting" },
    { state: "migrating", online: true, expected: "reconnecting" },
    { state: "offline", online: true, expected: "disconnected" },
    { state: "reconnecting-failed", online: true, expected: "disconnected" },
    { state: "joined", online: false, expected: "disconnected" },
    { state: "left", online: true, expected: "ended" },
  ])("$state (online: $online) → $expected", ({ state, online, expected }) => {
    expect(streamCallStatus(state, online)).toBe(expected);
  });
});
