import { defaults } from '../defaults.js';
import { Emitter } from '../emitter.js';
import { ParleyError, toParleyError } from '../errors.js';
import { assertNever } from '../util/assert-never.js';
import type { FileTransfer } from '../files/transfer.js';
import type { UserMediaRequest } from '../media/acquire.js';
import { LocalMedia, type DeviceKind, type LocalTracks } from '../media/local-media.js';
import { joinProblem } from '../protocol/encode.js';
import type { MediaMode, Permissions, WelcomeMessage } from '../protocol/messages.js';
import { exponentialBackoff } from '../signaling/backoff.js';
import type { RoomMessage } from '../signaling/events.js';
import { SignalingClient } from '../signaling/signaling-client.js';
import type { PeerStats } from '../stats/stats.js';
import { randomId } from '../util/id.js';
import { MediaModes } from './media-modes.js';
import { rtcConfiguration } from './rtc-configuration.js';
import { resolveSignalingUrl, RoomSockets } from './sockets.js';
import type { Members } from './members.js';
import type {
  ChatMessage,
  ConnectOptions,
  ConnectionState,
  LocalMediaInfo,
  RemotePeer,
  RoomEnvironment,
  RoomEvents,
} from './types.js';

export type NamedBlob = Blob & { readonly name: string };

/**
 * A Parley room: one signaling session, and media either over a peer connection to every
 * other peer (a mesh) or, in an SFU room, through the server (a publish and a subscribe
 * connection); the server decides, the API and events are the same. Create it, add listeners
 * (and `prepare()` it early, on a pre-join screen), then `connect()`; a room is used once.
 *
 * ```ts
 * const room = new Room();
 * room.on('track', ({ peer, stream }) => show(peer.id, stream));
 * await room.connect({ room: 'standup', name: 'Ada' });
 * ```
 */
export class Room extends Emitter<RoomEvents> {
  private state: ConnectionState = 'idle';
  private signaling: SignalingClient | null = null;
  private readonly media: LocalMedia;
  private readonly modes: MediaModes;
  private localId: string | null = null;
  private granted: Permissions = { publish: true, data: true };
  private roomName: string | null = null;
  private displayName: string | null = null;
  private iceServers: RTCIceServer[] = [];
  private options: ConnectOptions | null = null;
  /** The signaling socket prepare() opened, until connect() takes it or leave() closes it. */
  private readonly sockets: RoomSockets;
  private statsTimer: ReturnType<typeof setInterval> | undefined;

  constructor(environment: RoomEnvironment = {}) {
    super();
    this.sockets = new RoomSockets(environment);
    this.media = new LocalMedia(environment.mediaDevices ?? (() => globalThis.navigator?.mediaDevices));
    this.media.on('change', (tracks) => this.onLocalMedia(tracks));
    this.modes = new MediaModes({
      events: this,
      localId: () => this.localId as string,
      localTracks: () => this.media.tracks(),
      localMediaState: () => this.media.state(),
      sendSignal: (to, data) => this.signaling?.sendSignal(to, data),
      send: (message) => this.signaling?.sendMediaPlane(message) ?? false,
      configuration: () => rtcConfiguration(this.options, this.iceServers),
      ...(environment.createPeerConnection ? { createPeerConnection: environment.createPeerConnection } : {}),
    });
  }

  get connectionState(): ConnectionState {
    return this.state;
  }

  /** Our peer id in the room, once joined. It changes only if a session is lost for good. */
  get peerId(): string | null {
    return this.localId;
  }

  get name(): string | null {
    return this.roomName;
  }

  /**
   * What the server's access token allows us to send (all true until joined, and on servers
   * without tokens). Without `publish` the room stops local media and joins receive-only;
   * without `data`, chat and files are refused. The server cannot enforce either (media and
   * data flow between peers): this SDK honours them.
   */
  get permissions(): Permissions {
    return this.granted;
  }

  get remotePeers(): readonly RemotePeer[] {
    return this.members.views;
  }

  getPeer(peerId: string): RemotePeer | null {
    return this.members.view(peerId);
  }

  /** `mesh` (peer to peer) or `sfu` (through the server); see the `media-mode` event. */
  get mediaMode(): MediaMode {
    return this.modes.mode;
  }

  /** The peer id of the room's dominant speaker (may be ours), or null; SFU rooms only. */
  get activeSpeaker(): string | null {
    return this.modes.sfu?.speaker ?? null;
  }

  /**
   * Tells the server how big a peer's video is shown (CSS pixels × devicePixelRatio; 0×0 when
   * hidden), so that it forwards a layer that fits: for one source, or for all the peer's
   * video. Cheap to call on every resize (sent on change, throttled). Does nothing in a mesh,
   * where each sender adapts by itself.
   */
  setRenderSize(peerId: string, width: number, height: number, source?: 'camera' | 'screen'): void {
    this.modes.sfu?.setRenderSize(peerId, width, height, source);
  }

