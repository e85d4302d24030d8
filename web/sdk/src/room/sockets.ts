import { ParleyError } from '../errors.js';
import type { WebSocketLike } from '../signaling/options.js';
import { signalingUrl } from '../signaling/url.js';
import type { RoomEnvironment } from './types.js';

/** The signaling address `connect()` and `prepare()` use, or a ParleyError for a bad one. */
export function resolveSignalingUrl(url: string | undefined): string {
  try {
    return signalingUrl(url, globalThis.location?.href);
  } catch (error) {
    throw new ParleyError('invalid-argument', `bad signaling URL: ${String(error)}`, { cause: error });
  }
}

/**
 * A room's WebSockets: made by the environment's factory (or the browser's), and the one
 * `prepare()` opens early, so that the handshake is done by the time the user clicks join.
 */
export class RoomSockets {
  private prepared: { readonly url: string; readonly socket: WebSocketLike } | null = null;

  constructor(private readonly environment: RoomEnvironment) {}

  get isPrepared(): boolean {
    return this.prepared !== null;
  }

  create(url: string): WebSocketLike {
    return this.environment.createSocket
      ? this.environment.createSocket(url)
      : (new WebSocket(url) as unknown as WebSocketLike);
  }

  prepare(url: string): void {
    this.prepared = { url, socket: this.create(url) };
  }

  /** The prepared socket if it goes to `url`; otherwise it is closed (and null returned). */
  take(url: string | null): WebSocketLike | null {
    const prepared = this.prepared;
    this.prepared = null;
    if (!prepared) return null;
    if (prepared.url === url) return prepared.socket;
    prepared.socket.close(1000, 'not used');
    return null;
  }
}
