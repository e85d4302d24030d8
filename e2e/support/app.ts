// Helpers for the web app's end-to-end tests: open a room as a person would and join it.
import type { BrowserContext, Page, TestInfo } from '@playwright/test';
import { appendFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from './fixtures';
import type { ParleyServer } from './parley';

/** The part of @parley/sdk's Room these tests read (e2e does not depend on the SDK package). */
interface AppRoom {
  readonly peerId: string | null;
  readonly mediaMode: 'mesh' | 'sfu';
  readonly remotePeers: readonly { readonly id: string; readonly name: string | null; readonly state: string }[];
  readonly localMedia: { readonly camera: MediaStreamTrack | null; readonly microphone: MediaStreamTrack | null };
  getStats(peerId: string): Promise<{
    framesDecoded: number;
    audioEnergy: number;
    bytesReceived: number;
    localCandidateType: string | null;
    remoteCandidateType: string | null;
    relayProtocol: string | null;
  } | null>;
  sendMessage(text: string): unknown;
}

declare global {
  interface Window {
    /** Set by the web app once a call is up (web/app/src/call/call-view.ts): the SDK's Room. */
    __parley?: { readonly room: AppRoom };
  }
}

export const PHONE = { width: 390, height: 844 };

/**
 * A page in either browser: Playwright's Page (Chromium) and puppeteer's Page (Firefox) both
 * run a function in the page, which is all the helpers below need.
 */
export interface InPage {
  evaluate<R>(pageFunction: () => R | Promise<R>): Promise<R>;
  evaluate<R>(pageFunction: (arg: string) => R | Promise<R>, arg: string): Promise<R>;
}

/** Opens the room link and joins through the pre-join screen; keeps the page's console for reports. */
export async function join(
  context: BrowserContext,
  parley: Pick<ParleyServer, 'url'>,
  room: string,
  name: string,
  log: string[],
  viewport?: { width: number; height: number },
  shots?: TestInfo,
): Promise<Page> {
  const page = await openPrejoin(context, parley, room, name, log, viewport, shots);
  await clickJoin(page);
  return page;
}

/** Up to the pre-join screen with the preview running and the name typed in; not joined yet. */
export async function openPrejoin(
  context: BrowserContext,
  parley: Pick<ParleyServer, 'url'>,
  room: string,
  name: string,
  log: string[],
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
    await saveScreenshot(page, viewport ? 'landing-phone' : 'landing');
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
  return page;
}

/** Clicks "Join call" on the pre-join screen and waits for the call view. */
export async function clickJoin(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Join call' }).click();
  await expect(page.locator('.call')).toBeVisible();
}

/**
 * Frames the page has shown in the first video matching the selector (0 if none yet, or if it
 * shows no new frame within a second).
 */
export function framesOf(page: InPage, selector: string): Promise<number> {
  return page.evaluate((sel) => {
    const video = document.querySelector<HTMLVideoElement>(sel);
    if (!video) return 0;
    const played = video.getVideoPlaybackQuality().totalVideoFrames;
    if (played > 0) return played;
    // Firefox leaves a MediaStream's frames out of getVideoPlaybackQuality; the next frame's
    // metadata counts them.
    return new Promise<number>((resolve) => {
      const timer = setTimeout(() => resolve(0), 1_000);
      video.requestVideoFrameCallback((_now, frame) => {
        clearTimeout(timer);
        resolve(frame.presentedFrames);
      });
    });
  }, selector);
}

/**
 * The page tells its user, in words, that the call with `other` cannot connect and why: about
 * 15 s of ICE getting nowhere (the SDK's defaults.ice.unreachableAfterMs), then the notice.
 */
export async function expectCallBlockedNotice(page: Page, other: string): Promise<void> {
  const notice = page.locator('[data-notice="call-blocked"]');
  await expect(notice).toBeVisible({ timeout: 30_000 });
  await expect(notice).toHaveAttribute('role', 'alert');
  await expect(notice).toHaveText(
    new RegExp(
      `The call with ${other} cannot connect\\. Your network seems to block` + ' calls: .*TURN over TLS on port 443',
    ),
  );
}

/** The remote camera keeps decoding: frames now, and more a moment later. */
export async function expectRemoteVideoPlaying(page: InPage): Promise<void> {
  const remote = 'video[data-remote="camera"]';
  try {
    await expect.poll(() => framesOf(page, remote), { timeout: 20_000 }).toBeGreaterThan(0);
  } catch (e) {
    // Say whether the frames were missing on the wire or only in the page (a muted track).
    const tracks = await page.evaluate(
      (sel) =>
        JSON.stringify(
          [
            ...((document.querySelector<HTMLVideoElement>(sel)?.srcObject as MediaStream | null)?.getTracks() ?? []),
          ].map((t) => ({ kind: t.kind, muted: t.muted, state: t.readyState })),
        ),
      remote,
    );
    throw new Error(`${String(e)}\nremote tracks: ${tracks}; received: ${JSON.stringify(await receivedBy(page))}`, {
      cause: e,
    });
  }
  const before = await framesOf(page, remote);
  await expect.poll(() => framesOf(page, remote)).toBeGreaterThan(before + 5);
}

/**
 * Every one of `peers` remote tiles plays its camera: frames counted per video element, which
 * holds in SFU rooms too, where the SDK's per-peer stats are the subscribe connection's totals.
 */
export async function expectCamerasPlaying(page: InPage, peers: number): Promise<void> {
  const tiles = () =>
    page.evaluate(() =>
      Array.from(document.querySelectorAll<HTMLElement>('.tile[data-peer-id]')).map((t) => t.dataset.peerId ?? ''),
    );
  const frames = async () => {
    const counts: Record<string, number> = {};
    for (const id of await tiles()) {
      counts[id] = await framesOf(page, `.tile[data-peer-id="${id}"] video[data-remote="camera"]`);
    }
    return counts;
  };
  const first = await frames();
  await expect
    .poll(
      async () => {
        const now = await frames();
        return Object.keys(now).filter((id) => now[id]! > (first[id] ?? 0) + 5).length;
      },
      { timeout: 30_000, message: `cameras of ${peers} peers should play: first ${JSON.stringify(first)}` },
    )
    .toBe(peers);
}

/** What one page receives from each remote peer, from the SDK's getStats (keyed by peer id). */
export interface Received {
  readonly [peerId: string]: { readonly framesDecoded: number; readonly audioEnergy: number };
}

/** Running totals of decoded video frames and audio energy per remote peer (inbound-rtp). */
export function receivedBy(page: InPage): Promise<Received> {
  return page.evaluate(async () => {
    const room = window.__parley?.room;
    if (!room) return {};
    const result: Record<string, { framesDecoded: number; audioEnergy: number }> = {};
    for (const peer of room.remotePeers) {
      const stats = await room.getStats(peer.id);
      if (stats) result[peer.id] = { framesDecoded: stats.framesDecoded, audioEnergy: stats.audioEnergy };
    }
    return result;
  });
}

/**
 * Video decodes and audio carries sound from every one of `peers` remote peers: both totals
 * are above zero, and both grow between two looks.
 */
export async function expectMediaFromEveryone(
  page: InPage,
  peers: number,
  what: { audio?: boolean } = {},
): Promise<Received> {
  const audio = what.audio ?? true;
  const live = (r: Received) =>
    Object.values(r).filter((m) => m.framesDecoded > 0 && (!audio || m.audioEnergy > 0)).length;
  await expect.poll(async () => live(await receivedBy(page)), { timeout: 30_000 }).toBe(peers);
  const before = await receivedBy(page);
  // Totals can drop when a track's stats go away (a screen share ended): start over from there.
  const base: Record<string, { framesDecoded: number; audioEnergy: number }> = { ...before };
  let last: Received = before;
  await expect
    .poll(
      async () => {
        last = await receivedBy(page);
        return Object.entries(base).filter(([id, m]) => {
          const now = last[id];
          if (!now) return false;
          if (now.framesDecoded < m.framesDecoded || now.audioEnergy < m.audioEnergy) base[id] = now;
          return now.framesDecoded > m.framesDecoded + 5 && (!audio || now.audioEnergy > m.audioEnergy);
        }).length;
      },
      {
        timeout: 20_000,
        message: `media from ${peers} peers should keep growing: first ${JSON.stringify(before)}, last ${JSON.stringify(last)}`,
      },
    )
    .toBe(peers);
  return before;
}

/** Where the screenshots worth looking at go: a stable folder, kept across test runs. */
export const SCREENSHOTS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'target', 'screenshots');

export async function saveScreenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });
}

/** Measurements (never asserted) go to the console and to target/e2e-results.txt. */
export function recordResult(line: string): void {
  const file = path.resolve(SCREENSHOTS, '..', 'e2e-results.txt');
  mkdirSync(path.dirname(file), { recursive: true });
  appendFileSync(file, `${new Date().toISOString()} ${line}\n`);
  console.log(line);
}
