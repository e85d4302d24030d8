// The figures a benchmark reports: medians, summaries, rounding.

export type Timeline = Record<string, number>;

/** Per key (a step, a candidate type), the median over the calls in which it happened, in the order of those medians. */
export function medianPerKey(timelines: Timeline[]): Timeline {
  const steps = new Set(timelines.flatMap((timeline) => Object.keys(timeline)));
  const medians = [...steps].map((step) => [step, round(median(timelines.flatMap((t) => t[step] ?? [])), 1)] as const);
  return Object.fromEntries(medians.sort((a, b) => a[1] - b[1]));
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}

export function summary(values: number[]): Record<string, number | number[]> {
  const rounded = values.map((value) => round(value, 1));
  return { median: median(rounded), min: Math.min(...rounded), max: Math.max(...rounded), all: rounded };
}

export function round(value: number, digits: number): number {
  return Number(value.toFixed(digits));
}
