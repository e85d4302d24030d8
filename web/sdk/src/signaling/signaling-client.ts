import { defaults } from '../defaults.js';
import { Emitter } from '../emitter.js';
import { ParleyError, toParleyError } from '../errors.js';
import { assertNever } from '../util/assert-never.js';
import { closeCause } from '../protocol/close.js';
import { decodeServerFrame } from '../protocol/decode.js';
import { encodeClientMessage } from '../protocol/encode.js';
import type {
  ClientMessage,
  ErrorMessage,
  ServerMessage,
  SignalMessage,
  WelcomeMessage,
} from '../protocol/messages.js';
import { Heartbeat } from './heartbeat.js';
import { OPEN, type SignalingOptions, type WebSocketLike } from './options.js';
import { SignalDelivery } from './delivery.js';
import { SignalOutbox } from './outbox.js';
import type { MediaPlaneMessage, SignalingEvents, SignalingState } from './events.js';

/**
 * One signaling session over a sequence of WebSockets: joins, keeps the session alive through
 * drops by resuming it, paces outgoing signals, and queues them while the socket is away.
 *
 * Contract: single-threaded (the page's event loop). Every callback first checks that it
 * belongs to the current socket, because a replaced socket may still deliver events.
 */
export class SignalingClient extends Emitter<SignalingEvents> {
  private state: SignalingState = 'idle';
  private socket: WebSocketLike | null = null;
  /** True once the current socket got its welcome. */
  private joined = false;
  /** The resume token of the last welcome; sent with every rejoin. */
  private resumeToken: string | null = null;
  /** This session's peer id, from the last welcome. */
  private peerId: string | null = null;
  /** Whether any welcome was ever received (decides which policy applies). */
  private everJoined = false;
  private attempt = 0;
  private outageStartedAt = 0;
  private readonly outbox: SignalOutbox;
  private readonly delivery: SignalDelivery;
  private readonly now: () => number;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private joinTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly heartbeat: Heartbeat;
  private goawayTimer: ReturnType<typeof setTimeout> | undefined;
  private started: { resolve: () => void; reject: (error: ParleyError) => void } | null = null;
  /** Options' prepared socket until the first attempt takes it (or finds it closed). */
  private prepared: WebSocketLike | null;

  constructor(private readonly options: SignalingOptions) {
    super();
    this.prepared = options.preparedSocket ?? null;
    this.now = options.now ?? (() => Date.now());
    this.outbox = new SignalOutbox(
      {
        canSend: (signal) => this.isUp() && (signal.seq !== undefined || this.delivery.hasRoom(signal.to)),
        send: (signal) =>
          this.write(signal.seq === undefined ? this.delivery.stamp(signal) : this.delivery.refresh(signal)),
        dropped: (count) => this.emit('signals-dropped', { count }),
      },
      this.now,
    );
    this.heartbeat = new Heartbeat(this.now, {
      ping: () => this.write({ type: 'ping' }),
      silent: () => this.lose(null),
    });
    this.delivery = new SignalDelivery(
      {
        control: (signal) => {
          if (this.isUp()) this.write(signal);
        },
        resend: (signals) => this.outbox.pushFront(signals),
        lost: (_from, count) => this.emit('signals-dropped', { count }),
        roomToSend: () => this.outbox.pump(),
      },
      this.now,
    );
  }

  get connectionState(): SignalingState {
    return this.state;
  }

  /** Connects and joins; resolves on the first welcome, rejects if that cannot happen. */
  start(): Promise<void> {
    if (this.state !== 'idle') {
      return Promise.reject(new ParleyError('invalid-argument', 'signaling was already started'));
    }
    this.setState('connecting', null);
    this.outageStartedAt = this.now();
    return new Promise<void>((resolve, reject) => {
      this.started = { resolve, reject };
      this.openSocket();
    });
  }

  /** Sends a signal now if it can, else queues it (in order) for when the session is back. */
  sendSignal(to: string, data: SignalMessage['data']): void {
    if (this.state === 'closed') {
      return;
    }
    this.outbox.push({ type: 'signal', to, data });
  }

