import { ParleyError } from '../errors.js';
import { decodeEnvelope, encodeEnvelope, type ChatEnvelope, type MediaState } from './envelope.js';

export type ChatFrame = Extract<ChatEnvelope, { type: 'chat' }>;

/** The part of RTCDataChannel that chat uses, so tests can hand in a fake. */
export interface ChatChannel {
  readonly readyState: RTCDataChannelState;
  send(data: string): void;
  onopen: ((event: Event) => void) | null;
  onmessage: ((event: MessageEvent<unknown>) => void) | null;
}

export interface ChatHooks {
  onChat(frame: ChatFrame): void;
  onMedia(state: MediaState): void;
  onProblem(error: ParleyError): void;
  /** What this side sends now, announced whenever a channel opens. */
  mediaState(): MediaState;
}

/**
 * The "chat" data channel to one peer, across the connections that carry it: frames sent
 * before a channel is open wait in a bounded outbox (the oldest dropped past `queueLimit`) and
 * go, in order, when the next one opens, right after this side's media state.
 *
 * Contract: single-threaded; a detached channel's events are ignored (its handlers are cleared).
 */
export class ChatEndpoint {
  private channel: ChatChannel | null = null;
  private readonly outbox: string[] = [];

  constructor(
    private readonly peerId: string,
    private readonly hooks: ChatHooks,
    private readonly queueLimit: number,
  ) {}

  /** The channel of a new connection; replaces the previous one. */
  attach(channel: ChatChannel): void {
    this.detach();
    this.channel = channel;
    channel.onopen = () => {
      channel.send(encodeEnvelope({ type: 'media', ...this.hooks.mediaState() }));
      for (const text of this.outbox.splice(0)) channel.send(text);
    };
    channel.onmessage = (event) => {
      if (typeof event.data === 'string') this.receive(event.data);
    };
  }

  /** The connection went; its channel's events are ignored, frames wait for the next channel. */
  detach(): void {
    if (this.channel) this.channel.onopen = this.channel.onmessage = null;
    this.channel = null;
  }

  sendChat(frame: ChatFrame): void {
    this.send(encodeEnvelope(frame));
  }

  sendMedia(state: MediaState): void {
    this.send(encodeEnvelope({ type: 'media', ...state }));
  }

  private send(text: string): void {
    if (this.channel?.readyState === 'open') {
      this.channel.send(text);
      return;
    }
    if (this.outbox.length >= this.queueLimit) this.outbox.shift();
    this.outbox.push(text);
  }

  /** A frame from the peer: off the channel, or relayed by the server in an SFU room. */
  receive(text: string): void {
    const envelope = decodeEnvelope(text);
    if (envelope === null) return;
    if ('problem' in envelope) {
      this.hooks.onProblem(
        new ParleyError('protocol', `bad chat frame from ${this.peerId}: ${envelope.problem}`, { peerId: this.peerId }),
      );
      return;
    }
    if (envelope.type === 'chat') {
      this.hooks.onChat(envelope);
    } else {
      this.hooks.onMedia({ audio: envelope.audio, video: envelope.video, screen: envelope.screen });
    }
  }
}
