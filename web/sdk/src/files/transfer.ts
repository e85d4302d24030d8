import { Emitter } from '../emitter.js';
import type { ParleyError } from '../errors.js';

export type TransferDirection = 'outgoing' | 'incoming';

/**
 * - `active`: bytes are moving.
 * - `verifying`: all bytes moved; the receiver is checking the SHA-256.
 * - `complete`: the receiver has the file and its hash matched.
 * - `cancelled`: either side cancelled (see `cancelledBy`).
 * - `failed`: see `error` (`file-corrupt`, `file-interrupted`, `file-refused`).
 */
export type TransferState = 'active' | 'verifying' | 'complete' | 'cancelled' | 'failed';

export interface TransferEvents {
  /** Bytes moved (throttled; always once at the end). */
  progress: FileTransfer;
  /** The transfer reached `complete`, `cancelled` or `failed`. */
  end: FileTransfer;
}

/** A file on its way to or from one peer. */
export interface FileTransfer {
  /** Unique within the room on this side. */
  readonly id: string;
  readonly peerId: string;
  readonly direction: TransferDirection;
  readonly name: string;
  readonly size: number;
  /** MIME type as the sender's browser named it; may be empty. */
  readonly type: string;
  readonly state: TransferState;
  readonly bytesTransferred: number;
  /** Incoming and complete: the file. */
  readonly blob: Blob | null;
  /** Hex SHA-256, once known (the sender computes it; the receiver checks it). */
  readonly sha256: string | null;
  readonly cancelledBy: 'local' | 'remote' | null;
  readonly error: ParleyError | null;
  /** Resolves when the transfer ends, whichever way; never rejects. */
  readonly finished: Promise<FileTransfer>;
  on<K extends keyof TransferEvents>(event: K, listener: (payload: TransferEvents[K]) => void): () => void;
  off<K extends keyof TransferEvents>(event: K, listener: (payload: TransferEvents[K]) => void): void;
  /** Stops the transfer on both sides. No effect once it ended. */
  cancel(): void;
}

/** The SDK's side of a {@link FileTransfer}: state changes happen only through these methods. */
export class Transfer extends Emitter<TransferEvents> implements FileTransfer {
  state: TransferState = 'active';
  bytesTransferred = 0;
  blob: Blob | null = null;
  sha256: string | null = null;
  cancelledBy: 'local' | 'remote' | null = null;
  error: ParleyError | null = null;
  readonly finished: Promise<FileTransfer>;
  private resolveFinished!: (transfer: FileTransfer) => void;
  private lastProgressAt = -1;
  /** Set by the sender or receiver that drives this transfer. */
  onCancel: () => void = () => {};

  constructor(
    readonly id: string,
    readonly peerId: string,
    readonly direction: TransferDirection,
    readonly name: string,
    readonly size: number,
    readonly type: string,
    private readonly progressStepBytes: number,
  ) {
    super();
    this.finished = new Promise((resolve) => (this.resolveFinished = resolve));
  }

  get ended(): boolean {
    return this.state === 'complete' || this.state === 'cancelled' || this.state === 'failed';
  }

  cancel(): void {
    if (this.ended) return;
    this.onCancel();
    this.end('cancelled', { cancelledBy: 'local' });
  }

  progress(bytes: number): void {
    if (this.ended) return;
    this.bytesTransferred = bytes;
    if (bytes === this.size || bytes - this.lastProgressAt >= this.progressStepBytes || this.lastProgressAt < 0) {
      this.lastProgressAt = bytes;
      this.emit('progress', this);
    }
  }

  verifying(): void {
    if (!this.ended) this.state = 'verifying';
  }

  end(
    state: 'complete' | 'cancelled' | 'failed',
    details: { blob?: Blob; error?: ParleyError; cancelledBy?: 'local' | 'remote' } = {},
  ): void {
    if (this.ended) return;
    this.state = state;
    this.blob = details.blob ?? null;
    this.error = details.error ?? null;
    this.cancelledBy = details.cancelledBy ?? null;
    this.emit('end', this);
    this.resolveFinished(this);
  }
}