  /**
   * Sends an SFU message if the session is up; returns false otherwise (it is not queued: what
   * it negotiates is stale after an outage, and the SFU session starts over on the next welcome).
   */
  sendMediaPlane(message: MediaPlaneMessage): boolean {
    if (!this.isUp()) return false;
    this.write(message);
    return true;
  }

  /** Leaves the room (if joined) and closes for good. */
  close(): void {
    if (this.state === 'closed') {
      return;
    }
    if (this.socket && this.joined && this.socket.readyState === OPEN) {
      this.write({ type: 'leave' });
    }
    this.finish(null);
  }

  private openSocket(): void {
    this.clearTimer('retryTimer');
    let socket: WebSocketLike;
    try {
      socket = this.takePrepared() ?? this.options.createSocket(this.options.url);
    } catch (error) {
      this.finish(
        toParleyError({
          kind: 'sdk',
          reason: 'invalid-argument',
          message: `cannot open ${this.options.url}`,
          cause: error,
        }),
      );
      return;
    }
    this.socket = socket;
    this.joined = false;
    const onOpen = () => {
      if (socket !== this.socket) return;
      this.heartbeat.received();
      this.write({
        type: 'join',
        room: this.options.room,
        name: this.options.name,
        token: this.options.token,
        resume: this.resumeToken,
      });
      this.joinTimer = setTimeout(() => {
        if (socket === this.socket) this.lose(null);
      }, defaults.joinTimeoutMs);
    };
    socket.onopen = onOpen;
    socket.onmessage = (event) => {
      if (socket !== this.socket) return;
      this.heartbeat.received();
      if (typeof event.data !== 'string') {
        this.emit(
          'problem',
          toParleyError({ kind: 'sdk', reason: 'protocol', message: 'the server sent a binary frame' }),
        );
        return;
      }
      this.onFrame(event.data);
    };
    socket.onclose = (event) => {
      if (socket !== this.socket) return;
      this.lose(event);
    };
    socket.onerror = () => {
      // A close event always follows; it carries what little the browser tells.
    };
    if (socket.readyState === OPEN) {
      onOpen(); // a prepared socket that opened before we got here
    }
  }

  /** The prepared socket, once, if it is still opening or open; a closed one is let go. */
  private takePrepared(): WebSocketLike | null {
    const prepared = this.prepared;
    this.prepared = null;
    if (prepared && prepared.readyState <= OPEN) {
      return prepared;
    }
    return null;
  }

  private onFrame(text: string): void {
    const decoded = decodeServerFrame(text);
    switch (decoded.kind) {
      case 'message':
        this.onMessage(decoded.message);
        return;
      case 'unknown':
        return; // a newer server's message; the protocol says to skip it
      case 'malformed':
        this.emit(
          'problem',
          toParleyError({ kind: 'sdk', reason: 'protocol', message: `malformed server message: ${decoded.problem}` }),
        );
        return;
      default:
        assertNever(decoded);
    }
  }

  private onMessage(message: ServerMessage): void {
    switch (message.type) {
      case 'welcome':
        this.onWelcome(message);
        return;
      case 'error':
        if (!this.joined) {
          this.onJoinRefused(message);
        } else {
          this.emit('message', message);
        }
        return;
      case 'goaway':
        this.onGoaway(message.reconnectInMs);
        return;
      case 'pong':
        return;
      case 'peer-left':
        if (message.peerId === this.peerId && message.reason === 'kicked') {
          // Removed by the server's administrator: resuming or rejoining would undo that.
          this.finish(new ParleyError('unauthorized', 'removed from the room by an administrator'));
          return;
        }
        this.delivery.forget(message.peerId);
        this.emit('message', message);
        return;
      case 'peer-joined':
      case 'media':
      case 'publish-answer':
      case 'subscribe-offer':
      case 'speaker':
        this.emit('message', message);
        return;
      case 'signal':
        if (this.delivery.incoming(message)) this.emit('message', message);
        return;
      default:
        assertNever(message);
    }
  }

