import { el } from '../dom.js';

/**
 * A bar that moves with the microphone's loudness, so people see that they will be heard
 * before they join. Reads the stream's current audio track; call stop() to free the audio graph.
 */
export class LevelMeter {
  readonly element = el('div', {
    class: 'meter',
    attrs: { role: 'meter', 'aria-label': 'Microphone level', 'aria-valuemin': '0', 'aria-valuemax': '100' },
  });
  private readonly fill = el('div', { class: 'meter-fill' });
  private context: AudioContext | null = null;
  private source: MediaStreamAudioSourceNode | null = null;
  private frame = 0;

  constructor(private readonly stream: MediaStream) {
    this.element.append(this.fill);
  }

  start(): void {
    if (typeof AudioContext === 'undefined') return;
    this.context = new AudioContext();
    // A context made without a user gesture may start suspended; the preview's capture grant
    // usually lets it run, and if not, the first click anywhere on the page will.
    void this.context.resume();
    document.addEventListener('pointerdown', () => void this.context?.resume(), { once: true });
    const analyser = this.context.createAnalyser();
    analyser.fftSize = 512;
    const samples = new Float32Array(analyser.fftSize);
    let track: MediaStreamTrack | undefined;
    const tick = (): void => {
      // The device picker may swap the track: follow it.
      const current = this.stream.getAudioTracks()[0];
      if (current !== track && this.context) {
        this.source?.disconnect();
        this.source = current ? this.context.createMediaStreamSource(new MediaStream([current])) : null;
        this.source?.connect(analyser);
        track = current;
      }
      analyser.getFloatTimeDomainData(samples);
      let sum = 0;
      for (const sample of samples) sum += sample * sample;
      // RMS on a square-root scale: speech sits mid-bar rather than hugging the left.
      const level = track?.enabled ? Math.min(1, Math.sqrt(Math.sqrt(sum / samples.length)) * 1.6) : 0;
      this.fill.style.transform = `scaleX(${level.toFixed(3)})`;
      this.element.setAttribute('aria-valuenow', String(Math.round(level * 100)));
      this.frame = requestAnimationFrame(tick);
    };
    tick();
  }

  stop(): void {
    cancelAnimationFrame(this.frame);
    this.source?.disconnect();
    void this.context?.close();
    this.context = null;
  }
}
