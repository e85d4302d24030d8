import type { WebSocketLike } from '../../src/signaling/options.js';

/** A WebSocket the test plays the server for. */
export class FakeSocket implements WebSocketLike {
  readyState = 0;
  onopen: WebSocketLike['onopen'] = null;
  onmessage: WebSocketLike['onmessage'] = null;
  onclose: WebSocketLike['onclose'] = null;
  onerror: WebSocketLike['onerror'] = null;
  readonly sent: Record<string, unknown>[] = [];
  closedWith: number | null = null;
  /** Answer `ping` with `pong`, as the server does. */
  autoPong = false;

  constructor(readonly url: string) {}

  send(data: string): void {
    if (this.readyState !== 1) throw new DOMException('not open', 'InvalidStateError');
    const message = JSON.parse(data) as Record<string, unknown>;
    this.sent.push(message);
    if (this.autoPong && message['type'] === 'ping') queueMicrotask(() => this.push({ type: 'pong' }));
  }

  close(code = 1000): void {
    this.readyState = 3;
    this.closedWith = code;
  }

  // server side
  accept(): void {
    this.readyState = 1;
    this.onopen?.({});
  }

  push(message: Record<string, unknown>): void {
    this.onmessage?.({ data: JSON.stringify(message) });
  }

  drop(code = 1006, reason = ''): void {
    this.readyState = 3;
    this.onclose?.({ code, reason });
  }
}
