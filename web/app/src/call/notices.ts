import { el } from '../dom.js';

/** How long a passing notice ("Ada joined") stays: long enough to read, short enough not to pile up. */
const NOTICE_MS = 5_000;

/** Toasts for passing events, and one sticky banner for "the connection is being restored". */
export class Notices {
  readonly element = el('div', { class: 'notices', attrs: { 'aria-live': 'polite' } });
  private readonly banner = el('div', { class: 'banner', attrs: { role: 'status' } });
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  /** Problems that last until their cause goes away, by what they are about. */
  private readonly problems = new Map<string, HTMLElement>();

  constructor() {
    this.banner.hidden = true;
    this.element.append(this.banner);
  }

  show(text: string, kind: 'info' | 'warning' | 'error' = 'info', sticky = false): void {
    const toast = el('div', { class: `toast ${kind}`, text });
    if (sticky) {
      const close = el('button', {
        class: 'icon-button',
        text: '✕',
        attrs: { type: 'button', 'aria-label': 'Dismiss' },
      });
      close.addEventListener('click', () => toast.remove());
      toast.append(close);
    } else {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        toast.remove();
      }, NOTICE_MS);
      this.timers.add(timer);
    }
    this.element.append(toast);
  }

  /**
   * Shows, replaces or (with null) removes the lasting problem notice about `subject`; `kind`
   * names it for tests and styles (`data-notice`).
   */
  setProblem(subject: string, kind: string, text: string | null): void {
    this.problems.get(subject)?.remove();
    this.problems.delete(subject);
    if (text === null) return;
    const alert = el('div', { class: 'toast error', text, attrs: { role: 'alert', 'data-notice': kind } });
    this.problems.set(subject, alert);
    this.element.append(alert);
  }

  setBanner(text: string | null): void {
    this.banner.hidden = text === null;
    this.banner.textContent = text ?? '';
  }

  dispose(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }
}