  get localMedia(): LocalMediaInfo {
    const tracks = this.media.tracks();
    return {
      microphone: tracks.microphone,
      camera: tracks.camera,
      screen: tracks.screen,
      stream: tracks.userStream,
      screenStream: tracks.screenStream,
      state: this.media.state(),
    };
  }

  /**
   * Opens the signaling connection ahead of `connect()`, while the user is still on a pre-join
   * screen say, so that joining does not wait for it: `connect()` with the same `url` (resolved
   * the same way) then only sends the join. Optional, and once only; `connect()` opens a new
   * connection if this one closed meanwhile. Throws a ParleyError (`invalid-argument`) for a bad
   * URL. `leave()` closes it.
   */
  prepare(options: { readonly url?: string } = {}): void {
    if (this.state !== 'idle' || this.sockets.isPrepared) return;
    this.sockets.prepare(resolveSignalingUrl(options.url));
  }

  /**
   * Captures media, connects and joins. Resolves once in the room; rejects with a ParleyError
   * (`invalid-argument`, `room-full`, `unauthorized`, `signaling-unreachable`, `closed`). Media
   * problems do not reject: they are `error` events, and the room joins receive-only.
   */
  async connect(options: ConnectOptions): Promise<void> {
    if (this.state !== 'idle') {
      throw new ParleyError('invalid-argument', 'connect() can be called once per Room');
    }
    const name = options.name === undefined || options.name === '' ? null : options.name;
    const problem = joinProblem(options.room, name);
    if (problem) {
      throw new ParleyError('invalid-argument', problem);
    }
    const url = resolveSignalingUrl(options.url);
    this.options = options;
    this.roomName = options.room;
    this.displayName = name;
    this.setState('connecting', null);

    if (options.media !== false) {
      const request = options.media ?? {};
      const errors = await this.media
        .start(
          'stream' in request
            ? { stream: request.stream }
            : ({
                audio: request.audio ?? defaults.media.audio,
                video: request.video ?? defaults.media.video,
              } satisfies UserMediaRequest),
        )
        .catch((error: unknown) => [toParleyError({ kind: 'media', device: 'camera', error })]);
      for (const error of errors) this.emit('error', error);
    }
    // leave() may have been called while the user was answering the permission prompt.
    if (this.connectionState !== 'connecting') {
      throw new ParleyError('closed', 'the room was left while connecting');
    }

    const prepared = this.sockets.take(url);
    const signaling = new SignalingClient({
      url,
      room: options.room,
      name,
      token: options.token ?? null,
      reconnectPolicy: options.reconnectPolicy ?? exponentialBackoff(),
      initialPolicy: exponentialBackoff({ giveUpAfterMs: defaults.reconnect.initialGiveUpAfterMs }),
      createSocket: (u: string) => this.sockets.create(u),
      ...(prepared ? { preparedSocket: prepared } : {}),
    });
    this.signaling = signaling;
    signaling.on('state', ({ state, error }) => this.onSignalingState(state, error));
    signaling.on('welcome', (welcome) => this.onWelcome(welcome));
    signaling.on('message', (message) => this.onMessage(message));
    signaling.on('problem', (error) => this.emit('error', error));
    signaling.on('signals-dropped', () => this.members.signalsLost(false));
    await signaling.start();
  }

  /** Leaves the room: the others see us go at once. Stops local media. */
  leave(): void {
    this.sockets.take(null);
    if (this.state === 'closed') return;
    if (this.signaling) {
      this.signaling.close(); // its 'closed' state tears the room down
    } else {
      this.setState('closed', null);
    }
  }

  /** Mutes or unmutes the microphone (asking for one if there was none). */
  setMicrophone(on: boolean): Promise<void> {
    return on ? this.mayPublish().then(() => this.media.setMicrophone(on)) : this.media.setMicrophone(on);
  }

  /** Turns the camera off (released, light out) or on (captured again). */
  setCamera(on: boolean): Promise<void> {
    return on ? this.mayPublish().then(() => this.media.setCamera(on)) : this.media.setCamera(on);
  }

  /** Switches microphone or camera mid-call, without renegotiating. */
  switchDevice(kind: DeviceKind, deviceId: string): Promise<void> {
    return this.media.switchDevice(kind, deviceId);
  }

  /**
   * Shares a screen or window as an extra video track (the camera keeps going); the others get
   * a `track` event with source `screen`. Rejects with `media-denied` if the user cancels.
   */
  startScreenShare(): Promise<void> {
    return this.mayPublish().then(() => this.media.startScreenShare());
  }

  /** Stops sharing; also happens by itself when the browser's "Stop sharing" is used. */
  stopScreenShare(): Promise<void> {
    return this.media.stopScreenShare();
  }

