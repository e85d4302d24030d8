import { defaults } from '../defaults.js';
import type { RelayedSignalMessage, SignalMessage } from '../protocol/messages.js';

export interface DeliveryHooks {
  /** Writes a control signal (an ack, a resend request) now, if the session is up. */
  control(signal: SignalMessage): void;
  /** Sends these already numbered signals again, before anything still queued. */
  resend(signals: readonly SignalMessage[]): void;
  /** A gap from `from` was given up: `count` of its signals are lost. */
  lost(from: string, count: number): void;
  /** An acknowledgement made room to send to a peer again. */
  roomToSend(): void;
}

/** What one side of a pair keeps: our signals to the peer, and how far the peer's got. */
class PeerState {
  nextSeq = 1;
  /** Sent and not yet acknowledged, oldest first. */
  readonly unacked: SignalMessage[] = [];
  /** Whether the peer ever acknowledged: an SDK that predates numbering never does. */
  everAcked = false;
  /** The highest seq delivered from the peer, without a gap. */
  received = 0;
  ackSent = 0;
  ackTimer: ReturnType<typeof setTimeout> | undefined;
  resendAskedFor = -1;
  resendAskedAt = 0;
  gapSince: number | null = null;
}

/**
 * Exactly-once, in-order delivery of signals per peer across dropped sockets and dead server
 * nodes (docs/protocol.md, "Exactly-once delivery"). The server relays the numbers unchanged;
 * both ends keep the state: each signal gets a `seq` per receiver and is kept until the receiver
 * acknowledges it; the receiver delivers only the next `seq`, drops what it already has, and asks
 * for a resend on a gap and after resuming, when it also resends what it kept.
 *
 * Contract: single-threaded; `stamp` a signal when it is written and `hasRoom(to)` said yes, and
 * `refresh` a numbered one (a resend) when it is written again.
 */
export class SignalDelivery {
  private readonly peers = new Map<string, PeerState>();

  constructor(
    private readonly hooks: DeliveryHooks,
    private readonly now: () => number,
  ) {}

  /** Whether a signal to `to` may go out now: its unacknowledged signals are under the limit. */
  hasRoom(to: string): boolean {
    const peer = this.peers.get(to);
    return !peer || !peer.everAcked || peer.unacked.length < defaults.unackedSignalLimit;
  }

  /** Numbers a signal about to be written, keeps it for resending, and carries our ack along. */
  stamp(signal: SignalMessage): SignalMessage {
    const peer = this.state(signal.to);
    const stamped: SignalMessage = { type: 'signal', to: signal.to, data: signal.data, seq: peer.nextSeq++ };
    peer.unacked.push(stamped);
    if (peer.unacked.length > defaults.unackedSignalLimit) {
      peer.unacked.shift(); // a peer that never acknowledges will never ask for it either
    }
    return this.withAck(peer, stamped);
  }

  /** A resend about to be written: with our latest ack. */
  refresh(signal: SignalMessage): SignalMessage {
    return this.withAck(this.state(signal.to), signal);
  }

  /** Handles a relayed signal; returns whether the app should see it. */
  incoming(message: RelayedSignalMessage): boolean {
    const peer = this.state(message.from);
    const acked = Math.max(message.ack ?? -1, message.resend ?? -1);
    if (acked >= 0) this.trim(peer, acked);
    if (message.resend !== undefined) this.resend(peer);
    if (message.seq === undefined) {
      // Control only, or a signal from an SDK that does not number them.
      return message.ack === undefined && message.resend === undefined;
    }
    const gap = message.seq - peer.received - 1;
    if (gap < 0) return false; // already delivered: a resend
    if (gap > 0 && !this.giveUp(peer, message.from, gap)) {
      this.askResend(peer, message.from);
      return false;
    }
    peer.received = message.seq;
    peer.gapSince = null;
    this.scheduleAck(peer, message.from);
    return true;
  }

  /** The session resumed: ask every peer for what we missed and resend what it did not get. */
  resumed(): void {
    for (const [id, peer] of this.peers) {
      this.askResend(peer, id);
      this.resend(peer);
    }
  }

  /** The peer left for good. */
  forget(peerId: string): void {
    const peer = this.peers.get(peerId);
    if (peer) clearTimeout(peer.ackTimer);
    this.peers.delete(peerId);
  }

  /** A fresh session (or the end): nothing numbered so far means anything to anyone. */
  reset(): void {
    for (const id of [...this.peers.keys()]) this.forget(id);
  }

  private state(id: string): PeerState {
    let peer = this.peers.get(id);
    if (!peer) {
      peer = new PeerState();
      this.peers.set(id, peer);
    }
    return peer;
  }

  private withAck(peer: PeerState, signal: SignalMessage): SignalMessage {
    if (peer.received === 0) return signal;
    peer.ackSent = peer.received;
    clearTimeout(peer.ackTimer);
    peer.ackTimer = undefined;
    return { ...signal, ack: peer.received };
  }

  private trim(peer: PeerState, acked: number): void {
    peer.everAcked = true;
    const before = peer.unacked.length;
    while (peer.unacked.length > 0 && (peer.unacked[0]?.seq ?? 0) <= acked) peer.unacked.shift();
    if (peer.unacked.length < before) this.hooks.roomToSend();
  }

  private resend(peer: PeerState): void {
    if (peer.unacked.length > 0) this.hooks.resend([...peer.unacked]);
  }

  private askResend(peer: PeerState, id: string): void {
    const now = this.now();
    if (peer.resendAskedFor === peer.received && now - peer.resendAskedAt < defaults.resendAgainMs) return;
    peer.resendAskedFor = peer.received;
    peer.resendAskedAt = now;
    peer.ackSent = peer.received;
    this.hooks.control({ type: 'signal', to: id, data: {}, resend: peer.received });
  }

  /** Whether a gap has waited long enough for a resend that cannot come (the sender forgot it). */
  private giveUp(peer: PeerState, from: string, gap: number): boolean {
    if (peer.gapSince === null) {
      peer.gapSince = this.now(); // the gap's clock starts at the first signal past it
      return false;
    }
    if (this.now() - peer.gapSince < defaults.gapGiveUpMs) return false;
    this.hooks.lost(from, gap);
    return true;
  }

  private scheduleAck(peer: PeerState, id: string): void {
    const send = () => {
      peer.ackTimer = undefined;
      if (peer.received > peer.ackSent && this.peers.get(id) === peer) {
        peer.ackSent = peer.received;
        this.hooks.control({ type: 'signal', to: id, data: {}, ack: peer.received });
      }
    };
    if (peer.received - peer.ackSent >= defaults.ackEvery) {
      clearTimeout(peer.ackTimer);
      send();
    } else if (peer.ackTimer === undefined) {
      peer.ackTimer = setTimeout(send, defaults.ackDelayMs);
    }
  }
}
