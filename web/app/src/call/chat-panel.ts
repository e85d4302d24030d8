import type { ChatMessage } from '@parley/sdk';
import { el } from '../dom.js';

/**
 * The chat: a list of messages and a box to type in. Every name and message goes in as
 * textContent, so a message that looks like HTML stays text.
 */
export class ChatPanel {
  readonly element: HTMLElement;
  private readonly list = el('ol', { class: 'chat-list', attrs: { 'aria-live': 'polite', 'aria-label': 'Messages' } });
  private readonly input = el('input', {
    attrs: {
      type: 'text',
      name: 'message',
      placeholder: 'Send a message',
      autocomplete: 'off',
      'aria-label': 'Message',
      maxlength: '4000',
    },
  });
  private readonly empty = el('li', {
    class: 'chat-empty',
    text: 'Messages are sent to everyone in the call, peer to peer.',
  });

  constructor(send: (text: string) => ChatMessage | null, sendFiles: (files: File[]) => void, close: () => void) {
    const picker = el('input', {
      attrs: { type: 'file', multiple: '', hidden: '', 'aria-label': 'Choose files to send' },
    });
    picker.addEventListener('change', () => {
      const files = [...(picker.files ?? [])];
      picker.value = ''; // the same file can be picked again
      if (files.length) sendFiles(files);
    });
    const attach = el('button', {
      class: 'btn attach',
      text: '+',
      attrs: { type: 'button', title: 'Send a file (or drop it on the call)', 'aria-label': 'Send a file' },
    });
    attach.addEventListener('click', () => picker.click());
    const form = el(
      'form',
      { class: 'chat-form' },
      picker,
      attach,
      this.input,
      el('button', { class: 'btn primary', text: 'Send', attrs: { type: 'submit' } }),
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const text = this.input.value.trim();
      if (!text) return;
      const sent = send(text);
      if (sent) {
        this.add(sent, true);
        this.input.value = '';
      }
    });
    const closeButton = el('button', {
      class: 'icon-button',
      text: '✕',
      attrs: { type: 'button', 'aria-label': 'Close chat', title: 'Close chat' },
    });
    closeButton.addEventListener('click', close);
    this.list.append(this.empty);
    this.element = el(
      'aside',
      { class: 'chat', attrs: { 'aria-label': 'Chat' } },
      el('header', { class: 'panel-header' }, el('h2', { text: 'Chat' }), closeButton),
      this.list,
      form,
    );
  }

  add(message: ChatMessage, mine: boolean, senderName?: string): void {
    const time = new Date(message.sentAt).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
    const who = mine ? 'You' : (senderName ?? message.fromName?.trim()) || 'Guest';
    const item = el(
      'li',
      { class: mine ? 'chat-message mine' : 'chat-message' },
      el(
        'div',
        { class: 'chat-meta' },
        el('span', { class: 'chat-from', text: who }),
        message.to ? el('span', { class: 'chat-private', text: 'private' }) : null,
        el('time', { text: time, attrs: { datetime: new Date(message.sentAt).toISOString() } }),
      ),
      el('p', { class: 'chat-text', text: message.text }),
    );
    this.append(item, mine);
  }

  /** Adds an entry (a message, a file) at the end of the conversation. */
  append(item: HTMLElement, mine: boolean): void {
    this.empty.remove();
    // Keep following the conversation unless the reader scrolled up to read older messages.
    const atBottom = this.list.scrollHeight - this.list.scrollTop - this.list.clientHeight < 40;
    this.list.append(item);
    if (atBottom || mine) this.list.scrollTop = this.list.scrollHeight;
  }

  focus(): void {
    this.input.focus();
  }
}
