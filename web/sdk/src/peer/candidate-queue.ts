/** The part of RTCPeerConnection the queue needs. */
export interface CandidateSink {
  readonly remoteDescription: RTCSessionDescriptionInit | null;
  addIceCandidate(candidate: RTCIceCandidateInit): Promise<void>;
}

/**
 * Holds remote ICE candidates that arrive before the remote description they belong to, and
 * hands them to the connection, in arrival order, once that description is set. (A candidate
 * added without a remote description throws; dropping it instead, as naive clients do, fails
 * calls whose only working path was in that candidate.)
 */
export class CandidateQueue {
  /** Each held candidate with the error handler it arrived with. */
  private readonly pending: { candidate: RTCIceCandidateInit; onError: (error: unknown) => void }[] = [];

  /** @param limit far above what one negotiation produces; past it the oldest is dropped. */
  constructor(private readonly limit: number) {}

  get size(): number {
    return this.pending.length;
  }

  /**
   * Adds the candidate now if the sink can take it, else holds it. Candidates already held go
   * first, so the order is always the order of arrival.
   */
  async add(sink: CandidateSink, candidate: RTCIceCandidateInit, onError: (error: unknown) => void): Promise<void> {
    if (this.pending.length >= this.limit) {
      this.pending.shift();
    }
    this.pending.push({ candidate, onError });
    await this.flush(sink);
  }

  /**
   * Adds every held candidate, oldest first, as long as the sink has a remote description.
   * A candidate that fails is not retried; its error goes to the handler it was added with,
   * and the rest go on.
   */
  async flush(sink: CandidateSink): Promise<void> {
    while (this.pending.length > 0 && sink.remoteDescription !== null) {
      const { candidate, onError } = this.pending.shift() as (typeof this.pending)[number];
      try {
        await sink.addIceCandidate(candidate);
      } catch (error) {
        onError(error);
      }
    }
  }

  clear(): void {
    this.pending.length = 0;
  }
}