  /** Sends a chat message to everyone, or to one peer. Delivered in order, reliably. */
  sendMessage(text: string, to?: string): ChatMessage {
    this.requireOpen();
    this.requireData();
    if (text.length === 0 || text.length > defaults.maxChatTextLength) {
      throw new ParleyError('invalid-argument', `a message must be 1 to ${defaults.maxChatTextLength} characters`);
    }
    const frame = { type: 'chat', id: randomId(), text, sentAt: Date.now(), private: to !== undefined } as const;
    this.members.sendChat(frame, to);
    return {
      id: frame.id,
      from: this.localId ?? '',
      fromName: this.displayName,
      to: to ?? null,
      text,
      sentAt: frame.sentAt,
    };
  }

  /**
   * Sends a file (a File, or a Blob with a name) to one peer, or to every peer (one transfer
   * each). Progress, completion and failure arrive on the transfer and as room events.
   */
  sendFile(file: NamedBlob, to: string): FileTransfer;
  sendFile(file: NamedBlob): FileTransfer[];
  sendFile(file: NamedBlob, to?: string): FileTransfer | FileTransfer[] {
    this.requireOpen();
    this.requireData();
    const transfers = this.members.sendFile(file, file.name, to);
    return to === undefined ? transfers : (transfers[0] as FileTransfer);
  }

  /** Current statistics of the connection to one peer (null if there is no such peer). */
  async getStats(peerId: string): Promise<PeerStats | null> {
    return this.members.getStats(peerId);
  }

  private onSignalingState(state: ConnectionState, error: ParleyError | null): void {
    if (state === 'closed') {
      this.teardown();
    }
    this.setState(state, error);
  }

  private onWelcome(welcome: WelcomeMessage): void {
    const sameSession = welcome.resumed && welcome.peerId === this.localId;
    this.localId = welcome.peerId;
    this.granted = welcome.permissions;
    // Before any link is built, so that none offers our tracks.
    if (!this.granted.publish) this.media.stop();
    this.iceServers = welcome.iceServers.map((s) => ({
      urls: typeof s.urls === 'string' ? s.urls : [...s.urls],
      ...(s.username === undefined ? {} : { username: s.username }),
      ...(s.credential === undefined ? {} : { credential: s.credential }),
    }));
    this.modes.turn(welcome.media);
    this.members.welcome(welcome.peers, sameSession);
    this.startStats();
    this.emit('joined', { peerId: welcome.peerId, room: welcome.room, resumed: welcome.resumed });
  }

  private onMessage(message: RoomMessage): void {
    switch (message.type) {
      case 'peer-joined':
        this.members.joined(message.peer);
        return;
      case 'peer-left':
        this.members.remove(message.peerId, message.reason);
        return;
      case 'signal':
        this.members.signal(message.from, message.data);
        return;
      case 'error':
        this.onServerError(message.code, message.message);
        return;
      case 'media':
        if (message.mode === 'sfu') this.modes.turn('sfu'); // never back while we are in
        return;
      case 'publish-answer':
      case 'subscribe-offer':
      case 'speaker':
        this.modes.sfu?.receive(message);
        return;
      default:
        assertNever(message);
    }
  }

  private onServerError(code: string, text: string): void {
    if (code === 'unknown-peer') {
      return; // a signal crossed a peer's departure; its peer-left is on the way
    }
    this.emit('error', toParleyError({ kind: 'server', code, message: text }));
    // A refused signal may have left a negotiation half done: start those over.
    if (code === 'rate-limited') this.members.signalsLost(true);
    if (code === 'bad-sdp' || code === 'media-limit') this.modes.sfu?.publishRefused();
  }

  private onLocalMedia(tracks: LocalTracks): void {
    const state = this.media.state();
    this.members.setLocalMedia(tracks, state);
    this.emit('local-media', this.localMedia);
  }

  private get members(): Members {
    return this.modes.members;
  }

  private startStats(): void {
    if (this.statsTimer !== undefined) return;
    this.statsTimer = setInterval(() => {
      if (this.listenerCount('stats') > 0) this.members.sampleStats();
    }, defaults.statsIntervalMs);
  }

  private mayPublish(): Promise<void> {
    return this.granted.publish
      ? Promise.resolve()
      : Promise.reject(new ParleyError('unauthorized', 'your access token does not allow sending audio or video'));
  }

  private requireData(): void {
    if (!this.granted.data) {
      throw new ParleyError('unauthorized', 'your access token does not allow chat or files');
    }
  }

  private requireOpen(): void {
    if (this.state === 'idle' || this.state === 'closed') {
      throw new ParleyError('closed', 'the room is not connected');
    }
  }

  private teardown(): void {
    if (this.statsTimer !== undefined) clearInterval(this.statsTimer);
    this.statsTimer = undefined;
    this.modes.clear();
    this.media.stop();
  }

  private setState(state: ConnectionState, error: ParleyError | null): void {
    const previous = this.state;
    if (previous === state || previous === 'closed') return;
    if (state === 'closed' && this.signaling === null) this.teardown();
    this.state = state;
    this.emit('connection-state', { state, previous, error });
    if (error) this.emit('error', error);
  }
}
