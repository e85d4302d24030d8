import type { DeviceKind } from '@parley/sdk';
import { el } from '../dom.js';
import { deviceOptions, selectedDevice } from './device-options.js';

/** Where the pickers read the device in use and send a choice. */
export interface DeviceTarget {
  /** The deviceId of the track in use for that kind, if there is one. */
  inUse(kind: DeviceKind): string | undefined;
  /** Switches to the device; rejects if it cannot be had (the picker then shows the old one). */
  use(kind: DeviceKind, deviceId: string): Promise<void>;
}

const KINDS: readonly { kind: DeviceKind; noun: string }[] = [
  { kind: 'videoinput', noun: 'Camera' },
  { kind: 'audioinput', noun: 'Microphone' },
];

/**
 * Camera and microphone pickers, on the pre-join screen and in the call. A kind gets a picker
 * only when there is more than one device to choose from.
 */
export class DevicePickers {
  readonly element = el('div', { class: 'devices' });
  private readonly lastPicked = new Map<DeviceKind, string>();

  constructor(
    private readonly target: DeviceTarget,
    private readonly onError: (error: unknown) => void = () => {},
  ) {}

  /** (Re)builds the pickers from the devices present now. */
  async load(): Promise<void> {
    // Labels are only given once the page has capture permission.
    const devices = await navigator.mediaDevices.enumerateDevices();
    this.element.replaceChildren();
    for (const { kind, noun } of KINDS) this.addPicker(kind, noun, devices);
  }

  private addPicker(kind: DeviceKind, noun: string, devices: MediaDeviceInfo[]): void {
    const options = deviceOptions(devices, kind, noun);
    if (options.length < 2) return;
    const chosen = selectedDevice(options, this.target.inUse(kind), this.lastPicked.get(kind));
    const select = el('select', { attrs: { 'aria-label': noun, name: kind } });
    for (const option of options) {
      const item = el('option', { text: option.label, attrs: { value: option.deviceId } });
      item.selected = option.deviceId === chosen;
      select.append(item);
    }
    select.addEventListener('change', () => {
      const previous = chosen;
      this.target.use(kind, select.value).then(
        () => this.lastPicked.set(kind, select.value),
        (error: unknown) => {
          // The device vanished or is busy: show the one still in use.
          select.value = this.target.inUse(kind) ?? previous ?? '';
          this.onError(error);
        },
      );
    });
    this.element.append(el('label', { class: 'device' }, el('span', { text: noun }), select));
  }
}
