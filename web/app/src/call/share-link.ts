import { el } from '../dom.js';
import { roomPath } from '../route.js';

/** How long "Copied" shows before the button reads "Copy link" again. */
const CONFIRM_MS = 2_000;

/** The room's address and a button that copies it, for inviting people. */
export class ShareLink {
  readonly element: HTMLElement;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(room: string) {
    const url = `${location.origin}${roomPath(room)}`;
    const field = el('input', {
      class: 'share-url',
      attrs: { type: 'text', readonly: '', 'aria-label': 'Link to this call', value: url },
    });
    const button = el('button', { class: 'btn small', text: 'Copy link', attrs: { type: 'button' } });
    button.addEventListener('click', () => {
      const done = (): void => {
        button.textContent = 'Copied';
        clearTimeout(this.timer);
        this.timer = setTimeout(() => (button.textContent = 'Copy link'), CONFIRM_MS);
      };
      // The clipboard API needs a secure page and focus; selecting the text is the fallback.
      if (navigator.clipboard?.writeText) {
        navigator.clipboard.writeText(url).then(done, () => selectField(field));
      } else {
        selectField(field);
      }
    });
    field.addEventListener('focus', () => field.select());
    this.element = el('div', { class: 'share' }, field, button);
  }

  dispose(): void {
    clearTimeout(this.timer);
  }
}

function selectField(field: HTMLInputElement): void {
  field.focus();
  field.select();
}
