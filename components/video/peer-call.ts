/**
 * Runs the direct WebRTC call of one page: carries out the decisions of
 * lib/video/negotiation on a real RTCPeerConnection, one connection per call.
 * Browser only; the React hook (use-webrtc-call.ts) feeds it signals and time.
 */
import {
  billingResumed,
  healthChanged,
  initialState,
  leave,
  receive,
  start,
  tick,
  type CallAction,
  type CallHealth,
  type CallRole,
  type NegotiationState,
  type Step,
} from "@/lib/video/negotiation";
import { randomId, type SessionDescription, type SignalMessage } from "@/lib/video/protocol";

export type PeerCallSnapshot = {
  negotiation: NegotiationState;
  /** The other side's audio and video for the current call, once its tracks arrive. */
  remoteStream: MediaStream | null;
  /** Changes whenever a remote track is added, so a video element knows to re-attach. */
  remoteTrackCount: number;
};

type PeerCallOptions = {
  role: CallRole;
  localStream: MediaStream | null;
  /** No STUN/TURN for the local default: two browsers that reach each other directly. */
  iceServers: RTCIceServer[];
  send: (message: SignalMessage) => void;
  onChange: (snapshot: PeerCallSnapshot) => void;
};

const KINDS = ["audio", "video"] as const;

function healthOf(state: RTCPeerConnectionState): CallHealth {
  switch (state) {
    case "connected":
      return "connected";
    case "disconnected":
      return "interrupted";
    case "failed":
    case "closed":
      return "failed";
    default:
      return "connecting";
  }
}

export class PeerCall {
  private state: NegotiationState;
  private peer: RTCPeerConnection | null = null;
  private remoteStream: MediaStream | null = null;
  /** Actions touch the connection one at a time, in the order decided. */
  private queue: Promise<void> = Promise.resolve();
  private left = false;

  constructor(private readonly options: PeerCallOptions) {
    this.state = initialState(options.role, randomId());
  }

  get snapshot(): PeerCallSnapshot {
    return { negotiation: this.state, remoteStream: this.remoteStream, remoteTrackCount: this.remoteStream?.getTracks().length ?? 0 };
  }

  start() {
    this.apply(start(this.state));
  }

  receive(message: SignalMessage) {
    this.apply(receive(this.state, message, this.context()));
  }

  tick(stallMs: number) {
    this.apply(tick(this.state, stallMs, this.context()));
  }

  billingResumed() {
    this.apply(billingResumed(this.state, this.context()));
  }

  /** Says goodbye and closes the connection; the page's own tracks belong to the caller. */
  leave() {
    if (this.left) return;
    this.apply(leave(this.state));
    this.left = true;
  }

  private context() {
    return { now: Date.now(), newId: randomId };
  }

  private apply(step: Step) {
    if (this.left) return;
    this.state = step.state;
    for (const action of step.actions) {
      this.queue = this.queue.then(() => this.perform(action)).catch((error: unknown) => console.warn("video call:", action.type, error));
    }
    this.emit();
  }

  private emit() {
    this.options.onChange(this.snapshot);
  }

  private async perform(action: CallAction) {
    switch (action.type) {
      case "send":
        this.options.send(action.message);
        return;
      case "closeCall":
        this.closePeer();
        this.emit();
        return;
      case "startCall":
        return this.startCall(action.remote, action.call);
      case "acceptCall":
        return this.acceptCall(action.remote, action.call, action.description);
      case "applyAnswer":
        if (this.peer?.signalingState === "have-local-offer") await this.peer.setRemoteDescription(action.description);
        return;
      case "addCandidate":
        if (this.peer !== null && this.peer.remoteDescription !== null) await this.peer.addIceCandidate(action.candidate);
        return;
    }
  }

  private async startCall(remote: string, call: string) {
    const peer = this.openPeer(remote, call);
    const local = this.options.localStream;
    for (const kind of KINDS) {
      const track = local?.getTracks().find((t) => t.kind === kind);
      if (track !== undefined && local !== null) peer.addTransceiver(track, { direction: "sendrecv", streams: [local] });
      else peer.addTransceiver(kind, { direction: "recvonly" });
    }
    await peer.setLocalDescription(await peer.createOffer());
    this.sendDescription(peer, "offer", remote, call);
  }

  private async acceptCall(remote: string, call: string, offer: SessionDescription) {
    const peer = this.openPeer(remote, call);
    await peer.setRemoteDescription(offer);
    const local = this.options.localStream;
    for (const transceiver of peer.getTransceivers()) {
      const track = local?.getTracks().find((t) => t.kind === transceiver.receiver.track.kind);
      if (track !== undefined && local !== null) {
        await transceiver.sender.replaceTrack(track);
        transceiver.sender.setStreams(local);
        transceiver.direction = "sendrecv";
      } else {
        transceiver.direction = "recvonly";
      }
    }
    await peer.setLocalDescription(await peer.createAnswer());
    this.sendDescription(peer, "answer", remote, call);
  }

  private sendDescription(peer: RTCPeerConnection, type: "offer" | "answer", remote: string, call: string) {
    const description = peer.localDescription;
    if (this.peer !== peer || description === null) return;
    this.options.send({ type, from: this.state.self, to: remote, call, description: { type, sdp: description.sdp } });
  }

  private openPeer(remote: string, call: string): RTCPeerConnection {
    this.closePeer();
    const peer = new RTCPeerConnection({ iceServers: this.options.iceServers });
    const remoteStream = new MediaStream();
    this.peer = peer;
    this.remoteStream = remoteStream;
    const current = () => this.peer === peer && this.state.call === call && !this.left;

    peer.onicecandidate = (event) => {
      if (!current() || event.candidate === null || event.candidate.candidate === "") return;
      const { candidate, sdpMid, sdpMLineIndex, usernameFragment } = event.candidate.toJSON();
      this.options.send({ type: "ice", from: this.state.self, to: remote, call, candidate: { candidate: candidate ?? "", sdpMid, sdpMLineIndex, usernameFragment } });
    };
    peer.ontrack = (event) => {
      if (!current()) return;
      remoteStream.addTrack(event.track);
      this.emit();
    };
    peer.onconnectionstatechange = () => {
      if (current()) this.apply(healthChanged(this.state, healthOf(peer.connectionState), this.context()));
    };
    this.emit();
    return peer;
  }

  private closePeer() {
    const peer = this.peer;
    if (peer === null) return;
    this.peer = null;
    this.remoteStream = null;
    peer.onicecandidate = null;
    peer.ontrack = null;
    peer.onconnectionstatechange = null;
    peer.close();
  }
}
