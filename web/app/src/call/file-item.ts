import type { FileTransfer } from '@parley/sdk';
import { el } from '../dom.js';
import { describeError } from '../messages.js';

/**
 * One file transfer in the chat: name, size, a progress bar, a cancel button while it runs,
 * and a download link once an incoming file has arrived intact (the SDK checks its SHA-256).
 */
export class FileItem {
  readonly element: HTMLElement;
  private readonly bar = el('progress', { attrs: { max: '1', value: '0' } });
  private readonly status = el('span', { class: 'file-status' });
  private readonly cancel = el('button', {
    class: 'icon-button',
    text: '✕',
    attrs: { type: 'button', title: 'Cancel', 'aria-label': 'Cancel transfer' },
  });
  private url: string | null = null;

  constructor(
    private readonly transfer: FileTransfer,
    who: string,
  ) {
    this.cancel.addEventListener('click', () => transfer.cancel());
    const heading = transfer.direction === 'incoming' ? `File from ${who}` : `File to ${who}`;
    this.element = el(
      'li',
      { class: `chat-message file ${transfer.direction === 'outgoing' ? 'mine' : ''}` },
      el('div', { class: 'chat-meta' }, el('span', { class: 'chat-from', text: heading })),
      el(
        'div',
        { class: 'file-row' },
        el('span', { class: 'file-name', text: transfer.name }),
        el('span', { class: 'file-size', text: formatSize(transfer.size) }),
        this.cancel,
      ),
      this.bar,
      this.status,
    );
    this.update();
  }

  update(): void {
    const t = this.transfer;
    this.bar.value = t.size === 0 ? 1 : t.bytesTransferred / t.size;
    switch (t.state) {
      case 'active':
        this.status.textContent = `${Math.floor(this.bar.value * 100)} %`;
        break;
      case 'verifying':
        this.status.textContent = 'Checking…';
        break;
      case 'complete':
        this.finish(t.direction === 'incoming' ? 'Received' : 'Delivered');
        if (t.direction === 'incoming' && t.blob && !this.url) {
          this.url = URL.createObjectURL(t.blob);
          const link = el('a', {
            class: 'btn small primary',
            text: 'Download',
            attrs: { href: this.url, download: t.name },
          });
          this.status.replaceChildren('Received · ', link);
        }
        break;
      case 'cancelled':
        this.finish(t.cancelledBy === 'remote' ? 'Cancelled by the other side' : 'Cancelled');
        break;
      case 'failed':
        this.finish(t.error ? describeError(t.error.reason, t.error.message) : 'Failed');
        break;
    }
  }

  /** Frees the downloaded file's memory; the link stops working. */
  dispose(): void {
    if (this.url) URL.revokeObjectURL(this.url);
  }

  private finish(text: string): void {
    this.cancel.hidden = true;
    this.bar.hidden = true;
    this.status.textContent = text;
  }
}

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(1)} MiB`;
  return `${(bytes / 1024 ** 3).toFixed(2)} GiB`;
}
