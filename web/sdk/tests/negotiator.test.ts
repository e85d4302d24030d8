import { describe, expect, it } from 'vitest';
import { Negotiator, type NegotiationTarget } from '../src/peer/negotiator.js';

const tick = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * A peer connection reduced to its JSEP signaling state machine: offers/answers with
 * recognisable SDP, implicit rollback of a local offer when a remote one is applied, and
 * candidates refused without a remote description. As in browsers, every operation takes a
 * task and runs after the ones called before it (the operations chain), so messages can cross.
 */
class FakePc implements NegotiationTarget {
  signalingState: RTCSignalingState = 'stable';
  localDescription: RTCSessionDescriptionInit | null = null;
  remoteDescription: RTCSessionDescriptionInit | null = null;
  readonly events: string[] = [];
  readonly candidates: string[] = [];
  private offers = 0;
  private operations: Promise<unknown> = Promise.resolve();

  constructor(readonly name: string) {}

  createOffer(): Promise<RTCSessionDescriptionInit> {
    return this.chain(() => ({ type: 'offer', sdp: `${this.name}-offer-${++this.offers}` }));
  }

  createAnswer(): Promise<RTCSessionDescriptionInit> {
    return this.chain(() => {
      if (this.signalingState !== 'have-remote-offer') {
        throw new DOMException(`createAnswer in ${this.signalingState}`, 'InvalidStateError');
      }
      return { type: 'answer', sdp: `${this.name}-answer-to-${this.remoteDescription?.sdp}` };
    });
  }

  setLocalDescription(description: RTCSessionDescriptionInit): Promise<void> {
    return this.chain(() => {
      const expected = description.type === 'offer' ? 'stable' : 'have-remote-offer';
      if (this.signalingState !== expected) {
        throw new DOMException(`local ${description.type} in ${this.signalingState}`, 'InvalidStateError');
      }
      this.localDescription = description;
      this.signalingState = description.type === 'offer' ? 'have-local-offer' : 'stable';
      this.events.push(`local ${description.sdp}`);
    });
  }

  private chain<T>(operation: () => T): Promise<T> {
    const result = this.operations.then(async () => {
      await tick();
      return operation();
    });
    this.operations = result.catch(() => undefined);
    return result;
  }

  setRemoteDescription(description: RTCSessionDescriptionInit): Promise<void> {
    return this.chain(() => this.applyRemote(description));
  }

  private applyRemote(description: RTCSessionDescriptionInit): void {
    if (description.type === 'offer') {
      if (this.signalingState === 'have-local-offer') {
        this.events.push('rollback');
      } else if (this.signalingState !== 'stable') {
        throw new DOMException(`remote offer in ${this.signalingState}`, 'InvalidStateError');
      }
      this.signalingState = 'have-remote-offer';
    } else if (description.type === 'answer') {
      if (this.signalingState !== 'have-local-offer') {
        throw new DOMException(`remote answer in ${this.signalingState}`, 'InvalidStateError');
      }
      this.signalingState = 'stable';
    }
    this.remoteDescription = description;
    this.events.push(`remote ${description.sdp}`);
  }

  addIceCandidate(candidate: RTCIceCandidateInit): Promise<void> {
    return this.chain(() => this.addCandidate(candidate));
  }

  private addCandidate(candidate: RTCIceCandidateInit): void {
    if (!this.remoteDescription) throw new DOMException('no remote description', 'InvalidStateError');
    if (!candidate.candidate?.startsWith(this.remoteDescription.sdp ?? '?')) {
      throw new DOMException(`candidate ${candidate.candidate} is for another description`, 'OperationError');
    }
    this.candidates.push(candidate.candidate);
  }
}

interface Side {
  pc: FakePc;
  negotiator: Negotiator;
  errors: string[];
  /** Candidates this side will trickle after each local description. */
  trickle: number;
  rollbacks: number;
}

