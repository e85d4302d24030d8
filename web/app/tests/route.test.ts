import { describe, expect, it } from 'vitest';
import { isRoomName, normalizeRoomInput, parseRoute, roomPath } from '../src/route.js';
import { randomRoomName } from '../src/room-names.js';
import { describeError } from '../src/messages.js';

describe('routes', () => {
  it.each([
    ['/', { page: 'landing' }],
    ['/r/standup', { page: 'room', room: 'standup' }],
    ['/r/a.b_c~d-1/', { page: 'room', room: 'a.b_c~d-1' }],
    ['/r/bad%20name', { page: 'landing' }],
    ['/r/%E0%A4%A', { page: 'landing' }],
    ['/r/a/b', { page: 'landing' }],
    ['/elsewhere', { page: 'landing' }],
  ])('%s', (path, route) => {
    expect(parseRoute(path)).toEqual(route);
  });

  it('round-trips a room path', () => {
    expect(parseRoute(roomPath('brave-otter-42'))).toEqual({ page: 'room', room: 'brave-otter-42' });
  });
});

describe('room names', () => {
  it('are valid protocol names, whatever the random source says', () => {
    for (const value of [0, 0.5, 0.999999]) {
      const name = randomRoomName(() => value);
      expect(isRoomName(name)).toBe(true);
      expect(name).toMatch(/^[a-z]+-[a-z]+-\d{2,3}$/);
    }
  });

  it.each([
    ['Team Standup', 'Team-Standup'],
    ['  weekly  ', 'weekly'],
    ['https://parley.example/r/brave-otter-42', 'brave-otter-42'],
    ['<script>', 'script'],
  ])('normalizes %j', (input, room) => {
    expect(normalizeRoomInput(input)).toBe(room);
  });
});

describe('error messages', () => {
  it('speak to people, not in codes', () => {
    expect(describeError('room-full', 'x')).toContain('full');
    expect(describeError('media-denied', 'x')).toContain('they cannot see or hear you');
  });
});
