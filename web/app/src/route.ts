/** The app's two pages: `/` and `/r/<room>`. */
export type Route = { readonly page: 'landing' } | { readonly page: 'room'; readonly room: string };

/** The protocol's room names (docs/protocol.md): 1–64 of A-Z a-z 0-9 . _ ~ - */
const ROOM_NAME = /^[A-Za-z0-9._~-]{1,64}$/;

export function isRoomName(name: string): boolean {
  return ROOM_NAME.test(name);
}

export function parseRoute(pathname: string): Route {
  const match = /^\/r\/([^/]+)\/?$/.exec(pathname);
  if (match?.[1] !== undefined) {
    let room: string;
    try {
      room = decodeURIComponent(match[1]);
    } catch {
      return { page: 'landing' };
    }
    if (isRoomName(room)) return { page: 'room', room };
  }
  return { page: 'landing' };
}

export function roomPath(room: string): string {
  return `/r/${encodeURIComponent(room)}`;
}

/**
 * Turns what a person types ("Team Standup", or a pasted link) into a room name: a link
 * yields its room; spaces become dashes; characters the protocol refuses are dropped.
 */
export function normalizeRoomInput(input: string): string {
  const trimmed = input.trim();
  const fromLink = /\/r\/([^/?#\s]+)/.exec(trimmed);
  const raw = fromLink?.[1] ?? trimmed;
  return raw
    .replace(/\s+/g, '-')
    .replace(/[^A-Za-z0-9._~-]/g, '')
    .slice(0, 64);
}
