/**
 * Sparkline geometry, kept apart from the DOM so it can be tested: a series of samples (null
 * where a sample was missing) becomes an SVG path in a width × height box, newest at the right.
 */

/** A bounded series of samples, oldest first; pushing past the capacity drops the oldest. */
export class Series {
  private readonly values: (number | null)[] = [];

  constructor(readonly capacity: number) {}

  push(value: number | null): void {
    this.values.push(value);
    if (this.values.length > this.capacity) this.values.shift();
  }

  get samples(): readonly (number | null)[] {
    return this.values;
  }

  /** The newest sample, or null if the last one was missing (or there is none). */
  get latest(): number | null {
    return this.values[this.values.length - 1] ?? null;
  }

  /** The largest sample, or 0 when there is none. */
  get max(): number {
    return this.values.reduce<number>((max, v) => (v !== null && v > max ? v : max), 0);
  }
}

/**
 * The path of `samples` drawn so that `capacity` samples span the width (a short series hugs
 * the right edge, as a live graph fills up) and `scale` maps to the top. A missing sample
 * breaks the line. Empty string when there is nothing to draw.
 */
export function sparklinePath(
  samples: readonly (number | null)[],
  capacity: number,
  scale: number,
  width: number,
  height: number,
): string {
  const step = capacity > 1 ? width / (capacity - 1) : 0;
  const offset = capacity - samples.length;
  const parts: string[] = [];
  let drawing = false;
  samples.forEach((value, i) => {
    if (value === null) {
      drawing = false;
      return;
    }
    const x = (offset + i) * step;
    const ratio = scale > 0 ? Math.min(Math.max(value / scale, 0), 1) : 0;
    const y = height - ratio * height;
    parts.push(`${drawing ? 'L' : 'M'}${round(x)} ${round(y)}`);
    drawing = true;
  });
  return parts.join(' ');
}

/**
 * A scale a little above `max` that reads well on an axis: 1, 2 or 5 times a power of ten
 * (so a graph of 730 kbit/s tops out at 1 Mbit/s). `floor` keeps a quiet series from
 * looking dramatic.
 */
export function niceScale(max: number, floor: number): number {
  const target = Math.max(max, floor);
  const power = 10 ** Math.floor(Math.log10(target));
  for (const step of [1, 2, 5, 10]) {
    if (step * power >= target) return step * power;
  }
  return 10 * power;
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}
