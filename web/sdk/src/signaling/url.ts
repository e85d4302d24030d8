import { defaults } from '../defaults.js';

/**
 * Turns what an app passes as `url` into the WebSocket address of the signaling endpoint:
 * `wss://host/ws` is kept as it is; `https://host` becomes `wss://host/ws`; a relative
 * `/ws` or nothing at all resolves against the page (`base`).
 */
export function signalingUrl(url: string | undefined, base: string | undefined): string {
  const resolved = new URL(url ?? defaults.signalingPath, base);
  switch (resolved.protocol) {
    case 'http:':
      resolved.protocol = 'ws:';
      break;
    case 'https:':
      resolved.protocol = 'wss:';
      break;
    case 'ws:':
    case 'wss:':
      break;
    default:
      throw new TypeError(`a signaling URL must be ws:, wss:, http: or https:, not ${resolved.protocol}`);
  }
  if (resolved.pathname === '' || resolved.pathname === '/') {
    resolved.pathname = defaults.signalingPath;
  }
  resolved.hash = '';
  return resolved.toString();
}
