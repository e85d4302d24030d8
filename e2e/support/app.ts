// Helpers for the web app's end-to-end tests: open a room as a person would and join it.
import type { BrowserContext, Page, TestInfo } from '@playwright/test';
import { expect } from './fixtures';
import type { ParleyServer } from './parley';

export const PHONE = { width: 390, height: 844 };

/** Opens the room link and joins through the pre-join screen; keeps the page's console for reports. */
export async function join(
  context: BrowserContext, parley: Pick<ParleyServer, 'url'>, room: string, name: string, log: string[],
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
  // Its movement is not asserted: on a loaded machine a page's audio graph can stay silent for
  // seconds, and a meter is no reason to fail a call test.
  await expect(page.getByRole('meter', { name: 'Microphone level' })).toBeVisible();
  await page.getByLabel('Your name').fill(name);
  if (shots) await page.screenshot({ path: shots.outputPath('app-prejoin.png') });
  await page.getByRole('button', { name: 'Join call' }).click();
  await expect(page.locator('.call')).toBeVisible();
  return page;
}

/** Frames the page has shown in the first video matching the selector (0 if none yet). */
export function framesOf(page: Page, selector: string): Promise<number> {
  return page.evaluate((sel) => {
    const video = document.querySelector<HTMLVideoElement>(sel);
    return video ? video.getVideoPlaybackQuality().totalVideoFrames : 0;
  }, selector);
}

/** The remote camera keeps decoding: frames now, and more a moment later. */
export async function expectRemoteVideoPlaying(page: Page): Promise<void> {
  const remote = 'video[data-remote="camera"]';
  await expect.poll(() => framesOf(page, remote), { timeout: 20_000 }).toBeGreaterThan(0);
  const before = await framesOf(page, remote);
  await expect.poll(() => framesOf(page, remote)).toBeGreaterThan(before + 5);
}
