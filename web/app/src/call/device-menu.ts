import type { Room } from '@parley/sdk';
import { DevicePickers } from '../devices/device-pickers.js';
import { el } from '../dom.js';
import { controlButton } from './controls.js';

/**
 * The in-call device switcher: a control button that opens camera and microphone pickers.
 * A choice goes to `room.switchDevice`, which replaces the track on every peer connection
 * without renegotiating. The list is read afresh on each opening and when devices change.
 */
export class DeviceMenu {
  readonly element: HTMLElement;
  private readonly button = controlButton('devices', 'Camera and microphone');
  private readonly pickers: DevicePickers;
  private readonly panel: HTMLElement;

  constructor(room: Room, onError: (error: unknown) => void) {
    this.pickers = new DevicePickers(
      {
        inUse: (kind) =>
          (kind === 'videoinput' ? room.localMedia.camera : room.localMedia.microphone)?.getSettings().deviceId,
        use: (kind, deviceId) => room.switchDevice(kind, deviceId),
      },
      onError,
    );
    const empty = el('p', { class: 'device-empty', text: 'No other camera or microphone found.' });
    this.panel = el(
      'div',
      { class: 'device-menu', attrs: { role: 'dialog', 'aria-label': 'Camera and microphone' } },
      this.pickers.element,
      empty,
    );
    this.panel.hidden = true;
    this.button.setAttribute('aria-expanded', 'false');
    this.button.addEventListener('click', () => this.setOpen(this.panel.hidden));
    this.panel.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') {
        this.setOpen(false);
        this.button.focus();
      }
    });
    this.element = el('div', { class: 'device-control' }, this.button, this.panel);
    navigator.mediaDevices?.addEventListener('devicechange', this.onDeviceChange);
  }

  dispose(): void {
    navigator.mediaDevices?.removeEventListener('devicechange', this.onDeviceChange);
  }

  private setOpen(open: boolean): void {
    this.panel.hidden = !open;
    this.button.setAttribute('aria-expanded', String(open));
    if (open) void this.reload();
  }

  private readonly onDeviceChange = (): void => void this.reload();

  private readonly reload = async (): Promise<void> => {
    if (this.panel.hidden) return;
    await this.pickers.load().catch(() => {}); // no list: the devices in use stay
  };
}
