import { CandidateQueue, type CandidateSink } from './candidate-queue.js';

/** The part of RTCPeerConnection that negotiation uses, so tests can drive a fake. */
export interface NegotiationTarget extends CandidateSink {
  readonly signalingState: RTCSignalingState;
  createOffer(): Promise<RTCSessionDescriptionInit>;
  createAnswer(): Promise<RTCSessionDescriptionInit>;
  setLocalDescription(description: RTCSessionDescriptionInit): Promise<void>;
  setRemoteDescription(description: RTCSessionDescriptionInit): Promise<void>;
}

export interface NegotiatorHooks {
  sendDescription(description: RTCSessionDescriptionInit): void;
  onError(operation: string, error: unknown): void;
  /** We are polite and rolled our offer back for the other side's (an offer collision). */
  onRollback?(): void;
}

/**
 * The W3C "perfect negotiation" pattern (webrtc-pc §10.7, example 18) for one connection.
 * Either side may start a negotiation whenever it needs one; when both offer at once, the
 * impolite side ignores the other's offer and the polite side rolls its own back and answers.
 *
 * Both sides of a new pair need a negotiation at once, so by the pattern alone every call
 * would start with a collision, and Chromium handles the rollback badly (see PeerLink). With
 * `awaitOfferMs` the polite side holds its first offer back that long: the impolite side's
 * offer normally arrives meanwhile and is answered without a rollback (the browser fires
 * `negotiationneeded` again if the answer left anything out); if none comes, it offers.
 *
 * Incoming descriptions and candidates are handled one at a time, in arrival order, so that a
 * candidate never overtakes the description it belongs to.
 *
 * A description is sent as soon as it is made and applied locally while it crosses to the
 * peer: in Chromium, applying one takes about as long as the crossing (bench/browser.sh). This
 * keeps the pattern's guarantees: the browser applies the peer's reply only after our own
 * description (a peer connection runs its operations in the order they were called), and our
 * candidates start only once it is applied, so they still follow it.
 */
export class Negotiator {
  private makingOffer = false;
  private ignoreOffer = false;
  private settingRemoteAnswer = false;
  private closed = false;
  /** A description from the peer has arrived: the first offer is no longer ours to wait for. */
  private heardFromPeer = false;
  private awaitingOffer = false;
  /** Offers from the peer that we went on to answer: one arriving while we make ours wins. */
  private offersAnswered = 0;
  private inbox: Promise<void> = Promise.resolve();
  private readonly candidates: CandidateQueue;

  constructor(
    private readonly pc: NegotiationTarget,
    readonly polite: boolean,
    private readonly hooks: NegotiatorHooks,
    candidateLimit: number,
    private readonly awaitOfferMs = 0,
  ) {
    this.candidates = new CandidateQueue(candidateLimit);
  }

  /**
   * A new connection's first offer, made without waiting for `negotiationneeded` (which the
   * browser queues behind its own work), unless the peer's description came first: answering
   * that is then the negotiation.
   */
  begin(): Promise<void> {
    return this.heardFromPeer ? Promise.resolve() : this.negotiate();
  }

  /** Call on `negotiationneeded`: makes and sends an offer. */
  async negotiate(): Promise<void> {
    if (this.awaitOfferMs > 0 && !this.heardFromPeer) {
      if (this.awaitingOffer) return; // the wait under way ends in an offer if one is still due
      this.awaitingOffer = true;
      await new Promise((resolve) => setTimeout(resolve, this.awaitOfferMs));
      this.awaitingOffer = false;
      if (this.closed || this.heardFromPeer) return;
    }
    // After begin(), a `negotiationneeded` must not make a second offer over the first (the
    // browser fires it again once stable if the first left anything out).
    if (this.makingOffer || this.pc.signalingState !== 'stable') return;
    const answeredBefore = this.offersAnswered;
    try {
      this.makingOffer = true;
      const offer = await this.pc.createOffer();
      // We are polite and the peer's offer came meanwhile: answering it is the negotiation.
      if (this.closed || this.offersAnswered !== answeredBefore) return;
      this.hooks.sendDescription(offer);
      await this.pc.setLocalDescription(offer);
    } catch (error) {
      if (!this.closed) this.hooks.onError('setLocalDescription', error);
    } finally {
      this.makingOffer = false;
    }
  }

  receiveDescription(description: RTCSessionDescriptionInit): Promise<void> {
    return this.enqueue(() => this.applyDescription(description));
  }

  receiveCandidate(candidate: RTCIceCandidateInit): Promise<void> {
    return this.enqueue(() => {
      // Candidates that follow an offer we ignored belong to it: they may fail (even later,
      // when held until the next description), and that is expected.
      const forIgnoredOffer = this.ignoreOffer;
      return this.candidates.add(this.pc, candidate, (error) => {
        if (!forIgnoredOffer && !this.closed) this.hooks.onError('addIceCandidate', error);
      });
    });
  }

  /** Candidates waiting for a remote description (for tests and diagnostics). */
  get heldCandidates(): number {
    return this.candidates.size;
  }

  close(): void {
    this.closed = true;
    this.candidates.clear();
  }

  private async applyDescription(description: RTCSessionDescriptionInit): Promise<void> {
    this.heardFromPeer = true;
    const readyForOffer = !this.makingOffer && (this.pc.signalingState === 'stable' || this.settingRemoteAnswer);
    const offerCollision = description.type === 'offer' && !readyForOffer;
    this.ignoreOffer = !this.polite && offerCollision;
    if (this.ignoreOffer) {
      return; // we are impolite: our own offer wins, theirs is dropped
    }
    if (description.type === 'offer') this.offersAnswered++;
    try {
      this.settingRemoteAnswer = description.type === 'answer';
      // On a collision the polite side rolls back implicitly here.
      await this.pc.setRemoteDescription(description);
      this.settingRemoteAnswer = false;
      if (this.closed) return;
      await this.candidates.flush(this.pc);
      if (description.type === 'offer') {
        const answer = await this.pc.createAnswer();
        if (this.closed) return;
        this.hooks.sendDescription(answer);
        await this.pc.setLocalDescription(answer);
        if (offerCollision) this.hooks.onRollback?.();
      }
    } catch (error) {
      this.settingRemoteAnswer = false;
      if (!this.closed) this.hooks.onError(`setRemoteDescription(${description.type})`, error);
    }
  }

  private enqueue(task: () => Promise<void>): Promise<void> {
    const next = this.inbox.then(() => (this.closed ? undefined : task()));
    // The chain must survive a failing task; errors were reported inside the task.
    this.inbox = next.catch(() => undefined);
    return this.inbox;
  }
}
