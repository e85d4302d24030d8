import { isObject, type JsonObject } from '../util/json.js';

/** What a sent media stream carries, so the receiver can tell a screen from a camera. */
export type StreamSource = 'user' | 'screen';

/**
 * The `data` of a protocol `signal` between two SDK peers (docs/sdk.md, "Signal data"):
 *
 *     {"description": {"type": "offer", "sdp": "…"}, "epoch": 0, "streams": {"<msid>": "screen"}}
 *     {"candidate": {"candidate": "candidate:…", "sdpMid": "0", "sdpMLineIndex": 0}, "epoch": 0}
 *
 * `epoch` numbers the peer connection of the pair: it grows when either side rebuilds its
 * connection from scratch, and signals of an older epoch are dropped. It defaults to 0, so a
 * client that sends only `{description}` / `{candidate}` interoperates.
 */
export type PeerSignal =
  | {
      readonly kind: 'description';
      readonly epoch: number;
      readonly description: RTCSessionDescriptionInit;
      /** Sender's stream ids (msid) and what they carry; absent streams are 'user'. */
      readonly streams: Readonly<Record<string, StreamSource>>;
    }
  | { readonly kind: 'candidate'; readonly epoch: number; readonly candidate: RTCIceCandidateInit };

const DESCRIPTION_TYPES: ReadonlySet<string> = new Set(['offer', 'answer', 'pranswer', 'rollback']);

export function encodePeerSignal(signal: PeerSignal): JsonObject {
  if (signal.kind === 'description') {
    const description: JsonObject = { type: signal.description.type };
    if (signal.description.sdp !== undefined) {
      description['sdp'] = signal.description.sdp;
    }
    const out: JsonObject = { description, epoch: signal.epoch };
    if (Object.keys(signal.streams).length > 0) {
      out['streams'] = { ...signal.streams };
    }
    return out;
  }
  const c = signal.candidate;
  const candidate: JsonObject = { candidate: c.candidate ?? '' };
  if (c.sdpMid !== undefined) candidate['sdpMid'] = c.sdpMid;
  if (c.sdpMLineIndex !== undefined) candidate['sdpMLineIndex'] = c.sdpMLineIndex;
  if (c.usernameFragment !== undefined) candidate['usernameFragment'] = c.usernameFragment;
  return { candidate, epoch: signal.epoch };
}

/** Validates signal data from a peer. Returns a problem string for data the SDK cannot use. */
export function decodePeerSignal(data: JsonObject): PeerSignal | { readonly problem: string } {
  const epoch = data['epoch'] ?? 0;
  if (typeof epoch !== 'number' || !Number.isSafeInteger(epoch) || epoch < 0) {
    return { problem: "signal 'epoch' must be a non-negative integer" };
  }
  const description = data['description'];
  if (description !== undefined) {
    if (
      !isObject(description) ||
      typeof description['type'] !== 'string' ||
      !DESCRIPTION_TYPES.has(description['type'])
    ) {
      return { problem: "signal 'description' must have a type of offer, answer, pranswer or rollback" };
    }
    const type = description['type'] as RTCSdpType;
    const sdp = description['sdp'];
    if (type !== 'rollback' && typeof sdp !== 'string') {
      return { problem: "signal 'description.sdp' must be a string" };
    }
    return {
      kind: 'description',
      epoch,
      description: typeof sdp === 'string' ? { type, sdp } : { type },
      streams: streams(data['streams']),
    };
  }
  const candidate = data['candidate'];
  if (candidate !== undefined) {
    if (!isObject(candidate) || typeof candidate['candidate'] !== 'string') {
      return { problem: "signal 'candidate.candidate' must be a string" };
    }
    const init: RTCIceCandidateInit = { candidate: candidate['candidate'] };
    const mid = candidate['sdpMid'];
    const index = candidate['sdpMLineIndex'];
    const ufrag = candidate['usernameFragment'];
    if (typeof mid === 'string' || mid === null) init.sdpMid = mid;
    if (typeof index === 'number' || index === null) init.sdpMLineIndex = index;
    if (typeof ufrag === 'string' || ufrag === null) init.usernameFragment = ufrag;
    if ((init.sdpMid ?? null) === null && (init.sdpMLineIndex ?? null) === null) {
      return { problem: "signal 'candidate' needs sdpMid or sdpMLineIndex" };
    }
    return { kind: 'candidate', epoch, candidate: init };
  }
  return { problem: "signal data has neither 'description' nor 'candidate'" };
}

function streams(value: unknown): Record<string, StreamSource> {
  const out: Record<string, StreamSource> = {};
  if (isObject(value)) {
    for (const [id, source] of Object.entries(value)) {
      if (source === 'user' || source === 'screen') {
        out[id] = source;
      }
    }
  }
  return out;
}
