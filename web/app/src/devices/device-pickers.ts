import { el } from '../dom.js';

/**
 * Camera and microphone pickers for the pre-join screen. Choosing a device swaps the track
 * inside the preview stream (same MediaStream object), so the preview and the stream handed
 * to the call stay one and the same. Shown only when there is more than one to choose from.
 */
export class DevicePickers {
  readonly element = el('div', { class: 'devices' });

  constructor(private readonly stream: MediaStream, private readonly onChange: () => void) {}

  async load(): Promise<void> {
    // Labels are only given once the page has capture permission, which the preview obtained.
    const devices = await navigator.mediaDevices.enumerateDevices();
    this.element.replaceChildren();
    this.addPicker('videoinput', 'Camera', devices);
    this.addPicker('audioinput', 'Microphone', devices);
  }

  private addPicker(kind: 'videoinput' | 'audioinput', label: string, devices: MediaDeviceInfo[]): void {
    const options = devices.filter((d) => d.kind === kind && d.deviceId);
    const current = this.track(kind)?.getSettings().deviceId;
    if (options.length < 2 || !this.track(kind)) return;
    const select = el('select', { attrs: { 'aria-label': label, name: kind } });
    options.forEach((device, index) => {
      const option = el('option', { text: device.label || `${label} ${index + 1}`, attrs: { value: device.deviceId } });
      option.selected = device.deviceId === current;
      select.append(option);
    });
    select.addEventListener('change', () => void this.use(kind, select));
    this.element.append(el('label', { class: 'device' }, el('span', { text: label }), select));
  }

  private track(kind: 'videoinput' | 'audioinput'): MediaStreamTrack | undefined {
    return kind === 'videoinput' ? this.stream.getVideoTracks()[0] : this.stream.getAudioTracks()[0];
  }

  private async use(kind: 'videoinput' | 'audioinput', select: HTMLSelectElement): Promise<void> {
    const old = this.track(kind);
    const constraint = { deviceId: { exact: select.value } };
    try {
      const fresh = await navigator.mediaDevices.getUserMedia(kind === 'videoinput' ? { video: constraint } : { audio: constraint });
      const track = fresh.getTracks()[0];
      if (!track) return;
      if (old) {
        track.enabled = old.enabled; // keep the mute / camera-off choice
        this.stream.removeTrack(old);
        old.stop();
      }
      this.stream.addTrack(track);
      this.onChange();
    } catch {
      // The device vanished or is busy: go back to showing the one still in use.
      select.value = old?.getSettings().deviceId ?? '';
    }
  }
}
