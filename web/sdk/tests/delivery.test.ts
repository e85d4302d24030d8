import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defaults } from '../src/defaults.js';
import type { RelayedSignalMessage, SignalMessage } from '../src/protocol/messages.js';
import { SignalDelivery } from '../src/signaling/delivery.js';

describe('exactly-once delivery', () => {
  let controls: SignalMessage[];
  let resent: SignalMessage[][];
  let lost: number[];
  let delivery: SignalDelivery;

  const from = (seq: number | undefined, extra: Partial<RelayedSignalMessage> = {}): RelayedSignalMessage => ({
    type: 'signal',
    from: 'bob',
    data: { seq: seq ?? null },
    ...(seq === undefined ? {} : { seq }),
    ...extra,
  });
  const send = (n: number): SignalMessage => delivery.stamp({ type: 'signal', to: 'bob', data: { n } });

  beforeEach(() => {
    vi.useFakeTimers();
    controls = [];
    resent = [];
    lost = [];
    delivery = new SignalDelivery(
      {
        control: (signal) => controls.push(signal),
        resend: (signals) => resent.push([...signals]),
        lost: (_from, count) => lost.push(count),
        roomToSend: () => {},
      },
      () => Date.now(),
    );
  });

  afterEach(() => {
    delivery.reset();
    vi.useRealTimers();
  });

  it('numbers signals per peer and carries the ack of what arrived from it', () => {
    expect(send(1)).toEqual({ type: 'signal', to: 'bob', data: { n: 1 }, seq: 1 });
    expect(delivery.incoming(from(1))).toBe(true);
    expect(send(2)).toEqual({ type: 'signal', to: 'bob', data: { n: 2 }, seq: 2, ack: 1 });
    expect(delivery.stamp({ type: 'signal', to: 'cy', data: {} }).seq).toBe(1);
  });

  it('delivers each seq once and in order, asking for a resend on a gap', () => {
    expect([1, 1, 3, 2, 3].map((seq) => delivery.incoming(from(seq)))).toEqual([true, false, false, true, true]);
    expect(controls).toEqual([{ type: 'signal', to: 'bob', data: {}, resend: 1 }]);
  });

  it('acknowledges after ackEvery signals, or ackDelayMs after the first', () => {
    for (let seq = 1; seq <= defaults.ackEvery; seq++) delivery.incoming(from(seq));
    expect(controls).toEqual([{ type: 'signal', to: 'bob', data: {}, ack: defaults.ackEvery }]);
    delivery.incoming(from(defaults.ackEvery + 1));
    vi.advanceTimersByTime(defaults.ackDelayMs);
    expect(controls.at(-1)).toEqual({ type: 'signal', to: 'bob', data: {}, ack: defaults.ackEvery + 1 });
  });

  it('resends what is not acknowledged when asked, and after resuming', () => {
    send(1);
    send(2);
    send(3);
    expect(delivery.incoming(from(undefined, { ack: 1 }))).toBe(false); // control only
    expect(delivery.incoming(from(undefined, { resend: 2 }))).toBe(false);
    expect(resent).toEqual([[{ type: 'signal', to: 'bob', data: { n: 3 }, seq: 3 }]]);
    delivery.resumed();
    expect(resent).toHaveLength(2);
    expect(controls).toEqual([{ type: 'signal', to: 'bob', data: {}, resend: 0 }]);
  });

  it('passes on signals from an SDK that does not number them', () => {
    expect(delivery.incoming(from(undefined))).toBe(true);
    expect(delivery.incoming(from(undefined))).toBe(true);
  });

  it('holds signals past unackedSignalLimit to a peer that acknowledges, until it does', () => {
    delivery.incoming(from(undefined, { ack: 0 }));
    for (let n = 1; n <= defaults.unackedSignalLimit; n++) send(n);
    expect(delivery.hasRoom('bob')).toBe(false);
    expect(delivery.hasRoom('cy')).toBe(true);
    delivery.incoming(from(undefined, { ack: 1 }));
    expect(delivery.hasRoom('bob')).toBe(true);
  });

  it('keeps at most unackedSignalLimit for a peer that never acknowledges (an older SDK)', () => {
    for (let n = 1; n <= defaults.unackedSignalLimit + 10; n++) send(n);
    expect(delivery.hasRoom('bob')).toBe(true);
    delivery.incoming(from(undefined, { resend: 0 }));
    expect(resent[0]).toHaveLength(defaults.unackedSignalLimit);
    expect(resent[0]?.[0]?.seq).toBe(11);
  });

  it('gives a gap up after gapGiveUpMs, reporting what was lost', () => {
    delivery.incoming(from(1));
    expect(delivery.incoming(from(5))).toBe(false);
    vi.advanceTimersByTime(defaults.gapGiveUpMs);
    expect(delivery.incoming(from(6))).toBe(true);
    expect(lost).toEqual([4]);
    expect(delivery.incoming(from(5))).toBe(false);
  });

  it('starts the gap clock at the gap, not at a resume long before it', () => {
    delivery.incoming(from(1));
    delivery.resumed();
    vi.advanceTimersByTime(defaults.gapGiveUpMs);
    expect(delivery.incoming(from(3))).toBe(false);
    expect(lost).toEqual([]);
  });
});
