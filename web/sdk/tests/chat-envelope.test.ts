import { describe, expect, it } from 'vitest';
import { decodeEnvelope, encodeEnvelope, type ChatEnvelope } from '../src/chat/envelope.js';

describe('chat channel frames', () => {
  it.each<ChatEnvelope>([
    { type: 'chat', id: 'm1', text: '<b>hi</b> & bye', sentAt: 1_700_000_000_000, private: false },
    { type: 'chat', id: 'm2', text: 'just you', sentAt: 1, private: true },
    { type: 'media', audio: false, video: true, screen: true },
  ])('round-trips %j', (envelope) => {
    expect(decodeEnvelope(encodeEnvelope(envelope))).toEqual(envelope);
  });

  it('skips unknown frame types and reports broken ones', () => {
    expect(decodeEnvelope('{"type":"reaction","emoji":"👍"}')).toBeNull();
    expect(decodeEnvelope('{"type":"chat","text":"no id"}')).toHaveProperty('problem');
    expect(decodeEnvelope('{"type":"media","audio":"yes","video":true,"screen":false}')).toHaveProperty('problem');
    expect(decodeEnvelope('not json')).toHaveProperty('problem');
  });
});
