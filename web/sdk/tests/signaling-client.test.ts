import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ParleyError } from '../src/errors.js';
import { exponentialBackoff } from '../src/signaling/backoff.js';
import type { SignalingState } from '../src/signaling/events.js';
import { SignalingClient } from '../src/signaling/signaling-client.js';
import { FakeSocket } from './fakes/socket.js';

const welcome = (peerId: string, resume: string, resumed: boolean, peers: unknown[] = []) => ({
  type: 'welcome',
  peerId,
  room: 'standup',
  peers,
  iceServers: [],
  resume,
  resumed,
});

describe('signaling client', () => {
  let sockets: FakeSocket[];
  let states: SignalingState[];
  let errors: (ParleyError | null)[];
  let client: SignalingClient;

  const last = (): FakeSocket => sockets.at(-1) as FakeSocket;

  /** A client whose sockets are fakes collected in `sockets`. */
  const newClient = (preparedSocket?: FakeSocket): SignalingClient =>
    new SignalingClient({
      url: 'ws://parley.test/ws',
      room: 'standup',
      name: 'Ada',
      token: null,
      reconnectPolicy: exponentialBackoff({
        baseDelayMs: 100,
        maxDelayMs: 1_000,
        giveUpAfterMs: 30_000,
        random: () => 0.5,
      }),
      initialPolicy: exponentialBackoff({
        baseDelayMs: 100,
        maxDelayMs: 1_000,
        giveUpAfterMs: 3_000,
        random: () => 0.5,
      }),
      createSocket: (url) => {
        const socket = new FakeSocket(url);
        sockets.push(socket);
        return socket;
      },
      ...(preparedSocket ? { preparedSocket } : {}),
    });

  beforeEach(() => {
    vi.useFakeTimers();
    sockets = [];
    states = [];
    errors = [];
    client = newClient();
    client.on('state', ({ state, error }) => {
      states.push(state);
      errors.push(error);
    });
  });

  afterEach(() => {
    client.close();
    vi.useRealTimers();
  });

  async function joined(): Promise<void> {
    const started = client.start();
    last().accept();
    last().push(welcome('me', 'token-1', false));
    await started;
  }

  it('joins: sends join on open and resolves on welcome', async () => {
    const started = client.start();
    expect(states).toEqual(['connecting']);
    last().accept();
    expect(last().sent).toEqual([{ type: 'join', room: 'standup', name: 'Ada' }]);
    last().push(welcome('me', 'token-1', false));
    await expect(started).resolves.toBeUndefined();
    expect(states).toEqual(['connecting', 'connected']);
  });

  it('resumes with the last resume token after a drop, keeping the session', async () => {
    await joined();
    const welcomes: unknown[] = [];
    client.on('welcome', (w) => welcomes.push(w));
    last().drop();
    expect(states.at(-1)).toBe('reconnecting');
    expect(sockets).toHaveLength(1);
    vi.advanceTimersByTime(50); // random 0.5 of the first ceiling (100 ms)
    expect(sockets).toHaveLength(2);
    last().accept();
    expect(last().sent).toEqual([{ type: 'join', room: 'standup', name: 'Ada', resume: 'token-1' }]);
    last().push(welcome('me', 'token-2', true));
    expect(states.at(-1)).toBe('connected');
    expect(welcomes).toHaveLength(1);
    // The next drop resumes with the newest token.
    last().drop();
    vi.advanceTimersByTime(50);
    last().accept();
    expect(last().sent[0]).toMatchObject({ resume: 'token-2' });
  });

  it('backs off exponentially between failed attempts, one attempt at a time', async () => {
    await joined();
    last().drop();
    const opened: number[] = [];
    const start = Date.now();
    for (let i = 0; i < 4; i++) {
      const before = sockets.length;
      while (sockets.length === before) vi.advanceTimersByTime(1);
      opened.push(Date.now() - start);
      last().drop(); // refused
    }
    // Delays 50, 100, 200, 400 (half of 100·2^n), each after the previous failure.
    expect(opened).toEqual([50, 150, 350, 750]);
  });

  it('queues signals while away and sends them in order after resuming', async () => {
    await joined();
    last().drop();
    client.sendSignal('bob', { n: 1 });
    client.sendSignal('bob', { n: 2 });
    vi.advanceTimersByTime(50);
    last().accept();
    client.sendSignal('bob', { n: 3 }); // before the welcome: still queued
    last().push(welcome('me', 'token-2', true));
    expect(last().sent.slice(1)).toEqual([1, 2, 3].map((n) => ({ type: 'signal', to: 'bob', data: { n }, seq: n })));
  });

  it('after resuming, asks for what it missed, resends what was not acknowledged, and delivers each once', async () => {
    await joined();
    const seen: unknown[] = [];
    client.on('message', (m) => seen.push(m));
    client.sendSignal('bob', { n: 1 });
    client.sendSignal('bob', { n: 2 });
    last().push({ type: 'signal', from: 'bob', data: { m: 1 }, seq: 1, ack: 1 }); // bob has our 1
    last().drop(); // our 2 may have died with the server node
    vi.advanceTimersByTime(50);
    last().accept();
    last().push(welcome('me', 'token-2', true));
    expect(last().sent.slice(1)).toEqual([
      { type: 'signal', to: 'bob', data: {}, resend: 1 },
      { type: 'signal', to: 'bob', data: { n: 2 }, seq: 2, ack: 1 },
    ]);
    // Bob resends from 1 on: what already arrived is dropped, the rest delivered in order.
    for (const seq of [1, 2, 3]) last().push({ type: 'signal', from: 'bob', data: { m: seq }, seq });
    expect(seen.map((m) => (m as { data: unknown }).data)).toEqual([{ m: 1 }, { m: 2 }, { m: 3 }]);
  });

  it('drops queued signals when the welcome starts a new session', async () => {
    await joined();
    last().drop();
    client.sendSignal('bob', { stale: true });
    vi.advanceTimersByTime(50);
    last().accept();
    last().push(welcome('new-me', 'token-9', false));
    expect(last().sent).toHaveLength(1); // only the join
  });

  it('paces a burst of signals below the server rate limit, losing none', async () => {
    await joined();
    for (let n = 0; n < 300; n++) client.sendSignal('bob', { n });
    const signals = (): number => last().sent.filter((m) => m['type'] === 'signal').length;
    expect(signals()).toBe(100); // the burst
    vi.advanceTimersByTime(1_000);
    expect(signals()).toBeGreaterThanOrEqual(149);
    expect(signals()).toBeLessThanOrEqual(151);
    vi.advanceTimersByTime(3_000);
    expect(
      last()
        .sent.filter((m) => m['type'] === 'signal')
        .map((m) => (m['data'] as { n: number }).n),
    ).toEqual(Array.from({ length: 300 }, (_, n) => n));
  });

  it('reconnects at once (after reconnectInMs) on goaway', async () => {
    await joined();
    last().push({ type: 'goaway', reconnectInMs: 200 });
    vi.advanceTimersByTime(199);
    expect(sockets).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(sockets).toHaveLength(2);
    expect(sockets[0]?.closedWith).toBe(1000);
    expect(states.at(-1)).toBe('reconnecting');
    last().accept();
    expect(last().sent[0]).toMatchObject({ resume: 'token-1' });
  });

  it('fails for good on room-full, without retrying', async () => {
    const started = client.start();
    last().accept();
    last().push({ type: 'error', code: 'room-full', message: "room 'standup' is full" });
    await expect(started).rejects.toMatchObject({ reason: 'room-full' });
    expect(states.at(-1)).toBe('closed');
    expect(errors.at(-1)?.reason).toBe('room-full');
    vi.advanceTimersByTime(60_000);
    expect(sockets).toHaveLength(1);
  });

  it('gives up the first connection with signaling-unreachable', async () => {
    const started = client.start();
    const outcome = started.catch((e: unknown) => e);
    for (let i = 0; i < 100 && states.at(-1) !== 'closed'; i++) {
      last().drop();
      vi.advanceTimersByTime(1_000);
    }
    expect((await outcome) as ParleyError).toMatchObject({ reason: 'signaling-unreachable' });
    expect(states).toEqual(['connecting', 'closed']);
  });

  it('gives up reconnecting after the policy says so', async () => {
    await joined();
    last().drop();
    for (let i = 0; i < 1_000 && states.at(-1) !== 'closed'; i++) {
      vi.advanceTimersByTime(1_000);
      if (last().readyState === 0) last().drop();
    }
    expect(states.at(-1)).toBe('closed');
    expect(errors.at(-1)?.reason).toBe('signaling-unreachable');
  });

  it.each([
    [4002, 'resumed on another connection'],
    [1000, 'resumed on another connection'], // earlier servers
  ])('does not reconnect when another connection resumed the session (close %d)', async (code, reason) => {
    await joined();
    last().drop(code, reason);
    expect(states.at(-1)).toBe('closed');
    expect(errors.at(-1)?.reason).toBe('session-replaced');
    vi.advanceTimersByTime(60_000);
    expect(sockets).toHaveLength(1);
  });

  it('stops for good on the close code of a kick alone, without rejoining', async () => {
    await joined();
    last().drop(4001, 'removed from the room by an administrator');
    expect(states.at(-1)).toBe('closed');
    expect(errors.at(-1)).toMatchObject({
      reason: 'unauthorized',
      message: 'removed from the room by an administrator',
    });
    vi.advanceTimersByTime(60_000);
    expect(sockets).toHaveLength(1);
  });

  it('stops for good when an administrator kicks this peer, without rejoining', async () => {
    await joined();
    last().push({ type: 'peer-left', peerId: 'someone-else', reason: 'kicked' });
    expect(states.at(-1)).toBe('connected');
    last().push({ type: 'peer-left', peerId: 'me', reason: 'kicked' });
    last().drop(4001, 'removed from the room by an administrator');
    expect(states.at(-1)).toBe('closed');
    expect(errors.at(-1)).toMatchObject({
      reason: 'unauthorized',
      message: 'removed from the room by an administrator',
    });
    vi.advanceTimersByTime(60_000);
    expect(sockets).toHaveLength(1);
  });

  it('treats a join that gets no welcome as a failed attempt', async () => {
    await joined();
    last().drop();
    vi.advanceTimersByTime(50);
    last().accept(); // opens, but the server never answers
    vi.advanceTimersByTime(10_000);
    expect(sockets[1]?.closedWith).not.toBeNull();
    vi.advanceTimersByTime(1_000);
    expect(sockets.length).toBeGreaterThanOrEqual(3);
  });

  it('pings when quiet and declares a silent socket dead', async () => {
    await joined();
    vi.advanceTimersByTime(10_000);
    expect(last().sent.at(-1)).toEqual({ type: 'ping' });
    last().push({ type: 'pong' });
    vi.advanceTimersByTime(10_000);
    expect(states.at(-1)).toBe('connected');
    vi.advanceTimersByTime(20_000); // 30 s since the pong: dead
    expect(states.at(-1)).toBe('reconnecting');
  });

  it('reports malformed frames, skips unknown types, stays connected', async () => {
    await joined();
    const problems: string[] = [];
    const messages: unknown[] = [];
    client.on('problem', (e) => problems.push(`${e.reason}: ${e.message}`));
    client.on('message', (m) => messages.push(m));
    last().onmessage?.({ data: '{"type":"peer-left"}' });
    last().push({ type: 'something-new', x: 1 });
    last().push({ type: 'peer-left', peerId: 'bob', reason: 'left' });
    expect(problems).toEqual(["protocol: malformed server message: missing field 'peerId'"]);
    expect(messages).toEqual([{ type: 'peer-left', peerId: 'bob', reason: 'left' }]);
    expect(states.at(-1)).toBe('connected');
  });

  it('sends leave and closes on close()', async () => {
    await joined();
    const socket = last();
    client.close();
    expect(socket.sent.at(-1)).toEqual({ type: 'leave' });
    expect(socket.closedWith).toBe(1000);
    expect(states.at(-1)).toBe('closed');
    expect(errors.at(-1)).toBeNull();
  });

  describe('with a socket prepared ahead of time', () => {
    const prepare = (prepared: FakeSocket): SignalingClient => {
      const early = newClient(prepared);
      client.close();
      client = early;
      return early;
    };

    /** The join went over the prepared socket, the welcome completes start(), and no other socket opened. */
    const joinedOver = async (prepared: FakeSocket, started: Promise<void>): Promise<void> => {
      expect(prepared.sent).toEqual([{ type: 'join', room: 'standup', name: 'Ada' }]);
      prepared.push(welcome('me', 'token-1', false));
      await expect(started).resolves.toBeUndefined();
      expect(sockets).toHaveLength(0);
    };

    it('joins at once over a prepared socket that is already open, opening no other', async () => {
      const prepared = new FakeSocket('ws://parley.test/ws');
      prepared.accept();
      await joinedOver(prepared, prepare(prepared).start());
    });

    it('joins over a prepared socket that is still opening once it opens', async () => {
      const prepared = new FakeSocket('ws://parley.test/ws');
      const started = prepare(prepared).start();
      expect(prepared.sent).toEqual([]);
      prepared.accept();
      await joinedOver(prepared, started);
    });

    it('opens a socket of its own when the prepared one closed meanwhile, and uses it once only', async () => {
      const prepared = new FakeSocket('ws://parley.test/ws');
      prepared.drop();
      const started = prepare(prepared).start();
      expect(sockets).toHaveLength(1);
      last().accept();
      last().push(welcome('me', 'token-1', false));
      await started;
      last().drop();
      vi.advanceTimersByTime(50);
      expect(sockets).toHaveLength(2); // the reconnect opens a fresh socket too
      expect(prepared.sent).toEqual([]);
    });

    it('closes a prepared socket it never used when closed', () => {
      const prepared = new FakeSocket('ws://parley.test/ws');
      prepare(prepared).close();
      expect(prepared.closedWith).toBe(1000);
    });
  });

  it('ignores events from a socket it replaced', async () => {
    await joined();
    const old = last();
    old.drop();
    vi.advanceTimersByTime(50);
    last().accept();
    last().push(welcome('me', 'token-2', true));
    old.push({ type: 'peer-left', peerId: 'ghost', reason: 'left' });
    old.drop();
    expect(states.at(-1)).toBe('connected');
    expect(sockets).toHaveLength(2);
  });
});
