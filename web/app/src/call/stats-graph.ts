import type { PeerStats } from '@parley/sdk';
import { el } from '../dom.js';
import { formatRate } from '../quality.js';
import { niceScale, Series, sparklinePath } from './sparkline.js';

/** One minute of history at the SDK's one sample per second. */
const SAMPLES = 60;
const WIDTH = 120;
const HEIGHT = 28;
const SVG = 'http://www.w3.org/2000/svg';

/**
 * The live graph behind a peer's quality dot: bitrate in and out, and round-trip time, over
 * the last minute, drawn as SVG sparklines from the SDK's `stats` events.
 */
export class StatsGraph {
  readonly element: HTMLElement;
  private readonly bitrateIn = new Series(SAMPLES);
  private readonly bitrateOut = new Series(SAMPLES);
  private readonly rtt = new Series(SAMPLES);
  private readonly bitrateChart = new Chart(['in', 'out']);
  private readonly rttChart = new Chart(['rtt']);

  constructor() {
    this.element = el(
      'div',
      { class: 'stats-panel', attrs: { role: 'group', 'aria-label': 'Connection graph' } },
      this.bitrateChart.row('Bitrate'),
      this.rttChart.row('Round trip'),
    );
  }

  push(stats: PeerStats): void {
    this.bitrateIn.push(stats.bitrateIn);
    this.bitrateOut.push(stats.bitrateOut);
    this.rtt.push(stats.roundTripTimeMs);
    const rateScale = niceScale(Math.max(this.bitrateIn.max, this.bitrateOut.max), 100_000);
    this.bitrateChart.draw(
      [this.bitrateIn, this.bitrateOut],
      rateScale,
      `↓ ${rate(this.bitrateIn.latest)}  ↑ ${rate(this.bitrateOut.latest)}`,
      `scale ${formatRate(rateScale)}`,
    );
    const rttScale = niceScale(this.rtt.max, 50);
    const latest = this.rtt.latest;
    this.rttChart.draw(
      [this.rtt],
      rttScale,
      latest === null ? '–' : `${Math.round(latest)} ms`,
      `scale ${rttScale} ms`,
    );
  }
}

function rate(bits: number | null): string {
  return bits === null ? '–' : formatRate(bits);
}

/** One labelled sparkline box with a line per series (CSS colours them by class). */
class Chart {
  private readonly value = el('span', { class: 'stats-value' });
  private readonly svg = document.createElementNS(SVG, 'svg');
  private readonly lines: SVGPathElement[];

  constructor(names: readonly string[]) {
    this.svg.setAttribute('viewBox', `0 0 ${WIDTH} ${HEIGHT}`);
    // Stretched to the panel's width by CSS; the strokes keep their width (non-scaling).
    this.svg.setAttribute('preserveAspectRatio', 'none');
    this.svg.setAttribute('class', 'sparkline');
    this.lines = names.map((name) => {
      const path = document.createElementNS(SVG, 'path');
      path.setAttribute('class', `line-${name}`);
      path.setAttribute('fill', 'none');
      // One unit of margin top and bottom, so a line at zero or at the top stays visible.
      path.setAttribute('transform', 'translate(0 1)');
      this.svg.append(path);
      return path;
    });
  }

  row(title: string): HTMLElement {
    return el(
      'div',
      { class: 'stats-row' },
      el('div', { class: 'stats-label' }, el('span', { text: title }), this.value),
      this.svg,
    );
  }

  draw(series: readonly Series[], scale: number, value: string, scaleText: string): void {
    series.forEach((s, i) =>
      this.lines[i]?.setAttribute('d', sparklinePath(s.samples, s.capacity, scale, WIDTH, HEIGHT - 2)),
    );
    this.value.textContent = value;
    this.svg.setAttribute('aria-label', scaleText);
  }
}
