// A 32 MiB file through the web app: progress moves on both sides, and the received bytes
// hash to the same SHA-256 as the sent ones (checked here, independently of the SDK's check).
import { createHash, randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expectMediaFromEveryone, join, recordResult } from '../support/app';
import { expect, newUserContext, test } from '../support/fixtures';

const SIZE = 32 * 1024 * 1024;

/** Records every value the page's file progress bar takes (a bar exists only while a transfer runs). */
function watchProgress(page: Page): Promise<void> {
  return page.evaluate(() => {
    const seen: number[] = [];
    (window as unknown as { progressSeen: number[] }).progressSeen = seen;
    const look = () => {
      const bar = document.querySelector<HTMLProgressElement>('.chat-message.file progress');
      if (bar && !bar.hidden && seen[seen.length - 1] !== bar.value) seen.push(bar.value);
    };
    new MutationObserver(look).observe(document.body, { subtree: true, childList: true, attributes: true });
  });
}

function progressSeen(page: Page): Promise<number[]> {
  return page.evaluate(() => (window as unknown as { progressSeen: number[] }).progressSeen);
}

test('a 32 MiB file arrives intact, with progress on both sides', async ({ browser, parley }, testInfo) => {
  test.setTimeout(180_000);
  const room = `file-${Date.now().toString(36)}`;
  const log: string[] = [];
  const contexts = [await newUserContext(browser, parley), await newUserContext(browser, parley)];
  const bytes = randomBytes(SIZE);
  const file = testInfo.outputPath('random-32MiB.bin');
  writeFileSync(file, bytes);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  try {
    const ada = await join(contexts[0]!, parley, room, 'Ada', log);
    const grace = await join(contexts[1]!, parley, room, 'Grace', log);
    await expectMediaFromEveryone(ada, 1, { audio: false });
    await watchProgress(ada);
    await watchProgress(grace);

    const started = Date.now();
    await ada.locator('input[type="file"]').setInputFiles(file);
    const download = grace.getByRole('link', { name: 'Download' });
    await expect(download).toBeVisible({ timeout: 150_000 });
    const seconds = (Date.now() - started) / 1000;
    await expect(ada.locator('.chat-message.file .file-status')).toHaveText('Delivered', { timeout: 20_000 });
    await expect(download).toHaveAttribute('download', 'random-32MiB.bin');

    const received = await download.evaluate(async (a: HTMLAnchorElement) => {
      const data = await (await fetch(a.href)).arrayBuffer();
      const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', data));
      return { size: data.byteLength, sha256: [...digest].map((b) => b.toString(16).padStart(2, '0')).join('') };
    });
    expect(received).toEqual({ size: SIZE, sha256 });

    // Both bars were seen part way, not only empty and full.
    for (const page of [ada, grace]) {
      const values = await progressSeen(page);
      expect(values.filter((v) => v > 0 && v < 1).length, `progress values seen: ${values.join(', ')}`).toBeGreaterThan(
        2,
      );
    }
    recordResult(
      `file transfer: 32 MiB in ${seconds.toFixed(1)} s = ${(32 / seconds).toFixed(2)} MiB/s ` +
        '(app to app, picker to download link, SHA-256 on both sides included)',
    );
    // The call is still on after the transfer.
    await expectMediaFromEveryone(grace, 1, { audio: false });
  } catch (e) {
    console.log(log.join('\n'));
    throw e;
  } finally {
    for (const context of contexts) await context.close();
  }
});
