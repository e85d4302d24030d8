import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Room } from '../src/room/room.js';
import type { RoomEvents } from '../src/room/types.js';
import { FakeMediaPeerConnection, FakeMediaStream, FakeTrack } from './fakes/sfu.js';
import { FakeSocket } from './fakes/socket.js';

const welcome = (media: 'mesh' | 'sfu', peers: { peerId: string; name: string | null }[]) => ({
  type: 'welcome',
  peerId: 'ada',
  room: 'town-hall',
  peers,
  iceServers: [{ urls: ['turn:turn.example.org:3478'], username: 'u', credential: 'c' }],
  resume: 't-ada',
  resumed: false,
  permissions: { publish: true, data: true },
  media,
});

const bobTracks = [
  { trackId: 't1', peerId: 'bob', kind: 'audio', mid: '0' },
  { trackId: 't2', peerId: 'bob', kind: 'video', mid: '1' },
];

describe('a room in SFU mode (fake socket, fake peer connections)', () => {
  let socket: FakeSocket;
  let pcs: FakeMediaPeerConnection[];
  let room: Room;
  let events: string[];

  const sent = (type: string): Record<string, unknown>[] => socket.sent.filter((m) => m['type'] === type);
  const publishPc = (): FakeMediaPeerConnection => pcs.at(-2) as FakeMediaPeerConnection;
  const settle = () => vi.advanceTimersByTimeAsync(0);

  beforeEach(() => {
    vi.useFakeTimers();
    vi.stubGlobal('MediaStream', FakeMediaStream);
    pcs = [];
    events = [];
    socket = undefined as unknown as FakeSocket;
    room = new Room({
      createSocket: (url) => {
        socket = new FakeSocket(url);
        socket.autoPong = true;
        return socket;
      },
      createPeerConnection: (configuration) => {
        const pc = new FakeMediaPeerConnection(configuration);
        pcs.push(pc);
        return pc as unknown as RTCPeerConnection;
      },
    });
    const record = <K extends keyof RoomEvents>(event: K, describe: (payload: RoomEvents[K]) => string): void => {
      room.on(event, (payload) => events.push(`${event} ${describe(payload)}`));
    };
    record('peer-joined', ({ peer }) => peer.id);
    record('peer-left', ({ peer, reason }) => `${peer.id} ${reason}`);
    record('track', ({ peer, track, source }) => `${peer.id} ${source} ${track.id}`);
    record('track-removed', ({ peer, source }) => `${peer.id} ${source}`);
    record('media-mode', ({ mode }) => mode);
    record('speaker', ({ peerId, peer }) => `${peerId} ${peer?.name ?? '-'}`);
    record('message', (m) => `${m.from}: ${m.text}${m.to ? ` (to ${m.to})` : ''}`);
    record('peer-media', ({ peer, media }) => `${peer.id} audio=${media.audio}`);
    record('error', (e) => `${e.reason} ${e.message}`);
  });

  afterEach(() => {
    room.leave();
    vi.unstubAllGlobals();
    vi.useRealTimers();
  });

  async function join(
    media: 'mesh' | 'sfu',
    peers = [{ peerId: 'bob', name: 'Bob' }],
    stream: FakeMediaStream | null = null,
  ): Promise<void> {
    const connected = room.connect({
      url: 'ws://parley.test/ws',
      room: 'town-hall',
      name: 'Ada',
      media: stream ? { stream: stream as unknown as MediaStream } : false,
    });
    await vi.waitFor(() => expect(socket).toBeDefined());
    socket.accept();
    socket.push(welcome(media, peers));
    await connected;
    await settle();
  }

  it('enters an SFU room with one publish and one subscribe connection, both with the welcome ICE servers', async () => {
    await join('sfu');
    expect(room.mediaMode).toBe('sfu');
    expect(pcs).toHaveLength(2);
    for (const pc of pcs) {
      expect(pc.configuration.iceServers).toEqual([
        { urls: ['turn:turn.example.org:3478'], username: 'u', credential: 'c' },
      ]);
      expect(pc.channels).toEqual([]); // no mesh data channels
    }
    expect(room.remotePeers.map((p) => p.id)).toEqual(['bob']);
    expect(events).toEqual(['media-mode sfu', 'peer-joined bob']);
  });

  it('publishes microphone and camera sendonly, the camera in three simulcast layers, and applies the answer', async () => {
    const mic = new FakeTrack('audio', 'mic');
    const cam = new FakeTrack('video', 'cam');
    await join('sfu', [], new FakeMediaStream([mic, cam]));
    expect(publishPc().sending()).toEqual([
      { kind: 'audio', direction: 'sendonly', track: 'mic' },
      {
        kind: 'video',
        direction: 'sendonly',
        track: 'cam',
        encodings: [
          { rid: 'q', scaleResolutionDownBy: 4 },
          { rid: 'h', scaleResolutionDownBy: 2 },
          { rid: 'f', scaleResolutionDownBy: 1 },
        ],
      },
    ]);
    publishPc().negotiationNeeded();
    await settle();
    expect(sent('publish')).toEqual([{ type: 'publish', sdp: 'offer-1' }]);
    socket.push({ type: 'publish-answer', sdp: 'answer-1' });
    await settle();
    expect(publishPc().remoteDescription).toEqual({ type: 'answer', sdp: 'answer-1' });
    expect(publishPc().signalingState).toBe('stable');
  });

  it('renegotiates one offer at a time: a change during an offer goes after its answer', async () => {
    await join('sfu', [], new FakeMediaStream([new FakeTrack('audio', 'mic')]));
    publishPc().negotiationNeeded();
    await settle();
    publishPc().negotiationNeeded(); // a screen share, say, while the first offer is out
    await settle();
    expect(sent('publish')).toHaveLength(1);
    socket.push({ type: 'publish-answer', sdp: 'answer-1' });
    await settle();
    expect(sent('publish')).toEqual([
      { type: 'publish', sdp: 'offer-1' },
      { type: 'publish', sdp: 'offer-2' },
    ]);
  });

  it('rolls a refused publish offer back, and reports the server error', async () => {
    await join('sfu', [], new FakeMediaStream([new FakeTrack('audio', 'mic')]));
    publishPc().negotiationNeeded();
    await settle();
    socket.push({ type: 'error', code: 'media-limit', message: 'at most 3 tracks per participant' });
    await settle();
    expect(publishPc().signalingState).toBe('stable');
    expect(events).toContain('error media-limit media-limit: at most 3 tracks per participant');
  });

  it('answers each subscribe offer and turns forwarded tracks into track events of their publisher', async () => {
    await join('sfu');
    socket.push({ type: 'subscribe-offer', sdp: 'mid:0 audio mid:1 video', tracks: bobTracks });
    await settle();
    expect(sent('subscribe-answer')).toEqual([{ type: 'subscribe-answer', sdp: 'answer-to-mid:0 audio mid:1 video' }]);
    expect(events.filter((e) => e.startsWith('track'))).toEqual([
      'track bob microphone remote-0',
      'track bob camera remote-1',
    ]);
    const bob = room.getPeer('bob');
    expect(bob?.tracks.map((t) => t.source)).toEqual(['microphone', 'camera']);
    expect(bob?.tracks[0]?.stream).toBe(bob?.tracks[1]?.stream); // one stream per publisher

    // Bob stops his camera's track being forwarded (say, the server dropped it): it goes.
    socket.push({ type: 'subscribe-offer', sdp: 'mid:0 audio mid:1 video', tracks: [bobTracks[0]] });
    await settle();
    expect(events.at(-1)).toBe('track-removed bob camera');
    expect(room.getPeer('bob')?.tracks.map((t) => t.source)).toEqual(['microphone']);
    expect(sent('subscribe-answer')).toHaveLength(2);
  });

  it("tells a publisher's second video (a screen share) from its camera, in a stream of its own", async () => {
    await join('sfu');
    const tracks = [...bobTracks, { trackId: 't3', peerId: 'bob', kind: 'video', mid: '2' }];
    socket.push({ type: 'subscribe-offer', sdp: 'mid:0 audio mid:1 video mid:2 video', tracks });
    await settle();
    const bob = room.getPeer('bob');
    expect(bob?.tracks.map((t) => t.source)).toEqual(['microphone', 'camera', 'screen']);
    expect(bob?.tracks[2]?.stream).not.toBe(bob?.tracks[1]?.stream);
  });

  it('reports a subscribe offer it cannot apply, and answers nothing', async () => {
    await join('sfu');
    socket.push({ type: 'subscribe-offer', sdp: 'bad', tracks: bobTracks });
    await settle();
    expect(sent('subscribe-answer')).toEqual([]);
    expect(events.at(-1)).toMatch(/^error negotiation-failed setRemoteDescription failed/);
  });

  it('emits the active speaker, once per change', async () => {
    await join('sfu');
    socket.push({ type: 'speaker', peerId: 'bob' });
    socket.push({ type: 'speaker', peerId: 'bob' });
    socket.push({ type: 'speaker', peerId: 'ada' });
    socket.push({ type: 'speaker', peerId: null });
    expect(events.filter((e) => e.startsWith('speaker'))).toEqual([
      'speaker bob Bob',
      'speaker ada -',
      'speaker null -',
    ]);
    expect(room.activeSpeaker).toBeNull();
  });

  it('sends render hints for a peer’s video only, deduplicated and at most one per 250 ms per track', async () => {
    await join('sfu');
    socket.push({ type: 'subscribe-offer', sdp: 'mid:0 audio mid:1 video', tracks: bobTracks });
    await settle();
    room.setRenderSize('bob', 640, 360);
    room.setRenderSize('bob', 640, 360);
    expect(sent('render')).toEqual([{ type: 'render', trackId: 't2', width: 640, height: 360 }]);
    room.setRenderSize('bob', 320, 180);
    room.setRenderSize('bob', 480.4, 270);
    expect(sent('render')).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(250);
    expect(sent('render').slice(1)).toEqual([{ type: 'render', trackId: 't2', width: 480, height: 270 }]);
    room.setRenderSize('bob', 0, 0); // hidden
    await vi.advanceTimersByTimeAsync(250);
    expect(sent('render').at(-1)).toEqual({ type: 'render', trackId: 't2', width: 0, height: 0 });
  });

  it('applies a render size set before the track came', async () => {
    await join('sfu');
    room.setRenderSize('bob', 1280, 720);
    expect(sent('render')).toEqual([]);
    socket.push({ type: 'subscribe-offer', sdp: 'mid:0 audio mid:1 video', tracks: bobTracks });
    await settle();
    expect(sent('render')).toEqual([{ type: 'render', trackId: 't2', width: 1280, height: 720 }]);
  });

  it('sends chat to everyone as a broadcast and to one peer as a signal; relayed chat arrives as messages', async () => {
    await join('sfu');
    room.sendMessage('hello all');
    room.sendMessage('psst', 'bob');
    const chat = sent('broadcast').map((m) => (m['data'] as { chat: string }).chat);
    expect(chat.map((c) => JSON.parse(c) as { type: string; text?: string })).toEqual([
      expect.objectContaining({ type: 'media', audio: false }),
      expect.objectContaining({ type: 'chat', text: 'hello all', private: false }),
    ]);
    const toBob = sent('signal').filter((m) => m['to'] === 'bob');
    expect(toBob.map((m) => JSON.parse((m['data'] as { chat: string }).chat) as { text?: string })).toEqual([
      expect.objectContaining({ type: 'chat', text: 'psst', private: true }),
    ]);
    const frame = (text: string, priv: boolean) =>
      JSON.stringify({ type: 'chat', id: 'm1', text, sentAt: 1, private: priv });
    socket.push({ type: 'signal', from: 'bob', data: { chat: frame('hi Ada', true) } });
    socket.push({
      type: 'signal',
      from: 'bob',
      data: { chat: '{"type":"media","audio":true,"video":true,"screen":false}' },
    });
    expect(events.slice(-2)).toEqual(['message bob: hi Ada (to ada)', 'peer-media bob audio=true']);
  });

  it('sends a file over a pairwise data-channel-only connection, negotiated by signals', async () => {
    await join('sfu');
    const file = Object.assign(new Blob(['x']), { name: 'notes.txt' });
    room.sendFile(file, 'bob');
    await settle();
    expect(pcs).toHaveLength(3);
    const fileLink = pcs[2] as FakeMediaPeerConnection;
    expect(fileLink.rtp).toEqual([]); // no media
    expect(fileLink.channels.map((c) => c.label)).toContain('files');
    const signal = sent('signal').find((m) => m['to'] === 'bob' && 'fileLink' in (m['data'] as object));
    expect(signal?.['data']).toMatchObject({ signal: { description: { type: 'offer' } } });
  });

  it('turns SFU mid-call: the mesh links close, their tracks go, the same peers go on through the server', async () => {
    await join('mesh');
    expect(room.mediaMode).toBe('mesh');
    const mesh = pcs[0] as FakeMediaPeerConnection;
    const bob = room.getPeer('bob');
    socket.push({ type: 'media', mode: 'sfu' });
    await settle();
    expect(mesh.closed).toBe(true);
    expect(pcs).toHaveLength(3);
    expect(room.mediaMode).toBe('sfu');
    expect(room.getPeer('bob')).toBe(bob);
    expect(events).toEqual(['peer-joined bob', 'media-mode sfu']);
    socket.push({ type: 'subscribe-offer', sdp: 'mid:0 audio mid:1 video', tracks: bobTracks });
    await settle();
    expect(events.slice(-2)).toEqual(['track bob microphone remote-0', 'track bob camera remote-1']);
  });

  it('starts its SFU connections over when a new session (a new peer id) rejoins', async () => {
    await join('sfu');
    socket.push({ type: 'subscribe-offer', sdp: 'mid:0 audio mid:1 video', tracks: bobTracks });
    await settle();
    const [publish, subscribe] = pcs;
    socket.push({ ...welcome('sfu', [{ peerId: 'bob', name: 'Bob' }]), peerId: 'ada-2', resume: 't-ada-2' });
    await settle();
    expect([publish?.closed, subscribe?.closed]).toEqual([true, true]);
    expect(pcs).toHaveLength(4);
    expect(events.slice(-2)).toEqual(['track-removed bob microphone', 'track-removed bob camera']);
    expect(room.getPeer('bob')?.tracks).toEqual([]);
  });

  it('closes both connections when the room is left, silently', async () => {
    await join('sfu');
    socket.push({ type: 'subscribe-offer', sdp: 'mid:0 audio mid:1 video', tracks: bobTracks });
    await settle();
    const before = events.length;
    room.leave();
    expect(pcs.map((pc) => pc.closed)).toEqual([true, true]);
    expect(events.slice(before)).toEqual([]);
  });
});
