import { isObject, parseJson } from '../util/json.js';

/** What a peer says it is sending: shown as mute / camera-off / sharing indicators. */
export interface MediaState {
  readonly audio: boolean;
  readonly video: boolean;
  readonly screen: boolean;
}

/**
 * Text frames on the "chat" data channel, one JSON object each:
 *
 *     {"type": "chat", "id": "…", "text": "hello", "sentAt": 1700000000000, "private": false}
 *     {"type": "media", "audio": true, "video": false, "screen": false}
 *
 * Unknown types are ignored, so later versions can add frames.
 */
export type ChatEnvelope =
  | {
      readonly type: 'chat';
      readonly id: string;
      readonly text: string;
      readonly sentAt: number;
      readonly private: boolean;
    }
  | ({ readonly type: 'media' } & MediaState);

export function encodeEnvelope(envelope: ChatEnvelope): string {
  return JSON.stringify(envelope);
}

/** Returns the envelope, `null` for a frame of an unknown type, or a problem for a bad one. */
export function decodeEnvelope(text: string): ChatEnvelope | null | { readonly problem: string } {
  const value = parseJson(text);
  if (!isObject(value) || typeof value['type'] !== 'string') {
    return { problem: 'a chat frame must be a JSON object with a type' };
  }
  switch (value['type']) {
    case 'chat': {
      const { id, text: body, sentAt } = value;
      if (typeof id !== 'string' || typeof body !== 'string' || typeof sentAt !== 'number') {
        return { problem: 'a chat message needs id, text and sentAt' };
      }
      return { type: 'chat', id, text: body, sentAt, private: value['private'] === true };
    }
    case 'media': {
      const { audio, video, screen } = value;
      if (typeof audio !== 'boolean' || typeof video !== 'boolean' || typeof screen !== 'boolean') {
        return { problem: 'a media frame needs audio, video and screen flags' };
      }
      return { type: 'media', audio, video, screen };
    }
    default:
      return null;
  }
}
