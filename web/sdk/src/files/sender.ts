import { ParleyError } from '../errors.js';
import { sha256Hex } from '../util/hex.js';
import { whenChannel, type FileChannel, type FileLimits } from './channel.js';
import { CHUNK_HEADER_BYTES, encodeChunk, encodeControl, type RejectReason } from './framing.js';
import type { Transfer } from './transfer.js';

/** Chunks read from the file per read: fewer awaits than one read per chunk. */
const CHUNKS_PER_READ = 64;
const SAFETY_POLL_MS = 1_000;

/**
 * Sends one file over the "files" channel: offer, chunks, end (with the SHA-256), then waits
 * for the receiver's verdict. Never lets the channel's `bufferedAmount` pass the high-water
 * mark: when the next frame would, it waits for `bufferedamountlow`.
 */
export class FileSender {
  private wake: () => void = () => {};

  constructor(
    private readonly channel: FileChannel,
    readonly wireId: number,
    private readonly file: Blob,
    readonly transfer: Transfer,
    private readonly limits: FileLimits,
    private readonly maxMessageBytes: () => number,
  ) {
    transfer.onCancel = () => {
      this.sendControl({ type: 'file-abort', id: this.wireId });
      this.wake();
    };
  }

  async run(): Promise<void> {
    const { transfer, file } = this;
    const hash = sha256Hex(file);
    hash.catch(() => undefined); // awaited below; a cancelled transfer never awaits it
    try {
      if (this.channel.readyState === 'connecting') {
        await whenChannel(this.channel, 'open', 30_000, (wake) => (this.wake = wake));
      }
      if (!this.usable()) {
        this.interrupted();
        return;
      }
      // A chunk and its header go in one message, which must fit the peer's limit (known once
      // the channel is open; 256 KiB between Chromium and Firefox, 64 KiB where unannounced).
      const maxMessage = this.maxMessageBytes();
      const chunkBytes = Math.min(this.limits.chunkBytes, maxMessage - CHUNK_HEADER_BYTES);
      if (chunkBytes < 1) {
        transfer.end('failed', {
          error: new ParleyError(
            'file-interrupted',
            `cannot send ${transfer.name}: the connection takes messages of at most ${maxMessage} bytes`,
            { peerId: transfer.peerId },
          ),
        });
        return;
      }
      this.sendControl({
        type: 'file-offer',
        id: this.wireId,
        name: transfer.name,
        size: file.size,
        mime: transfer.type,
      });
      const readBytes = chunkBytes * CHUNKS_PER_READ;
      let offset = 0;
      let seq = 0;
      transfer.progress(0);
      while (offset < file.size) {
        const block = new Uint8Array(await file.slice(offset, offset + readBytes).arrayBuffer());
        for (let at = 0; at < block.byteLength; at += chunkBytes) {
          const frame = encodeChunk(this.wireId, seq, block.subarray(at, at + chunkBytes));
          if (!(await this.roomFor(frame.byteLength))) {
            this.interrupted();
            return;
          }
          this.channel.send(frame);
          seq += 1;
          transfer.progress(offset + Math.min(at + chunkBytes, block.byteLength));
        }
        offset += block.byteLength;
      }
      const sha256 = await hash;
      if (!this.usable()) {
        this.interrupted();
        return;
      }
      transfer.sha256 = sha256;
      this.sendControl({ type: 'file-end', id: this.wireId, sha256 });
      transfer.verifying();
      // The receiver's file-result or file-reject ends the transfer (see onResult / onReject).
    } catch (error) {
      transfer.end('failed', {
        error: new ParleyError('file-interrupted', `could not send ${transfer.name}: ${String(error)}`, {
          cause: error,
          peerId: transfer.peerId,
        }),
      });
    }
  }

  onResult(ok: boolean): void {
    if (ok) {
      this.transfer.end('complete');
    } else {
      this.transfer.end('failed', {
        error: new ParleyError('file-corrupt', `${this.transfer.name} arrived damaged (SHA-256 mismatch)`, {
          peerId: this.transfer.peerId,
        }),
      });
    }
  }

  onReject(reason: RejectReason): void {
    if (reason === 'too-large') {
      this.transfer.end('failed', {
        error: new ParleyError('file-refused', `the receiver refused ${this.transfer.name}: too large`, {
          peerId: this.transfer.peerId,
        }),
      });
    } else {
      this.transfer.end('cancelled', { cancelledBy: 'remote' });
    }
    this.wake();
  }

  /** The channel closed. */
  onClosed(): void {
    this.interrupted();
    this.wake();
  }

  /** Waits until `bytes` more fit under the high-water mark; false if the transfer is over. */
  private async roomFor(bytes: number): Promise<boolean> {
    while (this.usable() && this.channel.bufferedAmount + bytes > this.limits.highWaterBytes) {
      await whenChannel(this.channel, 'bufferedamountlow', SAFETY_POLL_MS, (wake) => (this.wake = wake));
    }
    return this.usable();
  }

  private usable(): boolean {
    return !this.transfer.ended && this.channel.readyState === 'open';
  }

  private interrupted(): void {
    this.transfer.end('failed', {
      error: new ParleyError('file-interrupted', `the connection closed while sending ${this.transfer.name}`, {
        peerId: this.transfer.peerId,
      }),
    });
  }

  private sendControl(control: Parameters<typeof encodeControl>[0]): void {
    if (this.channel.readyState === 'open') {
      this.channel.send(encodeControl(control));
    }
  }
}