/** Two negotiators wired through an in-order "server", each message delivered in a later task. */
function pair(politeOfferWaitMs = 0): { a: Side; b: Side; settle: () => Promise<void> } {
  let inFlight = 0;
  const make = (name: string, polite: boolean, peer: () => Side): Side => {
    const pc = new FakePc(name);
    const errors: string[] = [];
    const side: Side = {
      pc,
      errors,
      trickle: 0,
      rollbacks: 0,
      negotiator: new Negotiator(
        pc,
        polite,
        {
          sendDescription: (description) => {
            const sdp = description.sdp ?? '';
            const deliver = (fn: () => Promise<void>): void => {
              inFlight++;
              setTimeout(() => void fn().finally(() => inFlight--), 0);
            };
            deliver(() => peer().negotiator.receiveDescription({ ...description }));
            // Trickled candidates follow their description immediately, as browsers do.
            for (let i = 1; i <= side.trickle; i++) {
              deliver(() => peer().negotiator.receiveCandidate({ candidate: `${sdp}#${i}`, sdpMid: '0' }));
            }
          },
          onError: (operation, error) => errors.push(`${operation}: ${String(error)}`),
          onRollback: () => side.rollbacks++,
        },
        100,
        polite ? politeOfferWaitMs : 0,
      ),
    };
    return side;
  };
  // The id rule: smaller id polite. Here "a" is polite, "b" impolite.
  const a: Side = make('a', true, () => b);
  const b: Side = make('b', false, () => a);
  const settle = async (): Promise<void> => {
    for (let i = 0; i < 200; i++) {
      await tick();
      if (inFlight === 0 && i > 20) return;
    }
  };
  return { a, b, settle };
}

