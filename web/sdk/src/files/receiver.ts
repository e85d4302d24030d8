import { ParleyError } from '../errors.js';
import { sha256Hex } from '../util/hex.js';
import type { FileChannel } from './channel.js';
import { encodeControl, type Chunk } from './framing.js';
import type { Transfer } from './transfer.js';

/**
 * Reassembles one incoming file from its chunks, in order, and checks it against the sender's
 * SHA-256 before handing out the Blob. Any gap, excess or mismatch fails the transfer with
 * `file-corrupt` and tells the sender.
 */
export class FileReceiver {
  private readonly parts: Uint8Array[] = [];
  private received = 0;
  private nextSeq = 0;

  constructor(
    private readonly channel: FileChannel,
    readonly wireId: number,
    readonly transfer: Transfer,
  ) {
    transfer.onCancel = () => {
      this.parts.length = 0;
      this.send({ type: 'file-reject', id: this.wireId, reason: 'cancelled' });
    };
  }

  onChunk(chunk: Chunk): void {
    if (this.transfer.ended) return;
    if (chunk.seq !== this.nextSeq || this.received + chunk.payload.byteLength > this.transfer.size) {
      this.corrupt(`chunk ${chunk.seq} out of order or beyond the announced size`);
      return;
    }
    this.nextSeq += 1;
    this.parts.push(chunk.payload);
    this.received += chunk.payload.byteLength;
    this.transfer.progress(this.received);
  }

  async onEnd(sha256: string): Promise<void> {
    if (this.transfer.ended) return;
    if (this.received !== this.transfer.size) {
      this.corrupt(`got ${this.received} of ${this.transfer.size} bytes`);
      return;
    }
    this.transfer.verifying();
    const blob = new Blob(this.parts as BlobPart[], { type: this.transfer.type });
    this.parts.length = 0;
    const actual = await sha256Hex(blob);
    if (this.transfer.ended) return; // cancelled while hashing
    this.transfer.sha256 = actual;
    if (actual !== sha256) {
      this.corrupt('SHA-256 mismatch');
      return;
    }
    this.send({ type: 'file-result', id: this.wireId, ok: true });
    this.transfer.end('complete', { blob });
  }

  onAbort(): void {
    this.parts.length = 0;
    this.transfer.end('cancelled', { cancelledBy: 'remote' });
  }

  onClosed(): void {
    this.parts.length = 0;
    this.transfer.end('failed', {
      error: new ParleyError('file-interrupted', `the connection closed while receiving ${this.transfer.name}`, {
        peerId: this.transfer.peerId,
      }),
    });
  }

  private corrupt(detail: string): void {
    this.parts.length = 0;
    this.send({ type: 'file-result', id: this.wireId, ok: false });
    this.transfer.end('failed', {
      error: new ParleyError('file-corrupt', `${this.transfer.name} arrived damaged: ${detail}`, {
        peerId: this.transfer.peerId,
      }),
    });
  }

  private send(control: Parameters<typeof encodeControl>[0]): void {
    if (this.channel.readyState === 'open') {
      this.channel.send(encodeControl(control));
    }
  }
}
