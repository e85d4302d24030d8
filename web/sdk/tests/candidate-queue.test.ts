import { describe, expect, it } from 'vitest';
import { CandidateQueue, type CandidateSink } from '../src/peer/candidate-queue.js';

class Sink implements CandidateSink {
  remoteDescription: RTCSessionDescriptionInit | null = null;
  readonly added: string[] = [];
  failOn = new Set<string>();
  async addIceCandidate(candidate: RTCIceCandidateInit): Promise<void> {
    if (this.remoteDescription === null) throw new DOMException('no remote description', 'InvalidStateError');
    if (this.failOn.has(candidate.candidate ?? '')) throw new Error(`bad ${candidate.candidate}`);
    this.added.push(candidate.candidate ?? '');
  }
}

const c = (n: number): RTCIceCandidateInit => ({ candidate: `candidate:${n}`, sdpMid: '0', sdpMLineIndex: 0 });

describe('candidate queue', () => {
  it('holds candidates that arrive before the remote description, then adds them in order', async () => {
    const sink = new Sink();
    const queue = new CandidateQueue(100);
    const errors: unknown[] = [];
    await queue.add(sink, c(1), (e) => errors.push(e));
    await queue.add(sink, c(2), (e) => errors.push(e));
    expect(sink.added).toEqual([]);
    expect(queue.size).toBe(2);
    sink.remoteDescription = { type: 'offer', sdp: 'v=0' };
    await queue.flush(sink);
    expect(sink.added).toEqual(['candidate:1', 'candidate:2']);
    expect(queue.size).toBe(0);
    expect(errors).toEqual([]);
  });

  it('adds at once when the remote description is there', async () => {
    const sink = new Sink();
    sink.remoteDescription = { type: 'answer', sdp: 'v=0' };
    const queue = new CandidateQueue(100);
    await queue.add(sink, c(7), () => {});
    expect(sink.added).toEqual(['candidate:7']);
  });

  it('reports a failing candidate and goes on with the rest', async () => {
    const sink = new Sink();
    sink.failOn.add('candidate:2');
    const queue = new CandidateQueue(100);
    const errors: unknown[] = [];
    for (const n of [1, 2, 3]) await queue.add(sink, c(n), (e) => errors.push(e));
    sink.remoteDescription = { type: 'offer', sdp: 'v=0' };
    await queue.flush(sink);
    expect(sink.added).toEqual(['candidate:1', 'candidate:3']);
    expect(errors).toHaveLength(1);
  });

  it('drops the oldest only beyond its limit', async () => {
    const sink = new Sink();
    const queue = new CandidateQueue(3);
    for (const n of [1, 2, 3, 4]) await queue.add(sink, c(n), () => {});
    sink.remoteDescription = { type: 'offer', sdp: 'v=0' };
    await queue.flush(sink);
    expect(sink.added).toEqual(['candidate:2', 'candidate:3', 'candidate:4']);
  });

  it('forgets held candidates on clear', async () => {
    const sink = new Sink();
    const queue = new CandidateQueue(10);
    await queue.add(sink, c(1), () => {});
    queue.clear();
    sink.remoteDescription = { type: 'offer', sdp: 'v=0' };
    await queue.flush(sink);
    expect(sink.added).toEqual([]);
  });
});
