import { describe, expect, it } from 'vitest';
import type { FileChannel, FileLimits } from '../src/files/channel.js';
import { FileEndpoint } from '../src/files/endpoint.js';
import { decodeChunk, decodeControl, encodeChunk } from '../src/files/framing.js';
import type { Transfer } from '../src/files/transfer.js';
import { sha256Hex } from '../src/util/hex.js';

type Listener = () => void;

/**
 * One end of an ordered, reliable data channel. `send` only queues (raising bufferedAmount);
 * a drain task delivers a limited number of bytes per tick to the other end and fires
 * `bufferedamountlow` when crossing the threshold, as browsers do.
 */
class FakeChannel implements FileChannel {
  readyState: RTCDataChannelState = 'open';
  bufferedAmount = 0;
  bufferedAmountLowThreshold = 0;
  maxBuffered = 0;
  peer!: FakeChannel;
  /** The largest message the peer takes (RTCSctpTransport.maxMessageSize); beyond it send throws, as in browsers. */
  maxMessageSize = Number.POSITIVE_INFINITY;
  largestSent = 0;
  deliver: (data: string | ArrayBuffer) => void = () => {};
  /** Lets a test damage frames in flight. */
  tamper: (frame: ArrayBuffer) => ArrayBuffer = (f) => f;
  private readonly queue: (string | ArrayBuffer)[] = [];
  private readonly listeners = new Map<string, Set<Listener>>();
  private draining = false;

  constructor(private readonly bytesPerTick: number) {}

  send(data: string | ArrayBuffer): void {
    if (this.readyState !== 'open') throw new DOMException('channel not open', 'InvalidStateError');
    if (size(data) > this.maxMessageSize) throw new TypeError(`message of ${size(data)} bytes over maxMessageSize`);
    this.largestSent = Math.max(this.largestSent, size(data));
    this.bufferedAmount += size(data);
    this.maxBuffered = Math.max(this.maxBuffered, this.bufferedAmount);
    this.queue.push(typeof data === 'string' ? data : this.tamper(data.slice(0)));
    if (!this.draining) {
      this.draining = true;
      setTimeout(() => this.drain(), 0);
    }
  }

  close(): void {
    for (const end of [this, this.peer]) {
      if (end.readyState === 'closed') continue;
      end.readyState = 'closed';
      end.queue.length = 0;
      end.fire('close');
    }
  }

  addEventListener(type: string, listener: Listener): void {
    if (!this.listeners.has(type)) this.listeners.set(type, new Set());
    this.listeners.get(type)?.add(listener);
  }

  removeEventListener(type: string, listener: Listener): void {
    this.listeners.get(type)?.delete(listener);
  }

  private drain(): void {
    let budget = this.bytesPerTick;
    while (budget > 0 && this.queue.length > 0 && this.readyState === 'open') {
      const frame = this.queue.shift() as string | ArrayBuffer;
      const before = this.bufferedAmount;
      this.bufferedAmount -= size(frame);
      budget -= size(frame);
      this.peer.deliver(frame);
      if (before > this.bufferedAmountLowThreshold && this.bufferedAmount <= this.bufferedAmountLowThreshold) {
        this.fire('bufferedamountlow');
      }
    }
    if (this.queue.length > 0 && this.readyState === 'open') setTimeout(() => this.drain(), 0);
    else this.draining = false;
  }

  private fire(type: string): void {
    for (const listener of [...(this.listeners.get(type) ?? [])]) listener();
  }
}

function size(data: string | ArrayBuffer): number {
  return typeof data === 'string' ? new TextEncoder().encode(data).byteLength : data.byteLength;
}

const limits: FileLimits = {
  chunkBytes: 16 * 1024,
  highWaterBytes: 96 * 1024,
  lowWaterBytes: 32 * 1024,
  progressStepBytes: 64 * 1024,
  maxFileBytes: 8 * 1024 * 1024,
};

interface Side {
  endpoint: FileEndpoint;
  channel: FakeChannel;
  transfers: Transfer[];
  problems: string[];
}

/** Two endpoints over a pair of fake channels; `maxMessageSize` is what the SCTP association negotiated. */
function connect(
  receiverLimits: FileLimits = limits,
  maxMessageSize = Number.POSITIVE_INFINITY,
): { alice: Side; bob: Side } {
  const a = new FakeChannel(48 * 1024);
  const b = new FakeChannel(48 * 1024);
  a.peer = b;
  b.peer = a;
  a.maxMessageSize = b.maxMessageSize = maxMessageSize;
  const side = (channel: FakeChannel, peerId: string, l: FileLimits): Side => {
    const s: Side = { channel, transfers: [], problems: [], endpoint: undefined as unknown as FileEndpoint };
    s.endpoint = new FileEndpoint(
      channel,
      peerId,
      { onTransfer: (t) => s.transfers.push(t), onProblem: (e) => s.problems.push(e.message) },
      l,
      () => maxMessageSize,
    );
    channel.deliver = (data) => s.endpoint.receive(data);
    return s;
  };
  return { alice: side(a, 'bob', limits), bob: side(b, 'alice', receiverLimits) };
}

