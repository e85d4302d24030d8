/// <reference types="node" />
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The SDK's folders import only the folders docs/architecture.md lets them (each floor uses
 * floors below it), so there are no circles. A new folder or arrow goes here and on that page.
 * Top-level files count as folders of their own name; `index` is the package entry.
 */
const allowed: Record<string, readonly string[]> = {
  util: [],
  defaults: [],
  emitter: [],
  stats: [],
  protocol: ['util'],
  errors: ['protocol', 'util'],
  chat: ['errors', 'util'],
  files: ['emitter', 'errors', 'util'],
  media: ['chat', 'emitter', 'errors'],
  signaling: ['defaults', 'emitter', 'errors', 'protocol', 'util'],
  peer: ['chat', 'defaults', 'emitter', 'errors', 'files', 'media', 'protocol', 'stats', 'util'],
  sfu: ['defaults', 'emitter', 'errors', 'files', 'media', 'peer', 'protocol', 'signaling', 'util'],
  room: [
    'chat',
    'defaults',
    'emitter',
    'errors',
    'files',
    'media',
    'peer',
    'protocol',
    'sfu',
    'signaling',
    'stats',
    'util',
  ],
  index: ['chat', 'defaults', 'emitter', 'errors', 'files', 'media', 'peer', 'protocol', 'room', 'signaling', 'stats'],
};

const src = join(dirname(fileURLToPath(import.meta.url)), '..', 'src');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** `peer/negotiator.ts` is in `peer`; `errors.ts` is `errors`. */
function layer(path: string): string {
  const [first, ...rest] = relative(src, path).split(/[\\/]/);
  return rest.length > 0 ? (first as string) : (first as string).replace(/\.ts$/, '');
}

describe('SDK layers', () => {
  it('every import goes down the layers', () => {
    const wrong: string[] = [];
    for (const file of files(src)) {
      const from = layer(file);
      expect(Object.keys(allowed), `${relative(src, file)} has a place in the layers`).toContain(from);
      for (const [, target] of readFileSync(file, 'utf8').matchAll(/from '(\.[^']+)'/g)) {
        const to = layer(join(dirname(file), target as string).replace(/\.js$/, '.ts'));
        if (to !== from && !(allowed[from] ?? []).includes(to)) wrong.push(`${relative(src, file)} imports ${target}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
