// The web app, served by Parley itself: two people open the same /r/<room> link, join
// through the pre-join screen (fake camera and microphone), see each other's video and chat.
import type { BrowserContext, Page, TestInfo } from '@playwright/test';
import type { ParleyServer } from '../support/parley';
import { expect, newUserContext, test } from '../support/fixtures';

const PHONE = { width: 390, height: 844 };

/** Opens the room link and joins through the pre-join screen; keeps the page's console for reports. */
async function join(
  context: BrowserContext, parley: ParleyServer, room: string, name: string, log: string[],
  viewport?: { width: number; height: number },
  shots?: TestInfo,
): Promise<Page> {
  const page = await context.newPage();
  if (viewport) await page.setViewportSize(viewport);
  page.on('console', (msg) => log.push(`${name} ${msg.type()}: ${msg.text()}`));
  page.on('pageerror', (err) => log.push(`${name} pageerror: ${err.message}`));
  if (shots) {
    // The first person comes in through the landing page, typing the room's name.
    await page.goto(`${parley.url}/`);
    await expect(page.getByRole('button', { name: 'Start a new call' })).toBeVisible();
    await page.screenshot({ path: shots.outputPath('app-landing.png') });
    await page.getByLabel('Room name or link').fill(room);
    await page.getByRole('button', { name: 'Join', exact: true }).click();
  } else {
    // The others open the shared link.
    await page.goto(`${parley.url}/r/${room}`);
  }
  await expect(page).toHaveURL(`${parley.url}/r/${room}`);
  await expect(page).toHaveTitle(`${room} · Parley`);
  // The preview shows before joining, so nobody enters with a camera they did not expect.
  await expect.poll(() => framesOf(page, '.preview-video')).toBeGreaterThan(0);
  // The level meter moves with the fake microphone's beeps.
  await expect.poll(async () => Number(await page.getByRole('meter').getAttribute('aria-valuenow')), { timeout: 5_000 })
    .toBeGreaterThan(0);
  await page.getByLabel('Your name').fill(name);
  if (shots) await page.screenshot({ path: shots.outputPath('app-prejoin.png') });
  await page.getByRole('button', { name: 'Join call' }).click();
  await expect(page.locator('.call')).toBeVisible();
  return page;
}

/** Frames the page has shown in the first video matching the selector (0 if none yet). */
function framesOf(page: Page, selector: string): Promise<number> {
  return page.evaluate((sel) => {
    const video = document.querySelector<HTMLVideoElement>(sel);
    return video ? video.getVideoPlaybackQuality().totalVideoFrames : 0;
  }, selector);
}

/** The remote camera keeps decoding: frames now, and more a moment later. */
async function expectRemoteVideoPlaying(page: Page): Promise<void> {
  const remote = 'video[data-remote="camera"]';
  await expect.poll(() => framesOf(page, remote), { timeout: 20_000 }).toBeGreaterThan(0);
  const before = await framesOf(page, remote);
  await expect.poll(() => framesOf(page, remote)).toBeGreaterThan(before + 5);
}

test('two people join a room through the app, see each other, chat and send a file', async ({ browser, parley }, testInfo) => {
  const room = `app-${Date.now().toString(36)}`;
  const log: string[] = [];
  const contexts = [await newUserContext(browser, parley), await newUserContext(browser, parley)];
  try {
    const ada = await join(contexts[0]!, parley, room, 'Ada', log, undefined, testInfo);
    const grace = await join(contexts[1]!, parley, room, 'Grace <b>Hopper</b>', log, PHONE);

    await expectRemoteVideoPlaying(ada);
    await expectRemoteVideoPlaying(grace);
    // Names are text: the markup in Grace's name shows as typed.
    await expect(ada.locator('.tile[data-peer-id] .name')).toHaveText('Grace <b>Hopper</b>');
    await expect(grace.locator('.tile[data-peer-id] .name')).toHaveText('Ada');
    await expect(ada.locator('.count')).toHaveText('2 people');

    // The laptop-sized page shows the chat; the phone opens it with the chat button.
    const text = 'hello <img src=x onerror="window.pwned=1"> & welcome';
    await ada.getByRole('textbox', { name: 'Message' }).fill(text);
    await ada.getByRole('textbox', { name: 'Message' }).press('Enter');
    await expect(ada.locator('.chat-message.mine .chat-text')).toHaveText(text);
    await expect(grace.locator('.unread')).toHaveText('1');
    await grace.locator('[data-control="chat"]').click();
    await expect(grace.locator('.chat-message .chat-text')).toHaveText(text);
    await expect(grace.locator('.chat-message .chat-from')).toHaveText('Ada');
    await expect(grace.locator('.chat-list img')).toHaveCount(0);
    expect(await grace.evaluate(() => 'pwned' in window)).toBe(false);

    // A file through the picker: a progress bar, then a download link with the same bytes.
    const content = 'Parley file test\n'.repeat(20_000);
    await ada.locator('input[type="file"]').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from(content) });
    await expect(ada.locator('.chat-message.file .file-status')).toHaveText('Delivered', { timeout: 20_000 });
    const download = grace.getByRole('link', { name: 'Download' });
    await expect(download).toBeVisible({ timeout: 20_000 });
    await expect(download).toHaveAttribute('download', 'notes.txt');
    expect(await download.evaluate(async (a: HTMLAnchorElement) => (await fetch(a.href)).text())).toBe(content);

    await ada.screenshot({ path: testInfo.outputPath('app-two-peers.png') });
    await grace.screenshot({ path: testInfo.outputPath('app-two-peers-phone-chat.png') });
    await grace.locator('[data-control="chat"]').click();
    await grace.screenshot({ path: testInfo.outputPath('app-two-peers-phone.png') });

    // Leaving removes the tile on the other side and says who left.
    await grace.locator('[data-control="leave"]').click();
    await expect(grace.getByText('You left the call')).toBeVisible();
    await expect(ada.locator('.tile[data-peer-id]')).toHaveCount(0);
    await expect(ada.locator('.toast').filter({ hasText: 'left.' })).toBeVisible();
  } catch (e) {
    console.log(log.join('\n'));
    throw e;
  } finally {
    for (const context of contexts) await context.close();
  }
});
