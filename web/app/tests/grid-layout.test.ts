import { describe, expect, it } from 'vitest';
import { columnsFor, renderSize, tileOrder } from '../src/call/grid-layout.js';

describe('grid layout', () => {
  it('puts one tile alone and two side by side in a landscape window', () => {
    expect(columnsFor(1, 1280, 720)).toBe(1);
    expect(columnsFor(2, 1280, 720)).toBe(2);
    expect(columnsFor(4, 1280, 720)).toBe(2);
  });

  it('fits 25 tiles on one landscape screen, each still a legible size', () => {
    const cols = columnsFor(25, 1280, 720);
    expect(cols).toBeGreaterThanOrEqual(5);
    expect(cols).toBeLessThanOrEqual(6);
    const rows = Math.ceil(25 / cols);
    const tileWidth = Math.min((1280 - 10 * (cols - 1)) / cols, ((720 - 10 * (rows - 1)) / rows) * (16 / 9));
    expect(tileWidth).toBeGreaterThan(200);
  });

  it('stacks tiles in fewer columns on a tall phone', () => {
    expect(columnsFor(2, 390, 700)).toBe(1);
    expect(columnsFor(25, 390, 700)).toBeLessThanOrEqual(4);
  });

  it('shows screens first, then the active speaker, then the others as they came, us last', () => {
    const tiles = [
      { key: 'self', peerId: null, kind: 'self' as const },
      { key: 'bob', peerId: 'bob', kind: 'camera' as const },
      { key: 'cy', peerId: 'cy', kind: 'camera' as const },
      { key: 'dee', peerId: 'dee', kind: 'camera' as const },
      { key: 'bob/screen/s1', peerId: 'bob', kind: 'screen' as const },
    ];
    expect(tileOrder(tiles, null)).toEqual(['bob/screen/s1', 'bob', 'cy', 'dee', 'self']);
    expect(tileOrder(tiles, 'dee')).toEqual(['bob/screen/s1', 'dee', 'bob', 'cy', 'self']);
    expect(tileOrder(tiles, 'self')).toEqual(['bob/screen/s1', 'self', 'bob', 'cy', 'dee']);
  });

  it('reports render sizes in device pixels, 0x0 when not shown', () => {
    expect(renderSize(320, 180, 2, true)).toEqual({ width: 640, height: 360 });
    expect(renderSize(320.3, 180.2, 1, true)).toEqual({ width: 320, height: 180 });
    expect(renderSize(320, 180, 2, false)).toEqual({ width: 0, height: 0 });
    expect(renderSize(0, 0, 2, true)).toEqual({ width: 0, height: 0 });
  });
});