function randomBytes(n: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(n);
  for (let at = 0; at < n; at += 65_536) crypto.getRandomValues(bytes.subarray(at, Math.min(n, at + 65_536)));
  return bytes;
}

describe('file transfer over a data channel', () => {
  it('delivers a file intact, hash-verified, with progress on both sides and bounded buffering', async () => {
    const { alice, bob } = connect();
    const bytes = randomBytes(3 * 1024 * 1024 + 123);
    const sent = alice.endpoint.send(new Blob([bytes], { type: 'application/octet-stream' }), 'data.bin');
    const sentProgress: number[] = [];
    sent.on('progress', (t) => sentProgress.push(t.bytesTransferred));

    expect(await sent.finished).toMatchObject({ state: 'complete', direction: 'outgoing', cancelledBy: null });
    const received = bob.transfers[0] as Transfer;
    expect(received).toMatchObject({
      state: 'complete',
      direction: 'incoming',
      name: 'data.bin',
      size: bytes.byteLength,
      type: 'application/octet-stream',
      peerId: 'alice',
    });
    const arrived = new Uint8Array(await (received.blob as Blob).arrayBuffer());
    expect(arrived.byteLength).toBe(bytes.byteLength);
    expect(arrived.every((byte, i) => byte === bytes[i])).toBe(true); // toEqual is too slow on MiBs
    const expectedHash = await sha256Hex(bytes.buffer);
    expect(sent.sha256).toBe(expectedHash);
    expect(received.sha256).toBe(expectedHash);

    expect(sentProgress.at(-1)).toBe(bytes.byteLength);
    expect(sentProgress.length).toBeGreaterThan(10);
    expect([...sentProgress].sort((x, y) => x - y)).toEqual(sentProgress);
    expect(alice.channel.maxBuffered).toBeLessThanOrEqual(limits.highWaterBytes);
    expect(alice.channel.maxBuffered).toBeGreaterThan(limits.lowWaterBytes); // backpressure engaged
    expect([...alice.problems, ...bob.problems]).toEqual([]);
  });

  it('reports receiver progress up to the full size', async () => {
    const { alice, bob } = connect();
    const progress: number[] = [];
    const done = alice.endpoint.send(new Blob([randomBytes(400_000)]), 'p.bin').finished;
    // The receiving transfer appears when the offer arrives, before any chunk.
    while (bob.transfers.length === 0) await new Promise((r) => setTimeout(r, 0));
    (bob.transfers[0] as Transfer).on('progress', (t) => progress.push(t.bytesTransferred));
    await done;
    expect(progress.length).toBeGreaterThan(3);
    expect(progress.at(-1)).toBe(400_000);
  });

  it('sends an empty file', async () => {
    const { alice, bob } = connect();
    expect((await alice.endpoint.send(new Blob([]), 'empty.txt').finished).state).toBe('complete');
    expect((bob.transfers[0] as Transfer).blob?.size).toBe(0);
  });

  it('runs two transfers at once in both directions', async () => {
    const { alice, bob } = connect();
    const one = randomBytes(200_000);
    const two = randomBytes(150_000);
    const results = await Promise.all([
      alice.endpoint.send(new Blob([one]), 'one').finished,
      bob.endpoint.send(new Blob([two]), 'two').finished,
      alice.endpoint.send(new Blob([two]), 'three').finished,
    ]);
    expect(results.map((t) => t.state)).toEqual(['complete', 'complete', 'complete']);
    const atBob = bob.transfers.filter((t) => t.direction === 'incoming').map((t) => [t.name, t.blob?.size]);
    expect(atBob).toEqual([
      ['one', 200_000],
      ['three', 150_000],
    ]);
  });

  it('fails both sides with file-corrupt when a byte changes in transit', async () => {
    const { alice, bob } = connect();
    let frames = 0;
    alice.channel.tamper = (frame) => {
      if (++frames === 5) {
        const view = new Uint8Array(frame);
        view[100] = (view[100] as number) ^ 0xff;
      }
      return frame;
    };
    const sent = await alice.endpoint.send(new Blob([randomBytes(300_000)]), 'x').finished;
    const received = bob.transfers[0] as Transfer;
    await received.finished;
    expect(sent.state).toBe('failed');
    expect(sent.error?.reason).toBe('file-corrupt');
    expect(received.state).toBe('failed');
    expect(received.error?.reason).toBe('file-corrupt');
    expect(received.blob).toBeNull();
  });

  it('lets the receiver cancel', async () => {
    const { alice, bob } = connect();
    const sent = alice.endpoint.send(new Blob([randomBytes(2_000_000)]), 'big');
    const received = await new Promise<Transfer>((resolve) => {
      const check = (): void => {
        const t = bob.transfers[0];
        if (t && t.bytesTransferred > 100_000) resolve(t);
        else setTimeout(check, 0);
      };
      check();
    });
    received.cancel();
    await sent.finished;
    expect(received).toMatchObject({ state: 'cancelled', cancelledBy: 'local' });
    expect(sent).toMatchObject({ state: 'cancelled', cancelledBy: 'remote' });
    expect(sent.bytesTransferred).toBeLessThan(2_000_000);
  });

  it('lets the sender cancel', async () => {
    const { alice, bob } = connect();
    const sent = alice.endpoint.send(new Blob([randomBytes(2_000_000)]), 'big');
    await new Promise((r) => setTimeout(r, 5));
    sent.cancel();
    const received = bob.transfers[0] as Transfer;
    await received.finished;
    expect(sent).toMatchObject({ state: 'cancelled', cancelledBy: 'local' });
    expect(received).toMatchObject({ state: 'cancelled', cancelledBy: 'remote' });
  });

  it('lets the receiver refuse a file over its limit', async () => {
    const { alice, bob } = connect({ ...limits, maxFileBytes: 100_000 });
    const sent = await alice.endpoint.send(new Blob([randomBytes(100_001)]), 'too-big').finished;
    expect(sent.state).toBe('failed');
    expect(sent.error?.reason).toBe('file-refused');
    expect((bob.transfers[0] as Transfer).error?.reason).toBe('file-refused');
  });

  it('cuts chunks to fit the negotiated maximum message size', async () => {
    // A peer that takes smaller messages than the SDK's 16 KiB chunks (a browser that announces
    // no a=max-message-size gets the 64 KiB default; some stacks take less).
    const { alice, bob } = connect(limits, 1_000);
    const bytes = randomBytes(50_000);
    expect((await alice.endpoint.send(new Blob([bytes]), 'small-messages.bin').finished).state).toBe('complete');
    const arrived = new Uint8Array(await ((bob.transfers[0] as Transfer).blob as Blob).arrayBuffer());
    expect(arrived.every((byte, i) => byte === bytes[i]) && arrived.byteLength === bytes.byteLength).toBe(true);
    expect(alice.channel.largestSent).toBe(1_000);
  });

  it('fails a file when the maximum message size leaves no room for a chunk', async () => {
    const { alice } = connect(limits, 8);
    const sent = await alice.endpoint.send(new Blob([randomBytes(100)]), 'nowhere.bin').finished;
    expect(sent.state).toBe('failed');
    expect(sent.error?.reason).toBe('file-interrupted');
    expect(sent.error?.message).toBe('cannot send nowhere.bin: the connection takes messages of at most 8 bytes');
  });

  it('fails both sides with file-interrupted when the channel closes mid-way', async () => {
    const { alice, bob } = connect();
    const sent = alice.endpoint.send(new Blob([randomBytes(2_000_000)]), 'big');
    await new Promise((r) => setTimeout(r, 5));
    alice.channel.close();
    alice.endpoint.close();
    bob.endpoint.close();
    await sent.finished;
    expect(sent.error?.reason).toBe('file-interrupted');
    expect((bob.transfers[0] as Transfer).error?.reason).toBe('file-interrupted');
  });
});