  private onWelcome(welcome: WelcomeMessage): void {
    this.clearTimer('joinTimer');
    this.joined = true;
    this.everJoined = true;
    this.resumeToken = welcome.resume;
    this.peerId = welcome.peerId;
    this.attempt = 0;
    if (!welcome.resumed) {
      // A fresh session: queued signals were written for the old one and would confuse the
      // peers' new connections to us.
      this.outbox.clear();
      this.delivery.reset();
    }
    this.setState('connected', null);
    this.heartbeat.start();
    this.emit('welcome', welcome);
    if (this.started) {
      this.started.resolve();
      this.started = null;
    }
    if (welcome.resumed) {
      // Signals either way may have died with the old socket or the old server node.
      this.delivery.resumed();
    }
    this.outbox.pump();
  }

  private onJoinRefused(error: ErrorMessage): void {
    if (error.code === 'rate-limited') {
      this.lose(null);
      return;
    }
    // room-full, unauthorized, bad-message: trying again would get the same answer.
    this.finish(toParleyError({ kind: 'server', code: error.code, message: error.message }));
  }

  private onGoaway(reconnectInMs: number): void {
    this.clearTimer('goawayTimer');
    this.goawayTimer = setTimeout(() => {
      if (this.state !== 'connected') return;
      // Reconnect at once: the server is draining, not failing.
      this.dropSocket(1000, 'goaway');
      this.outageStartedAt = this.now();
      this.attempt = 0;
      this.setState('reconnecting', null);
      this.openSocket();
    }, reconnectInMs);
  }

  /** The current socket is gone (closed, timed out, or refused with a retryable error). */
  private lose(close: { code: number; reason: string } | null): void {
    const wasJoined = this.joined;
    this.dropSocket(4000, 'lost');
    const cause = close ? closeCause(close.code, close.reason) : 'other';
    if (close && (cause === 'replaced' || cause === 'kicked')) {
      // Resuming would take the session back from the connection that has it, or undo a kick.
      this.finish(toParleyError({ kind: 'socket-closed', code: close.code, reason: close.reason }));
      return;
    }
    if (wasJoined) {
      this.outageStartedAt = this.now();
      this.attempt = 0;
    }
    const policy = this.everJoined ? this.options.reconnectPolicy : this.options.initialPolicy;
    const delay = policy.nextDelay(this.attempt, this.now() - this.outageStartedAt);
    this.attempt += 1;
    if (delay === null) {
      const why = close ? ` (last close ${close.code}${close.reason ? ` ${close.reason}` : ''})` : '';
      this.finish(
        toParleyError({
          kind: 'sdk',
          reason: 'signaling-unreachable',
          message: `cannot reach the signaling server${why}`,
        }),
      );
      return;
    }
    if (this.everJoined) {
      this.setState('reconnecting', null);
    }
    this.retryTimer = setTimeout(() => this.openSocket(), delay);
  }

  /** Detaches and closes the current socket; its late events are ignored. */
  private dropSocket(code: number, reason: string): void {
    const socket = this.socket;
    this.socket = null;
    this.joined = false;
    this.clearTimer('joinTimer');
    this.heartbeat.stop();
    this.outbox.pause();
    this.clearTimer('goawayTimer');
    if (socket) {
      socket.onopen = socket.onmessage = socket.onclose = socket.onerror = null;
      try {
        socket.close(code, reason);
      } catch {
        // already closing
      }
    }
  }

  private finish(error: ParleyError | null): void {
    this.dropSocket(1000, 'closed');
    this.prepared?.close(1000, 'closed');
    this.prepared = null;
    this.clearTimer('retryTimer');
    this.outbox.clear();
    this.delivery.reset();
    this.setState('closed', error);
    if (this.started) {
      this.started.reject(error ?? new ParleyError('closed', 'closed before joining'));
      this.started = null;
    }
  }

  private isUp(): boolean {
    return this.joined && this.socket?.readyState === OPEN;
  }

  private write(message: ClientMessage): void {
    try {
      this.socket?.send(encodeClientMessage(message));
    } catch {
      // The socket closed under us; its close event will follow.
    }
  }

  private setState(state: SignalingState, error: ParleyError | null): void {
    if (this.state === state) {
      return;
    }
    this.state = state;
    this.emit('state', { state, error });
  }

  private clearTimer(which: 'retryTimer' | 'joinTimer' | 'goawayTimer'): void {
    if (this[which] !== undefined) {
      clearTimeout(this[which]);
      this[which] = undefined;
    }
  }
}
