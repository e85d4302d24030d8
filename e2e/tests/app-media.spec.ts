// Two people through the web app, on media: they see and hear each other (frames decoded,
// audio energy), a screen share starts and stops mid-call, both share at the same instant
// (glare: two offers cross, made certain by signaling latency) and the call goes on, and
// camera and microphone are switched mid-call from the in-call device pickers.
import type { BrowserContext, Page } from '@playwright/test';
import { expectMediaFromEveryone, framesOf, join, saveScreenshot } from '../support/app';
import { expect, newUserContext, test } from '../support/fixtures';
import { delaySignaling } from '../support/signaling-delay';

/**
 * Counts offer collisions: an offer arriving at a connection that has its own offer out. The
 * polite side rolls back (implicitly, or with an explicit rollback) and takes the other's.
 */
async function countGlare(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const w = window as unknown as { glare: number };
    w.glare = 0;
    // The two setters as the SDK calls them: without the deprecated callback overloads.
    type Setter<D> = (this: RTCPeerConnection, description?: D) => Promise<void>;
    const proto = RTCPeerConnection.prototype as unknown as {
      setRemoteDescription: Setter<RTCSessionDescriptionInit>;
      setLocalDescription: Setter<RTCLocalSessionDescriptionInit>;
    };
    const setRemote = proto.setRemoteDescription;
    proto.setRemoteDescription = function (description) {
      if (description?.type === 'offer' && this.signalingState === 'have-local-offer') w.glare++;
      return setRemote.call(this, description);
    };
    const setLocal = proto.setLocalDescription;
    proto.setLocalDescription = function (description) {
      if (description?.type === 'rollback') w.glare++;
      return setLocal.call(this, description);
    };
  });
}

const glareOf = (page: Page) => page.evaluate(() => (window as unknown as { glare: number }).glare);

/** Clicks the screen-share button on every page at one agreed instant (same machine, same clock). */
async function clickShareTogether(pages: Page[]): Promise<void> {
  const at = Date.now() + 600;
  await Promise.all(
    pages.map((page) =>
      page.evaluate(
        (when) =>
          new Promise<void>((resolve) => {
            setTimeout(() => {
              document.querySelector<HTMLButtonElement>('[data-control="screen"]')!.click();
              resolve();
            }, when - Date.now());
          }),
        at,
      ),
    ),
  );
}

async function expectScreenDecoding(page: Page): Promise<void> {
  const screen = 'video[data-remote="screen"]';
  await expect.poll(() => framesOf(page, screen), { timeout: 20_000 }).toBeGreaterThan(0);
  const before = await framesOf(page, screen);
  await expect.poll(() => framesOf(page, screen), { timeout: 20_000 }).toBeGreaterThan(before + 3);
}

test('two people see and hear each other, share screens (also at the same instant) and switch devices', async ({
  browser,
  parley,
}) => {
  test.setTimeout(240_000);
  const room = `media-${Date.now().toString(36)}`;
  const log: string[] = [];
  const contexts = [await newUserContext(browser, parley), await newUserContext(browser, parley)];
  for (const context of contexts) await countGlare(context);
  const delays = await Promise.all(contexts.map(delaySignaling));
  try {
    const ada = await join(contexts[0]!, parley, room, 'Ada', log);
    const grace = await join(contexts[1]!, parley, room, 'Grace', log);
    // (1) Video frames keep decoding and the audio carries sound (the fake microphone beeps).
    await expectMediaFromEveryone(ada, 1);
    await expectMediaFromEveryone(grace, 1);

    // A screen share started and stopped mid-call.
    await ada.locator('[data-control="screen"]').click();
    await expect(ada.locator('[data-control="screen"]')).toHaveAttribute('aria-pressed', 'true');
    await expect(grace.locator('.tile.screen')).toHaveCount(1);
    await expect(grace.locator('.tile.screen .name')).toHaveText('Ada is presenting');
    await expectScreenDecoding(grace);
    await ada.locator('[data-control="screen"]').click();
    await expect(grace.locator('.tile.screen')).toHaveCount(0);
    await expectMediaFromEveryone(grace, 1);

    // Both start sharing at the same instant, then both stop at the same instant: the offers
    // cross. Perfect negotiation settles it, and each sees the other's screen. A second of
    // signaling latency makes sure they cross (clicks at one instant can still start the
    // offers tens of milliseconds apart on a busy machine).
    for (const delay of delays) delay.set(1_000);
    let glare = 0;
    for (let round = 1; round <= 4 && glare === 0; round++) {
      await clickShareTogether([ada, grace]);
      for (const page of [ada, grace]) {
        await expect(page.locator('.tile.screen')).toHaveCount(1);
        await expectScreenDecoding(page);
      }
      await clickShareTogether([ada, grace]);
      for (const page of [ada, grace]) await expect(page.locator('.tile.screen')).toHaveCount(0);
      await expectMediaFromEveryone(ada, 1);
      await expectMediaFromEveryone(grace, 1);
      glare = (await glareOf(ada)) + (await glareOf(grace));
    }
    expect(glare, 'offer collisions seen in 4 rounds of simultaneous sharing').toBeGreaterThan(0);
    for (const delay of delays) delay.set(0);

    // Switching camera and microphone mid-call, from the call's device menu. Chromium's second
    // fake camera (fake_device_1) shows in a <video> but never feeds a WebRTC encoder, even as
    // a call's first track, so the camera goes there and back: frames flow again from the
    // track that replaced it. The second fake microphone works: its sound reaches Grace.
    const camera = () => ada.evaluate(() => window.__parley!.room.localMedia.camera?.label);
    await ada.locator('[data-control="devices"]').click();
    await ada.getByLabel('Microphone', { exact: true }).selectOption({ label: 'Fake Audio Input 1' });
    await expect
      .poll(() => ada.evaluate(() => window.__parley!.room.localMedia.microphone?.label))
      .toBe('Fake Audio Input 1');
    await ada.getByLabel('Camera', { exact: true }).selectOption({ label: 'fake_device_1' });
    await expect.poll(camera).toBe('fake_device_1');
    await expect(ada.locator('.tile.self')).not.toHaveClass(/\bno-video\b/);
    await ada.getByLabel('Camera', { exact: true }).selectOption({ label: 'fake_device_0' });
    await expect.poll(camera).toBe('fake_device_0');
    await expectMediaFromEveryone(grace, 1);
    await saveScreenshot(ada, 'call-device-menu');
  } catch (e) {
    console.log(log.join('\n'));
    throw e;
  } finally {
    for (const context of contexts) await context.close();
  }
});
