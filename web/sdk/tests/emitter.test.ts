import { describe, expect, it } from 'vitest';
import { Emitter } from '../src/emitter.js';

interface Events {
  ping: { n: number };
  other: string;
}

describe('typed event emitter', () => {
  it('calls every listener, in the order added', () => {
    const emitter = new Emitter<Events>();
    const calls: string[] = [];
    emitter.on('ping', ({ n }) => calls.push(`a${n}`));
    emitter.on('ping', ({ n }) => calls.push(`b${n}`));
    emitter.on('other', (s) => calls.push(s));
    emitter.emit('ping', { n: 1 });
    emitter.emit('other', 'x');
    expect(calls).toEqual(['a1', 'b1', 'x']);
  });

  it('removes listeners with off or the returned function', () => {
    const emitter = new Emitter<Events>();
    const calls: number[] = [];
    const one = ({ n }: { n: number }): void => void calls.push(n);
    const unsubscribe = emitter.on('ping', ({ n }) => calls.push(n * 10));
    emitter.on('ping', one);
    emitter.off('ping', one);
    unsubscribe();
    emitter.emit('ping', { n: 1 });
    expect(calls).toEqual([]);
    expect(emitter.listenerCount('ping')).toBe(0);
  });

  it('calls a once-listener once', () => {
    const emitter = new Emitter<Events>();
    let count = 0;
    emitter.once('ping', () => count++);
    emitter.emit('ping', { n: 1 });
    emitter.emit('ping', { n: 2 });
    expect(count).toBe(1);
  });

  it('keeps going when a listener throws, and reports the error', () => {
    const reported: unknown[] = [];
    const emitter = new Emitter<Events>((e) => reported.push(e));
    const calls: number[] = [];
    emitter.on('ping', () => {
      throw new Error('app bug');
    });
    emitter.on('ping', ({ n }) => calls.push(n));
    emitter.emit('ping', { n: 3 });
    expect(calls).toEqual([3]);
    expect(reported).toHaveLength(1);
  });

  it('lets a listener remove another during an emit without skipping it this time', () => {
    const emitter = new Emitter<Events>();
    const calls: string[] = [];
    const second = (): void => void calls.push('second');
    emitter.on('ping', () => {
      calls.push('first');
      emitter.off('ping', second);
    });
    emitter.on('ping', second);
    emitter.emit('ping', { n: 0 });
    emitter.emit('ping', { n: 0 });
    expect(calls).toEqual(['first', 'second', 'first']);
  });
});