describe('file channel framing', () => {
  it('puts the transfer id and sequence number in front of each chunk', () => {
    const frame = encodeChunk(0xfeedbeef, 7, new Uint8Array([1, 2, 3]));
    expect([...new Uint8Array(frame)]).toEqual([0xfe, 0xed, 0xbe, 0xef, 0, 0, 0, 7, 1, 2, 3]);
    const chunk = decodeChunk(frame);
    expect(chunk?.id).toBe(0xfeedbeef);
    expect(chunk?.seq).toBe(7);
    expect([...(chunk?.payload ?? [])]).toEqual([1, 2, 3]);
    expect(decodeChunk(new ArrayBuffer(7))).toBeNull();
  });

  it('validates control frames and skips unknown ones', () => {
    expect(decodeControl('{"type":"file-offer","id":1,"name":"a","size":3,"mime":""}')).toEqual({
      type: 'file-offer',
      id: 1,
      name: 'a',
      size: 3,
      mime: '',
    });
    expect(decodeControl('{"type":"file-end","id":1,"sha256":"abc"}')).toHaveProperty('problem');
    expect(decodeControl('{"type":"file-offer","id":0,"name":"a","size":3,"mime":""}')).toHaveProperty('problem');
    expect(decodeControl('{"type":"file-offer","id":1,"name":"a","size":-3,"mime":""}')).toHaveProperty('problem');
    expect(decodeControl('{"type":"file-pause","id":1}')).toBeNull();
    expect(decodeControl('nope')).toHaveProperty('problem');
  });
});
