import { el } from '../dom.js';
import { icon, type IconName } from '../icons.js';

/** A round call-control button; when off, CSS strikes its icon through. */
export function controlButton(name: IconName, label: string): HTMLButtonElement {
  return el(
    'button',
    { class: 'round', attrs: { type: 'button', 'data-control': name, title: label, 'aria-label': label } },
    el('span', { class: 'icon-wrap' }, icon(name)),
  );
}

/** `available` false: the device is missing, so the control is shown off and disabled. */
export function setControl(
  button: HTMLButtonElement,
  on: boolean,
  available: boolean,
  onTitle: string,
  offTitle: string,
): void {
  const active = on && available;
  button.disabled = !available;
  button.classList.toggle('off', !active);
  button.setAttribute('aria-pressed', String(active));
  const title = available ? (active ? onTitle : offTitle) : 'Not available';
  button.title = title;
  button.setAttribute('aria-label', title);
}
