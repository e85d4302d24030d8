// One person in a call through the web app, whichever browser they use: Playwright's Chromium
// or puppeteer's Firefox. What they do goes through that browser's own input (typing, the
// file picker); what they see is read in the page, the same way in both.
import type { Page } from '@playwright/test';
import type { InPage } from './app';
import { expect } from './fixtures';

export interface Person {
  readonly name: string;
  readonly browser: 'Chromium' | 'Firefox';
  readonly page: InPage;
  /** Types a chat message and presses Enter. */
  say(text: string): Promise<void>;
  /** Picks a file with the chat's file picker, which sends it to everyone. */
  sendFile(file: string): Promise<void>;
  /** Closes the person's browser context: the tab goes, and the app leaves the call. */
  close(): Promise<void>;
}

/** A person on a Playwright (Chromium) page that has joined the call. */
export function chromiumPerson(page: Page, name: string): Person {
  return {
    name,
    browser: 'Chromium',
    page,
    async say(text) {
      const box = page.getByRole('textbox', { name: 'Message' });
      await box.fill(text);
      await box.press('Enter');
    },
    async sendFile(file) {
      await page.locator('input[type="file"]').setInputFiles(file);
    },
    close: () => page.context().close(),
  };
}

/** Chat lines the page shows, files left out: who sent each and its text. */
export function chatLines(page: InPage): Promise<{ from: string; text: string }[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll('.chat-message:not(.file)')).map((item) => ({
      from: item.querySelector('.chat-from')?.textContent ?? '',
      text: item.querySelector('.chat-text')?.textContent ?? '',
    })),
  );
}

/** `from`'s message shows on `to`'s screen, from them. */
export async function expectMessage(to: Person, from: Person, text: string): Promise<void> {
  await expect
    .poll(() => chatLines(to.page), { message: `${from.name} (${from.browser}) to ${to.name} (${to.browser})` })
    .toContainEqual({ from: from.name, text });
}

/** What a received file's download link holds: its size and SHA-256 (null until the link shows). */
export function downloaded(page: InPage, name: string): Promise<{ size: number; sha256: string } | null> {
  return page.evaluate(async (fileName) => {
    const link = Array.from(document.querySelectorAll<HTMLAnchorElement>('.chat-message.file a[download]')).find(
      (a) => a.download === fileName,
    );
    if (!link) return null;
    const data = await (await fetch(link.href)).arrayBuffer();
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', data));
    return { size: data.byteLength, sha256: [...digest].map((b) => b.toString(16).padStart(2, '0')).join('') };
  }, name);
}

/** The status line of the sender's file item ("Delivered" once the receiver checked the hash). */
export function sentFileStatus(page: InPage, name: string): Promise<string | null> {
  return page.evaluate((fileName) => {
    const item = Array.from(document.querySelectorAll('.chat-message.file.mine')).find(
      (li) => li.querySelector('.file-name')?.textContent === fileName,
    );
    return item?.querySelector('.file-status')?.textContent ?? null;
  }, name);
}

/**
 * `from` sends a file and `to` gets a download link with the same bytes, and `from` sees it
 * delivered (the receiving SDK checked the SHA-256, and this checks it again, independently).
 */
export async function expectFileDelivered(
  from: Person,
  to: Person,
  file: { path: string; name: string; size: number; sha256: string },
): Promise<void> {
  const route = `${from.name} (${from.browser}) to ${to.name} (${to.browser})`;
  await from.sendFile(file.path);
  await expect
    .poll(() => downloaded(to.page, file.name), { timeout: 60_000, message: `file from ${route}` })
    .toEqual({ size: file.size, sha256: file.sha256 });
  await expect.poll(() => sentFileStatus(from.page, file.name), { message: `delivery of ${route}` }).toBe('Delivered');
}