describe('perfect negotiation', () => {
  it('completes a plain offer/answer', async () => {
    const { a, b, settle } = pair();
    await b.negotiator.negotiate();
    await settle();
    expect(a.pc.signalingState).toBe('stable');
    expect(b.pc.signalingState).toBe('stable');
    expect([a.rollbacks, b.rollbacks]).toEqual([0, 0]);
    expect(a.pc.remoteDescription?.sdp).toBe('b-offer-1');
    expect(b.pc.remoteDescription?.sdp).toBe('a-answer-to-b-offer-1');
    expect([...a.errors, ...b.errors]).toEqual([]);
  });

  it('settles glare: the impolite offer wins, the polite side rolls back and answers', async () => {
    const { a, b, settle } = pair();
    await Promise.all([a.negotiator.negotiate(), b.negotiator.negotiate()]);
    await settle();
    expect(a.pc.signalingState).toBe('stable');
    expect(b.pc.signalingState).toBe('stable');
    expect(a.pc.events).toContain('rollback');
    expect(a.pc.remoteDescription?.sdp).toBe('b-offer-1');
    expect(b.pc.remoteDescription?.sdp).toBe('a-answer-to-b-offer-1');
    // The impolite side never applied the polite side's offer.
    expect(b.pc.events).not.toContain('remote a-offer-1');
    // Only the polite side rolled back, and its owner heard of it (see PeerLink).
    expect([a.rollbacks, b.rollbacks]).toEqual([1, 0]);
    expect([...a.errors, ...b.errors]).toEqual([]);
  });

  it('settles glare the same way when the polite side offered first by a hair', async () => {
    const { a, b, settle } = pair();
    const first = a.negotiator.negotiate();
    await tick();
    await Promise.all([first, b.negotiator.negotiate()]);
    await settle();
    expect(a.pc.signalingState).toBe('stable');
    expect(b.pc.signalingState).toBe('stable');
    expect(b.pc.remoteDescription?.type).toBe('answer');
    expect(a.pc.localDescription?.type).toBe('answer');
    expect([...a.errors, ...b.errors]).toEqual([]);
  });

  it('avoids the collision when the polite side waits for the first offer', async () => {
    const { a, b, settle } = pair(50);
    await Promise.all([a.negotiator.negotiate(), b.negotiator.negotiate()]);
    await settle();
    expect(a.pc.events).toEqual(['remote b-offer-1', 'local a-answer-to-b-offer-1']);
    expect(b.pc.remoteDescription?.sdp).toBe('a-answer-to-b-offer-1');
    expect([a.rollbacks, b.rollbacks]).toEqual([0, 0]);
    expect([...a.errors, ...b.errors]).toEqual([]);
  });

  it('makes the first offer itself when the wait ends without one, once for several requests', async () => {
    const { a, b, settle } = pair(20);
    await Promise.all([a.negotiator.negotiate(), a.negotiator.negotiate()]);
    await settle();
    expect(a.pc.events).toEqual(['local a-offer-1', 'remote b-answer-to-a-offer-1']);
    expect(b.pc.signalingState).toBe('stable');
    expect([...a.errors, ...b.errors]).toEqual([]);
  });

  it('begins a new connection with an offer, unless the peer offered first', async () => {
    const { a, b, settle } = pair();
    await b.negotiator.begin();
    await settle();
    await a.negotiator.begin(); // the peer's offer was answered: nothing left to begin
    await settle();
    expect(a.pc.events).toEqual(['remote b-offer-1', 'local a-answer-to-b-offer-1']);
    expect(b.pc.events).toEqual(['local b-offer-1', 'remote a-answer-to-b-offer-1']);
  });

  it('makes no second offer over one still unanswered', async () => {
    const { b } = pair();
    await b.negotiator.negotiate();
    await b.negotiator.negotiate(); // a negotiationneeded that raced the first offer
    expect(b.pc.events).toEqual(['local b-offer-1']);
    expect(b.errors).toEqual([]);
  });

  it('adds candidates that overtake their description once it is set, none lost', async () => {
    const { a, b, settle } = pair();
    b.trickle = 5;
    await b.negotiator.negotiate();
    await settle();
    expect(a.pc.candidates).toEqual([1, 2, 3, 4, 5].map((i) => `b-offer-1#${i}`));
    expect(a.negotiator.heldCandidates).toBe(0);
    expect(a.errors).toEqual([]);
  });

  it('does not report the failing candidates of an offer it ignored', async () => {
    const { a, b, settle } = pair();
    a.trickle = 3;
    b.trickle = 3;
    await Promise.all([a.negotiator.negotiate(), b.negotiator.negotiate()]);
    await settle();
    // b ignored a's offer, so a's candidates for a-offer-1 fail on b, silently; those a sent
    // with its answer work.
    expect(b.pc.candidates).toEqual([1, 2, 3].map((i) => `a-answer-to-b-offer-1#${i}`));
    expect(b.errors).toEqual([]);
    expect(a.pc.candidates).toEqual([1, 2, 3].map((i) => `b-offer-1#${i}`));
  });

  it('handles a renegotiation after the first one', async () => {
    const { a, b, settle } = pair();
    await b.negotiator.negotiate();
    await settle();
    await a.negotiator.negotiate();
    await settle();
    expect(b.pc.remoteDescription?.sdp).toBe('a-offer-1');
    expect(a.pc.remoteDescription?.sdp).toBe('b-answer-to-a-offer-1');
    expect(a.pc.signalingState).toBe('stable');
    expect(b.pc.signalingState).toBe('stable');
  });

  it('reports a description that cannot be applied', async () => {
    const { a, settle } = pair();
    await a.negotiator.receiveDescription({ type: 'answer', sdp: 'stray' });
    await settle();
    expect(a.errors).toHaveLength(1);
    expect(a.errors[0]).toMatch(/^setRemoteDescription\(answer\): InvalidStateError/);
  });

  it('sends each description as soon as it is made, and applies it while it crosses', async () => {
    const a = lone('a', true);
    const b = lone('b', false);
    await b.negotiator.negotiate();
    await a.negotiator.receiveDescription({ type: 'offer', sdp: 'b-offer-1' });
    await b.negotiator.receiveDescription({ type: 'answer', sdp: 'a-answer-to-b-offer-1' });
    expect(b.sent).toEqual(['b-offer-1 in stable']);
    expect(a.sent).toEqual(['a-answer-to-b-offer-1 in have-remote-offer']);
    expect([a.pc.signalingState, b.pc.signalingState]).toEqual(['stable', 'stable']);
    expect(a.pc.localDescription?.sdp).toBe('a-answer-to-b-offer-1');
    expect([...a.errors, ...b.errors]).toEqual([]);
  });

  it("drops the offer the polite side was making when the peer's arrives first, without an error", async () => {
    const a = lone('a', true);
    const offering = a.negotiator.negotiate();
    // Arrives while a's offer is being made: a answers it instead.
    await a.negotiator.receiveDescription({ type: 'offer', sdp: 'b-offer-1' });
    await offering;
    expect(a.sent).toEqual(['a-answer-to-b-offer-1 in have-remote-offer']);
    expect(a.pc.events).toEqual(['remote b-offer-1', 'local a-answer-to-b-offer-1']);
    expect(a.pc.signalingState).toBe('stable');
    expect(a.errors).toEqual([]);
  });
});

/** One negotiator on its own; the test plays the peer. Records what it sends, and in which state. */
function lone(name: string, polite: boolean): { pc: FakePc; negotiator: Negotiator; sent: string[]; errors: string[] } {
  const pc = new FakePc(name);
  const sent: string[] = [];
  const errors: string[] = [];
  const negotiator = new Negotiator(
    pc,
    polite,
    {
      sendDescription: (description) => sent.push(`${description.sdp} in ${pc.signalingState}`),
      onError: (operation, error) => errors.push(`${operation}: ${String(error)}`),
    },
    100,
  );
  return { pc, negotiator, sent, errors };
}
