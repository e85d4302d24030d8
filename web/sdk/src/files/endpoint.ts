import { ParleyError } from '../errors.js';
import { assertNever } from '../util/assert-never.js';
import { randomId } from '../util/id.js';
import type { FileChannel, FileLimits } from './channel.js';
import { decodeChunk, decodeControl, encodeControl, type FileControl } from './framing.js';
import { FileReceiver } from './receiver.js';
import { FileSender } from './sender.js';
import { Transfer } from './transfer.js';

export interface FileEndpointHooks {
  /** A transfer started, in either direction. */
  onTransfer(transfer: Transfer): void;
  /** The peer sent something this side cannot use. */
  onProblem(error: ParleyError): void;
}

/**
 * Both directions of file transfer over one "files" channel: our senders and the peer's.
 * Wire ids are per direction, so an incoming id 1 and an outgoing id 1 are different files.
 */
export class FileEndpoint {
  private readonly senders = new Map<number, FileSender>();
  private readonly receivers = new Map<number, FileReceiver>();
  private nextWireId = 1;
  private closed = false;

  constructor(
    private readonly channel: FileChannel,
    private readonly peerId: string,
    private readonly hooks: FileEndpointHooks,
    private readonly limits: FileLimits,
    /** The largest message the peer takes: the SCTP association's negotiated maxMessageSize. */
    private readonly maxMessageBytes: () => number = () => Number.POSITIVE_INFINITY,
  ) {
    channel.bufferedAmountLowThreshold = limits.lowWaterBytes;
  }

  /** Starts sending a file; the returned transfer reports how it goes. */
  send(file: Blob, name: string): Transfer {
    const wireId = this.nextWireId++;
    const transfer = new Transfer(
      randomId(),
      this.peerId,
      'outgoing',
      name,
      file.size,
      file.type,
      this.limits.progressStepBytes,
    );
    if (file.size > this.limits.maxFileBytes) {
      this.hooks.onTransfer(transfer);
      transfer.end('failed', {
        error: new ParleyError('invalid-argument', `${name} is larger than ${this.limits.maxFileBytes} bytes`, {
          peerId: this.peerId,
        }),
      });
      return transfer;
    }
    if (this.closed) {
      this.hooks.onTransfer(transfer);
      transfer.end('failed', {
        error: new ParleyError('file-interrupted', 'the connection to this peer is closed', { peerId: this.peerId }),
      });
      return transfer;
    }
    const sender = new FileSender(this.channel, wireId, file, transfer, this.limits, this.maxMessageBytes);
    this.senders.set(wireId, sender);
    void transfer.finished.then(() => this.senders.delete(wireId));
    this.hooks.onTransfer(transfer);
    void sender.run();
    return transfer;
  }

  /** Feed every message of the channel here. */
  receive(data: string | ArrayBuffer): void {
    if (this.closed) return;
    if (typeof data !== 'string') {
      const chunk = decodeChunk(data);
      if (chunk) {
        this.receivers.get(chunk.id)?.onChunk(chunk); // unknown id: a cancelled transfer's tail
      }
      return;
    }
    const control = decodeControl(data);
    if (control === null) return;
    if ('problem' in control) {
      this.hooks.onProblem(
        new ParleyError('protocol', `bad file frame from ${this.peerId}: ${control.problem}`, { peerId: this.peerId }),
      );
      return;
    }
    this.onControl(control);
  }

  /** The channel is gone: every transfer still running fails. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const sender of this.senders.values()) sender.onClosed();
    for (const receiver of this.receivers.values()) receiver.onClosed();
    this.senders.clear();
    this.receivers.clear();
  }

  private onControl(control: FileControl): void {
    switch (control.type) {
      case 'file-offer':
        this.onOffer(control);
        return;
      case 'file-end':
        void this.receivers.get(control.id)?.onEnd(control.sha256);
        return;
      case 'file-abort':
        this.receivers.get(control.id)?.onAbort();
        return;
      case 'file-reject':
        this.senders.get(control.id)?.onReject(control.reason);
        return;
      case 'file-result':
        this.senders.get(control.id)?.onResult(control.ok);
        return;
      default:
        assertNever(control);
    }
  }

  private onOffer(offer: Extract<FileControl, { type: 'file-offer' }>): void {
    if (this.receivers.has(offer.id)) {
      this.hooks.onProblem(
        new ParleyError('protocol', `file id ${offer.id} offered twice by ${this.peerId}`, { peerId: this.peerId }),
      );
      return;
    }
    const transfer = new Transfer(
      randomId(),
      this.peerId,
      'incoming',
      offer.name,
      offer.size,
      offer.mime,
      this.limits.progressStepBytes,
    );
    if (offer.size > this.limits.maxFileBytes) {
      this.channel.send(encodeControl({ type: 'file-reject', id: offer.id, reason: 'too-large' }));
      this.hooks.onTransfer(transfer);
      transfer.end('failed', {
        error: new ParleyError('file-refused', `${offer.name} is larger than ${this.limits.maxFileBytes} bytes`, {
          peerId: this.peerId,
        }),
      });
      return;
    }
    const receiver = new FileReceiver(this.channel, offer.id, transfer);
    this.receivers.set(offer.id, receiver);
    void transfer.finished.then(() => this.receivers.delete(offer.id));
    this.hooks.onTransfer(transfer);
  }
}
