import { isObject, parseJson, type JsonObject } from '../util/json.js';
import type {
  DeliveryNumbers,
  ForwardedTrack,
  IceServer,
  MediaMode,
  PeerInfo,
  Permissions,
  ServerMessage,
} from './messages.js';

/**
 * What became of one server frame. Unknown types are not errors: the protocol lets newer
 * servers add message types, and an older client skips them.
 */
export type DecodedFrame =
  | { readonly kind: 'message'; readonly message: ServerMessage }
  | { readonly kind: 'unknown'; readonly type: string }
  | { readonly kind: 'malformed'; readonly problem: string };

/** Thrown only inside this module; turned into a `malformed` result. */
class Malformed extends Error {}

/** Decodes and validates one text frame from the server. Never throws. */
export function decodeServerFrame(text: string): DecodedFrame {
  const value = parseJson(text);
  if (value === undefined) {
    return { kind: 'malformed', problem: 'not valid JSON' };
  }
  if (!isObject(value)) {
    return { kind: 'malformed', problem: 'a message must be a JSON object' };
  }
  try {
    return decodeObject(value);
  } catch (error) {
    if (error instanceof Malformed) {
      return { kind: 'malformed', problem: error.message };
    }
    throw error;
  }
}

function decodeObject(o: Record<string, unknown>): DecodedFrame {
  const type = string(o, 'type');
  const message = ((): ServerMessage | null => {
    switch (type) {
      case 'welcome':
        return {
          type,
          peerId: string(o, 'peerId'),
          room: string(o, 'room'),
          peers: array(o, 'peers').map((p, i) => peerInfo(p, `peers[${i}]`)),
          iceServers: array(o, 'iceServers').map((s, i) => iceServer(s, `iceServers[${i}]`)),
          resume: string(o, 'resume'),
          resumed: boolean(o, 'resumed'),
          permissions: permissions(o['permissions']),
          media: o['media'] === undefined || o['media'] === null ? 'mesh' : mediaMode(o, 'media'),
        };
      case 'peer-joined':
        return { type, peer: peerInfo(o['peer'], 'peer') };
      case 'peer-left':
        return { type, peerId: string(o, 'peerId'), reason: string(o, 'reason') };
      case 'signal':
        return { type, from: string(o, 'from'), data: object(o, 'data'), ...numbers(o) };
      case 'error':
        return { type, code: string(o, 'code'), message: string(o, 'message') };
      case 'goaway':
        return { type, reconnectInMs: nonNegative(o, 'reconnectInMs') };
      case 'pong':
        return { type };
      case 'media':
        return { type, mode: mediaMode(o, 'mode') };
      case 'publish-answer':
        return { type, sdp: string(o, 'sdp') };
      case 'subscribe-offer':
        return {
          type,
          sdp: string(o, 'sdp'),
          tracks: array(o, 'tracks').map((t, i) => forwardedTrack(t, `tracks[${i}]`)),
        };
      case 'speaker':
        return { type, peerId: o['peerId'] === null || o['peerId'] === undefined ? null : string(o, 'peerId') };
      default:
        return null;
    }
  })();
  return message === null ? { kind: 'unknown', type } : { kind: 'message', message };
}

function peerInfo(value: unknown, where: string): PeerInfo {
  if (!isObject(value)) {
    throw new Malformed(`field '${where}' must be an object`);
  }
  const name = value['name'];
  if (name !== undefined && name !== null && typeof name !== 'string') {
    throw new Malformed(`field '${where}.name' must be a string or null`);
  }
  return { peerId: string(value, 'peerId', where), name: name ?? null };
}

function mediaMode(o: Record<string, unknown>, key: string): MediaMode {
  const value = string(o, key);
  if (value !== 'mesh' && value !== 'sfu') throw new Malformed(`field '${key}' must be mesh or sfu`);
  return value;
}

function forwardedTrack(value: unknown, where: string): ForwardedTrack {
  if (!isObject(value)) {
    throw new Malformed(`field '${where}' must be an object`);
  }
  const kind = string(value, 'kind', where);
  if (kind !== 'audio' && kind !== 'video') throw new Malformed(`field '${where}.kind' must be audio or video`);
  return {
    trackId: string(value, 'trackId', where),
    peerId: string(value, 'peerId', where),
    kind,
    mid: string(value, 'mid', where),
  };
}

function iceServer(value: unknown, where: string): IceServer {
  if (!isObject(value)) {
    throw new Malformed(`field '${where}' must be an object`);
  }
  const urls = value['urls'];
  const validUrls =
    typeof urls === 'string' || (Array.isArray(urls) && urls.length > 0 && urls.every((u) => typeof u === 'string'));
  if (!validUrls) {
    throw new Malformed(`field '${where}.urls' must be a string or a list of strings`);
  }
  const server: { urls: string | readonly string[]; username?: string; credential?: string } = {
    urls,
  };
  for (const key of ['username', 'credential'] as const) {
    const field = value[key];
    if (typeof field === 'string') {
      server[key] = field;
    } else if (field !== undefined && field !== null) {
      throw new Malformed(`field '${where}.${key}' must be a string`);
    }
  }
  return server;
}

function field(o: Record<string, unknown>, key: string, where?: string): unknown {
  const value = o[key];
  if (value === undefined || value === null) {
    throw new Malformed(`missing field '${where ? `${where}.` : ''}${key}'`);
  }
  return value;
}

function string(o: Record<string, unknown>, key: string, where?: string): string {
  const value = field(o, key, where);
  if (typeof value !== 'string') {
    throw new Malformed(`field '${where ? `${where}.` : ''}${key}' must be a string`);
  }
  return value;
}

function boolean(o: Record<string, unknown>, key: string): boolean {
  const value = field(o, key);
  if (typeof value !== 'boolean') {
    throw new Malformed(`field '${key}' must be a boolean`);
  }
  return value;
}

function permissions(value: unknown): Permissions {
  if (value === undefined || value === null) return { publish: true, data: true };
  if (!isObject(value)) throw new Malformed("field 'permissions' must be a JSON object");
  return { publish: boolean(value, 'publish'), data: boolean(value, 'data') };
}

function nonNegative(o: Record<string, unknown>, key: string): number {
  const value = field(o, key);
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new Malformed(`field '${key}' must be a non-negative number`);
  }
  return value;
}

/** The delivery numbers a signal carries, each only when present. */
function numbers(o: Record<string, unknown>): DeliveryNumbers {
  const out: { seq?: number; ack?: number; resend?: number } = {};
  for (const key of ['seq', 'ack', 'resend'] as const) {
    const value = o[key];
    if (value === undefined || value === null) continue;
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
      throw new Malformed(`field '${key}' must be a whole number from 0 to 2^53-1`);
    }
    out[key] = value;
  }
  return out;
}

function array(o: Record<string, unknown>, key: string): unknown[] {
  const value = field(o, key);
  if (!Array.isArray(value)) {
    throw new Malformed(`field '${key}' must be a list`);
  }
  return value;
}

function object(o: Record<string, unknown>, key: string): JsonObject {
  const value = field(o, key);
  if (!isObject(value)) {
    throw new Malformed(`field '${key}' must be a JSON object`);
  }
  return value as JsonObject;
}
