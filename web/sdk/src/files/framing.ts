import { isObject, parseJson } from '../util/json.js';

/**
 * The "files" data channel (docs/sdk.md, "File transfer framing"). Control frames are JSON text;
 * file bytes travel in binary frames of an 8-byte header (transfer id, chunk sequence number,
 * both unsigned 32-bit big-endian) followed by the payload.
 *
 * Sender → receiver: file-offer, chunks, file-end (with the SHA-256), file-abort.
 * Receiver → sender: file-reject (cancelled or refused), file-result (the hash matched or not).
 * Transfer ids are chosen by the sender and unique per channel and direction.
 */
export type FileControl =
  | {
      readonly type: 'file-offer';
      readonly id: number;
      readonly name: string;
      readonly size: number;
      readonly mime: string;
    }
  | { readonly type: 'file-end'; readonly id: number; readonly sha256: string }
  | { readonly type: 'file-abort'; readonly id: number }
  | { readonly type: 'file-reject'; readonly id: number; readonly reason: RejectReason }
  | { readonly type: 'file-result'; readonly id: number; readonly ok: boolean };

export type RejectReason = 'cancelled' | 'too-large';

export const CHUNK_HEADER_BYTES = 8;
const MAX_ID = 0xffff_ffff;

export function encodeControl(control: FileControl): string {
  return JSON.stringify(control);
}

/** Returns the control frame, `null` for an unknown type (skipped), or a problem for a bad one. */
export function decodeControl(text: string): FileControl | null | { readonly problem: string } {
  const value = parseJson(text);
  if (!isObject(value) || typeof value['type'] !== 'string') {
    return { problem: 'a file control frame must be a JSON object with a type' };
  }
  const id = value['id'];
  if (typeof id !== 'number' || !Number.isInteger(id) || id < 1 || id > MAX_ID) {
    return { problem: 'a file control frame needs an id from 1 to 2^32-1' };
  }
  switch (value['type']) {
    case 'file-offer': {
      const { name, size, mime } = value;
      if (
        typeof name !== 'string' ||
        typeof mime !== 'string' ||
        typeof size !== 'number' ||
        !Number.isSafeInteger(size) ||
        size < 0
      ) {
        return { problem: 'a file offer needs a name, a mime type and a size' };
      }
      return { type: 'file-offer', id, name, size, mime };
    }
    case 'file-end': {
      const sha256 = value['sha256'];
      if (typeof sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(sha256)) {
        return { problem: 'file-end needs a sha256 of 64 lowercase hex digits' };
      }
      return { type: 'file-end', id, sha256 };
    }
    case 'file-abort':
      return { type: 'file-abort', id };
    case 'file-reject': {
      const reason = value['reason'] === 'too-large' ? 'too-large' : 'cancelled';
      return { type: 'file-reject', id, reason };
    }
    case 'file-result':
      if (typeof value['ok'] !== 'boolean') {
        return { problem: 'file-result needs ok' };
      }
      return { type: 'file-result', id, ok: value['ok'] };
    default:
      return null;
  }
}

export function encodeChunk(id: number, seq: number, payload: Uint8Array): ArrayBuffer {
  const frame = new ArrayBuffer(CHUNK_HEADER_BYTES + payload.byteLength);
  const view = new DataView(frame);
  view.setUint32(0, id);
  view.setUint32(4, seq);
  new Uint8Array(frame, CHUNK_HEADER_BYTES).set(payload);
  return frame;
}

export interface Chunk {
  readonly id: number;
  readonly seq: number;
  readonly payload: Uint8Array;
}

export function decodeChunk(frame: ArrayBuffer): Chunk | null {
  if (frame.byteLength < CHUNK_HEADER_BYTES) {
    return null;
  }
  const view = new DataView(frame);
  return { id: view.getUint32(0), seq: view.getUint32(4), payload: new Uint8Array(frame, CHUNK_HEADER_BYTES) };
}
