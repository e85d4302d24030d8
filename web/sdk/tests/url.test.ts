import { describe, expect, it } from 'vitest';
import { signalingUrl } from '../src/signaling/url.js';

describe('signaling URL', () => {
  it.each([
    [undefined, 'https://call.example.org/r/standup', 'wss://call.example.org/ws'],
    [undefined, 'http://localhost:8080/', 'ws://localhost:8080/ws'],
    ['/ws', 'https://call.example.org/r/x', 'wss://call.example.org/ws'],
    ['https://other.example.org', undefined, 'wss://other.example.org/ws'],
    ['http://10.0.0.2:8080', undefined, 'ws://10.0.0.2:8080/ws'],
    ['wss://call.example.org/custom/ws', undefined, 'wss://call.example.org/custom/ws'],
    ['ws://localhost:9000/ws#frag', undefined, 'ws://localhost:9000/ws'],
  ])('%s on %s → %s', (url, base, expected) => {
    expect(signalingUrl(url, base)).toBe(expected);
  });

  it('refuses other schemes and unresolvable input', () => {
    expect(() => signalingUrl('ftp://x/ws', undefined)).toThrow(TypeError);
    expect(() => signalingUrl('/ws', undefined)).toThrow(TypeError);
  });
});
