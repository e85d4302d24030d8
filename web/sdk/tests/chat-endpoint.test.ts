import { describe, expect, it } from 'vitest';
import { ChatEndpoint } from '../src/chat/endpoint.js';
import type { MediaState } from '../src/chat/envelope.js';
import { FakeDataChannel } from './fakes/rtc.js';

function endpoint(queueLimit: number) {
  const heard: string[] = [];
  const chat = new ChatEndpoint(
    'bob',
    {
      onChat: (frame) => heard.push(`chat ${frame.text}`),
      onMedia: (state) => heard.push(`media ${JSON.stringify(state)}`),
      onProblem: (error) => heard.push(`problem ${error.message}`),
      mediaState: (): MediaState => ({ audio: true, video: false, screen: false }),
    },
    queueLimit,
  );
  return { chat, heard };
}

const message = (text: string) => ({ type: 'chat' as const, id: text, text, sentAt: 1, private: false });
const texts = (channel: FakeDataChannel) =>
  channel.sent.map((data) => JSON.parse(data as string) as { type: string; text?: string });
const channel = () => new FakeDataChannel('chat', { negotiated: true, id: 0 });

describe('chat endpoint', () => {
  it('holds frames until a channel opens, then sends the media state and the newest frames in order', () => {
    const { chat } = endpoint(3);
    const first = channel();
    chat.attach(first);
    for (const text of ['a', 'b', 'c', 'd', 'e']) chat.sendChat(message(text));
    expect(first.sent).toHaveLength(0);
    first.open();
    expect(texts(first).map((frame) => frame.text ?? frame.type)).toEqual(['media', 'c', 'd', 'e']);
    chat.sendChat(message('f'));
    expect(texts(first).at(-1)?.text).toBe('f');
  });

  it('keeps frames sent between two connections for the next channel', () => {
    const { chat } = endpoint(10);
    const first = channel();
    chat.attach(first);
    first.open();
    chat.detach();
    chat.sendChat(message('while away'));
    const second = channel();
    chat.attach(second);
    second.open();
    expect(texts(second).map((frame) => frame.text ?? frame.type)).toEqual(['media', 'while away']);
  });

  it('ignores what a replaced channel still delivers and reports broken frames', () => {
    const { chat, heard } = endpoint(10);
    const first = channel();
    chat.attach(first);
    const second = channel();
    chat.attach(second);
    expect(first.onmessage).toBeNull();
    second.deliver(JSON.stringify(message('hello')));
    second.deliver('{"type":"media","audio":false,"video":true,"screen":true}');
    second.deliver('not json');
    second.deliver(new ArrayBuffer(4));
    expect(heard).toEqual([
      'chat hello',
      'media {"audio":false,"video":true,"screen":true}',
      'problem bad chat frame from bob: a chat frame must be a JSON object with a type',
    ]);
  });
});
