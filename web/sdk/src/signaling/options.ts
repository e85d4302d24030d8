import type { ReconnectPolicy } from './backoff.js';

/** The part of the browser's WebSocket this client uses, so tests can hand in a fake. */
export interface WebSocketLike {
  readonly readyState: number;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code: number; reason: string }) => void) | null;
  onerror: ((event: unknown) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

/** `WebSocket.OPEN`, which Node lacks. */
export const OPEN = 1;

export interface SignalingOptions {
  readonly url: string;
  readonly room: string;
  readonly name: string | null;
  readonly token: string | null;
  /** Retries after a connection that had joined was lost. */
  readonly reconnectPolicy: ReconnectPolicy;
  /** Retries of the very first connection. */
  readonly initialPolicy: ReconnectPolicy;
  readonly createSocket: (url: string) => WebSocketLike;
  /**
   * A socket to `url` opened ahead of time (Room.prepare): the first attempt uses it if it is
   * still opening or open, instead of waiting for a new one.
   */
  readonly preparedSocket?: WebSocketLike;
  readonly now?: () => number;
}
