import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defaults } from '../src/defaults.js';
import type { ParleyError } from '../src/errors.js';
import { Room } from '../src/room/room.js';
import type { ConnectionState, RoomEvents } from '../src/room/types.js';
import { FakePeerConnection } from './fakes/rtc.js';
import { FakeSocket } from './fakes/socket.js';

const welcome = (
  peerId: string,
  resumed: boolean,
  peers: { peerId: string; name: string | null }[],
  resume = `t-${peerId}`,
  permissions = { publish: true, data: true },
) => ({
  type: 'welcome',
  peerId,
  room: 'standup',
  peers,
  iceServers: [{ urls: ['stun:stun.example.org:3478'] }],
  resume,
  resumed,
  permissions,
});

describe('room wiring (fake socket, fake peer connections)', () => {
  let sockets: FakeSocket[];
  let pcs: FakePeerConnection[];
  let room: Room;
  let events: string[];
  let states: ConnectionState[];

  const socket = (): FakeSocket => sockets.at(-1) as FakeSocket;
  const signalsTo = (peerId: string): Record<string, unknown>[] =>
    sockets
      .flatMap((s) => s.sent)
      .filter((m) => m['type'] === 'signal' && m['to'] === peerId)
      .map((m) => m['data'] as Record<string, unknown>);
  const pcFor = (i: number): FakePeerConnection => pcs[i] as FakePeerConnection;

  beforeEach(() => {
    vi.useFakeTimers();
    sockets = [];
    pcs = [];
    events = [];
    states = [];
    room = new Room({
      createSocket: (url) => {
        const s = new FakeSocket(url);
        s.autoPong = true;
        sockets.push(s);
        return s;
      },
      createPeerConnection: (configuration) => {
        const pc = new FakePeerConnection(configuration);
        pcs.push(pc);
        return pc as unknown as RTCPeerConnection;
      },
    });
    const record = <K extends keyof RoomEvents>(event: K, describe: (payload: RoomEvents[K]) => string): void => {
      room.on(event, (payload) => events.push(`${event} ${describe(payload)}`));
    };
    record('peer-joined', ({ peer }) => `${peer.id} ${peer.name}`);
    record('peer-left', ({ peer, reason }) => `${peer.id} ${reason}`);
    record('joined', ({ peerId, resumed }) => `${peerId} resumed=${resumed}`);
    record('message', (m) => `${m.from}: ${m.text}${m.to ? ` (to ${m.to})` : ''}`);
    record('error', (e) => e.reason);
    room.on('connection-state', ({ state }) => states.push(state));
  });

  afterEach(() => {
    room.leave();
    vi.useRealTimers();
  });

  async function join(
    peers: { peerId: string; name: string | null }[] = [{ peerId: 'bob', name: 'Bob' }],
  ): Promise<void> {
    const connected = room.connect({ url: 'ws://parley.test/ws', room: 'standup', name: 'Ada', media: false });
    await vi.waitFor(() => expect(sockets).toHaveLength(1));
    socket().accept();
    socket().push(welcome('ada', false, peers));
    await connected;
  }

  it('prepare() opens the signaling socket early, and connect() joins over it', async () => {
    room.prepare({ url: 'ws://parley.test/ws' });
    expect(sockets).toHaveLength(1);
    socket().accept();
    expect(socket().sent).toEqual([]);
    const connected = room.connect({ url: 'ws://parley.test/ws', room: 'standup', name: 'Ada', media: false });
    await vi.waitFor(() => expect(socket().sent).toHaveLength(1));
    expect(socket().sent[0]).toMatchObject({ type: 'join', room: 'standup', name: 'Ada' });
    socket().push(welcome('ada', false, []));
    await connected;
    expect(sockets).toHaveLength(1);
    expect(states).toEqual(['connecting', 'connected']);
  });

  it('connect() to another address closes the prepared socket and opens its own', async () => {
    room.prepare({ url: 'ws://elsewhere.test/ws' });
    const prepared = socket();
    const connected = room.connect({ url: 'ws://parley.test/ws', room: 'standup', name: 'Ada', media: false });
    await vi.waitFor(() => expect(sockets).toHaveLength(2));
    expect(prepared.closedWith).toBe(1000);
    socket().accept();
    socket().push(welcome('ada', false, []));
    await connected;
    expect(socket().url).toBe('ws://parley.test/ws');
  });

  it('leave() closes a prepared socket that connect() never used', () => {
    room.prepare({ url: 'ws://parley.test/ws' });
    room.leave();
    expect(socket().closedWith).toBe(1000);
  });

  it('prepare() refuses a bad URL with invalid-argument', () => {
    expect(() => room.prepare({ url: 'ftp://parley.test/' })).toThrow(
      expect.objectContaining({ reason: 'invalid-argument' }) as Error,
    );
    expect(sockets).toHaveLength(0);
  });

  it('joins and opens a link to every peer already there, with the welcome ICE servers, bundled', async () => {
    await join([
      { peerId: 'bob', name: 'Bob' },
      { peerId: 'cy', name: null },
    ]);
    expect(states).toEqual(['connecting', 'connected']);
    expect(events).toEqual(['peer-joined bob Bob', 'peer-joined cy null', 'joined ada resumed=false']);
    expect(pcs).toHaveLength(2);
    expect(pcFor(0).configuration.iceServers).toEqual([{ urls: ['stun:stun.example.org:3478'] }]);
    expect(pcFor(0).configuration.bundlePolicy).toBe('max-bundle');
    // Negotiated channels with fixed ids on both sides: chat 0, files 1.
    expect(pcFor(0).channels.map((c) => [c.label, c.init.id, c.init.negotiated, c.init.ordered])).toEqual([
      ['chat', 0, true, true],
      ['files', 1, true, true],
    ]);
    expect(room.remotePeers.map((p) => p.id)).toEqual(['bob', 'cy']);
  });

  it('as the polite side (ada < bob) waits for the first offer, then sends its own as signal data {description, epoch}', async () => {
    await join();
    pcFor(0).negotiationNeeded();
    await vi.advanceTimersByTimeAsync(defaults.ice.politeOfferWaitMs - 10);
    expect(signalsTo('bob')).toEqual([]);
    await vi.advanceTimersByTimeAsync(10);
    await vi.waitFor(() => expect(signalsTo('bob')).toHaveLength(1));
    expect(signalsTo('bob')[0]).toEqual({ description: { type: 'offer', sdp: 'offer-1' }, epoch: 0 });
  });

  it('as the impolite side (aa < ada) offers as soon as the link exists, without waiting for negotiationneeded', async () => {
    await join([{ peerId: 'aa', name: 'Aa' }]);
    await vi.waitFor(() => expect(signalsTo('aa')).toHaveLength(1));
    expect(signalsTo('aa')[0]).toEqual({ description: { type: 'offer', sdp: 'offer-1' }, epoch: 0 });
    pcFor(0).negotiationNeeded(); // the browser's own event, later: no second offer over the first
    await vi.advanceTimersByTimeAsync(100);
    expect(signalsTo('aa')).toHaveLength(1);
  });

  it('answers an offer relayed from a peer, and holds early candidates', async () => {
    await join();
    socket().push({ type: 'signal', from: 'bob', data: { candidate: { candidate: 'candidate:1', sdpMid: '0' } } });
    socket().push({ type: 'signal', from: 'bob', data: { description: { type: 'offer', sdp: 'bob-offer' } } });
    await vi.waitFor(() => expect(signalsTo('bob')).toHaveLength(1));
    expect(signalsTo('bob')[0]).toEqual({ description: { type: 'answer', sdp: 'answer-to-bob-offer' }, epoch: 0 });
    expect(pcFor(0).candidates).toEqual([{ candidate: 'candidate:1', sdpMid: '0' }]);
  });

  it('adds and removes peers as the server announces them', async () => {
    await join();
    socket().push({ type: 'peer-joined', peer: { peerId: 'cy', name: 'Cy' } });
    socket().push({ type: 'peer-left', peerId: 'cy', reason: 'left' });
    expect(events.slice(-2)).toEqual(['peer-joined cy Cy', 'peer-left cy left']);
    expect(pcFor(1).closed).toBe(true);
    expect(pcFor(0).closed).toBe(false);
  });

  it('keeps calls up while signaling reconnects and resumes', async () => {
    await join();
    socket().drop();
    expect(states.at(-1)).toBe('reconnecting');
    vi.advanceTimersByTime(10_000);
    expect(sockets.length).toBeGreaterThanOrEqual(2);
    socket().accept();
    expect(socket().sent[0]).toMatchObject({ type: 'join', resume: 't-ada' });
    socket().push(welcome('ada', true, [{ peerId: 'bob', name: 'Bob' }]));
    expect(states.at(-1)).toBe('connected');
    expect(pcs).toHaveLength(1);
    expect(pcFor(0).closed).toBe(false);
    expect(events.at(-1)).toBe('joined ada resumed=true');
  });

  it('after a server restart keeps the link to a peer that comes back later (no leave, no second join)', async () => {
    await join();
    socket().drop();
    vi.advanceTimersByTime(10_000);
    socket().accept();
    socket().push(welcome('ada', true, [])); // bob has not come back yet
    socket().push({ type: 'peer-joined', peer: { peerId: 'bob', name: 'Bob' } });
    expect(pcs).toHaveLength(1);
    expect(pcFor(0).closed).toBe(false);
    expect(events.filter((e) => e.startsWith('peer-'))).toEqual(['peer-joined bob Bob']);
  });

  it('drops a peer the server no longer vouches for once its connection breaks, instead of rebuilding', async () => {
    await join();
    pcFor(0).setIceState('connected');
    socket().drop();
    vi.advanceTimersByTime(10_000);
    socket().accept();
    socket().push(welcome('ada', true, [])); // bob is not back
    pcFor(0).setIceState('failed');
    await vi.advanceTimersByTimeAsync(60_000); // lets the socket answer pings meanwhile
    expect(events.at(-1)).toBe('peer-left bob lost');
    expect(pcs).toHaveLength(1);
  });

  it('rebuilds the broken connection of a peer that re-announced itself', async () => {
    await join();
    pcFor(0).setIceState('connected');
    socket().drop();
    vi.advanceTimersByTime(10_000);
    socket().accept();
    socket().push(welcome('ada', true, []));
    socket().push({ type: 'peer-joined', peer: { peerId: 'bob', name: 'Bob' } });
    pcFor(0).setIceState('failed');
    await vi.advanceTimersByTimeAsync(60_000); // lets the socket answer pings meanwhile
    expect(pcFor(0).closed).toBe(true);
    expect(pcs.length).toBeGreaterThanOrEqual(2);
    expect(room.getPeer('bob')).not.toBeNull();
    // The new connection announces itself with the next epoch.
    pcs.at(-1)?.negotiationNeeded();
    await vi.waitFor(() => expect(signalsTo('bob').at(-1)).toMatchObject({ epoch: pcs.length - 1 }));
  });

  it('treats resumed:false as a new identity: replaces links to peers still there, drops the rest', async () => {
    await join([
      { peerId: 'bob', name: 'Bob' },
      { peerId: 'cy', name: 'Cy' },
    ]);
    socket().drop();
    vi.advanceTimersByTime(10_000);
    socket().accept();
    socket().push(welcome('ada2', false, [{ peerId: 'bob', name: 'Bob' }]));
    expect(room.peerId).toBe('ada2');
    expect(pcFor(0).closed).toBe(true);
    expect(pcFor(1).closed).toBe(true);
    expect(pcs).toHaveLength(3);
    expect(pcFor(2).closed).toBe(false);
    expect(events.filter((e) => e.startsWith('peer-'))).toEqual([
      'peer-joined bob Bob',
      'peer-joined cy Cy',
      'peer-left cy lost',
    ]);
  });

  it('follows a peer that rebuilt its connection (a higher epoch), ignoring stale signals', async () => {
    await join();
    socket().push({ type: 'signal', from: 'bob', data: { description: { type: 'offer', sdp: 'bob-1' }, epoch: 1 } });
    expect(pcFor(0).closed).toBe(true);
    expect(pcs).toHaveLength(2);
    await vi.waitFor(() => expect(pcFor(1).remoteDescription?.sdp).toBe('bob-1'));
    socket().push({ type: 'signal', from: 'bob', data: { candidate: { candidate: 'old', sdpMid: '0' }, epoch: 0 } });
    socket().push({ type: 'signal', from: 'bob', data: { candidate: { candidate: 'new', sdpMid: '0' }, epoch: 1 } });
    await vi.waitFor(() => expect(pcFor(1).candidates).toHaveLength(1));
    expect(pcFor(1).candidates).toEqual([{ candidate: 'new', sdpMid: '0' }]);
    await vi.waitFor(() =>
      expect(signalsTo('bob').at(-1)).toEqual({ description: { type: 'answer', sdp: 'answer-to-bob-1' }, epoch: 1 }),
    );
  });

  it('queues chat until the channel opens, then sends in order; receives chat as message events', async () => {
    await join();
    const sent = room.sendMessage('hello <b>all</b>');
    room.sendMessage('psst', 'bob');
    const chat = pcFor(0).channel('chat');
    expect(chat.sent).toEqual([]);
    chat.open();
    const frames = chat.sent.map((f) => JSON.parse(f as string) as Record<string, unknown>);
    expect(frames.map((f) => [f['type'], f['text'], f['private']])).toEqual([
      ['media', undefined, undefined],
      ['chat', 'hello <b>all</b>', false],
      ['chat', 'psst', true],
    ]);
    expect(sent).toMatchObject({ from: 'ada', fromName: 'Ada', to: null, text: 'hello <b>all</b>' });
    chat.deliver(JSON.stringify({ type: 'chat', id: 'x', text: 'hi Ada', sentAt: 1, private: true }));
    expect(events.at(-1)).toBe('message bob: hi Ada (to ada)');
  });

  it('honours a token without publish or data: no media, no chat, no files', async () => {
    const connected = room.connect({ url: 'ws://parley.test/ws', room: 'standup', name: 'Ada', media: false });
    await vi.waitFor(() => expect(sockets).toHaveLength(1));
    socket().accept();
    socket().push(welcome('ada', false, [{ peerId: 'bob', name: 'Bob' }], 't-ada', { publish: false, data: false }));
    await connected;
    expect(room.permissions).toEqual({ publish: false, data: false });
    await expect(room.setCamera(true)).rejects.toMatchObject({ reason: 'unauthorized' });
    await expect(room.setMicrophone(true)).rejects.toMatchObject({ reason: 'unauthorized' });
    await expect(room.startScreenShare()).rejects.toMatchObject({ reason: 'unauthorized' });
    expect(() => room.sendMessage('hi')).toThrow('your access token does not allow chat or files');
  });

  it('refuses chat to a peer that is not there', async () => {
    await join();
    expect(() => room.sendMessage('hi', 'nobody')).toThrow(
      expect.objectContaining({ reason: 'invalid-argument' }) as Error,
    );
  });

  it('sends leave, closes every link, and ends closed', async () => {
    await join();
    const s = socket();
    room.leave();
    expect(s.sent.at(-1)).toEqual({ type: 'leave' });
    expect(pcFor(0).closed).toBe(true);
    expect(states.at(-1)).toBe('closed');
    expect(() => room.sendMessage('late')).toThrow(expect.objectContaining({ reason: 'closed' }) as Error);
  });

  it('rejects an invalid room name before connecting', async () => {
    await expect(room.connect({ url: 'ws://parley.test/ws', room: 'a/b', media: false })).rejects.toMatchObject({
      reason: 'invalid-argument',
      message: "field 'room' must be 1 to 64 characters of A-Z a-z 0-9 . _ ~ -",
    });
    expect(sockets).toHaveLength(0);
  });

  it('rejects connect with room-full and ends closed', async () => {
    const connected = room
      .connect({ url: 'ws://parley.test/ws', room: 'standup', media: false })
      .catch((e: unknown) => e);
    await vi.waitFor(() => expect(sockets).toHaveLength(1));
    socket().accept();
    socket().push({ type: 'error', code: 'room-full', message: 'full' });
    expect(((await connected) as ParleyError).reason).toBe('room-full');
    expect(states).toEqual(['connecting', 'closed']);
  });

  it('restarts ICE from the impolite side when a link fails', async () => {
    await join(); // 'ada' < 'bob': we are polite towards bob
    socket().push({ type: 'peer-joined', peer: { peerId: 'aa', name: null } }); // 'ada' > 'aa': impolite
    const toBob = pcFor(0);
    const toAa = pcFor(1);
    for (const pc of [toBob, toAa]) {
      pc.setIceState('connected');
      pc.setIceState('failed');
    }
    expect(toAa.restarts).toBe(1);
    expect(toBob.restarts).toBe(0);
    expect(room.getPeer('aa')?.state).toBe('reconnecting');
  });

  it('ignores unknown-peer refusals (a signal crossed a departure) but reports others', async () => {
    await join();
    socket().push({ type: 'error', code: 'unknown-peer', message: "no peer 'x'" });
    socket().push({ type: 'error', code: 'bad-message', message: 'oops' });
    expect(events.filter((e) => e.startsWith('error'))).toEqual(['error protocol']);
  });
});
