// Three people in an SFU room through the web app and the SDK (room-media=sfu): the same app as
// a mesh call, but every page has two peer connections to the server, whatever the room's size.
// Each page shows both others' cameras playing (frames counted per video element, since in an
// SFU room the SDK's per-peer stats are the subscribe connection's totals), chat reaches everyone
// through the server's broadcast, and a leaver's tile goes from the others' screens.
import type { Page } from '@playwright/test';
import { expectCamerasPlaying, join } from '../support/app';
import { expect, newUserContext, test } from '../support/fixtures';

test.use({ parleyArgs: ['--room-media=sfu'] });

const NAMES = ['Ada', 'Grace', 'Edsger'];

test('three people in an SFU room: cameras through the server, two connections a page, chat, a leaver vanishes', async ({
  browser,
  parley,
}) => {
  test.setTimeout(240_000);
  const room = `sfu-app-${Date.now().toString(36)}`;
  const log: string[] = [];
  const contexts = await Promise.all(NAMES.map(() => newUserContext(browser, parley)));
  try {
    const pages: Page[] = [];
    for (const [i, name] of NAMES.entries()) {
      // Counts the page's peer connections from before the app makes any.
      await contexts[i]!.addInitScript(() => {
        const Native = window.RTCPeerConnection;
        const made = { count: 0 };
        (window as unknown as { __connections: typeof made }).__connections = made;
        window.RTCPeerConnection = class extends Native {
          constructor(config?: RTCConfiguration) {
            super(config);
            made.count++;
          }
        };
      });
      pages.push(await join(contexts[i]!, parley, room, name, log));
    }
    for (const page of pages) {
      await expect(page.locator('.tile[data-peer-id]')).toHaveCount(2);
      expect(await page.evaluate(() => window.__parley!.room.mediaMode)).toBe('sfu');
      await expectCamerasPlaying(page, 2);
      const connections = await page.evaluate(
        () => (window as unknown as { __connections: { count: number } }).__connections.count,
      );
      expect(connections).toBeLessThanOrEqual(2);
    }

    for (const [i, page] of pages.entries()) {
      await page.evaluate((text) => window.__parley!.room.sendMessage(text), `${NAMES[i]} says hi`);
    }
    for (const [i, page] of pages.entries()) {
      const others = NAMES.filter((_, j) => j !== i).map((n) => `${n} says hi`);
      await expect
        .poll(
          () =>
            page.evaluate(() =>
              Array.from(document.querySelectorAll('.chat-message:not(.mine) .chat-text')).map(
                (n) => n.textContent ?? '',
              ),
            ),
          { timeout: 20_000 },
        )
        .toEqual(expect.arrayContaining(others));
    }

    await pages[2]!.locator('[data-control="leave"]').click();
    for (const page of [pages[0]!, pages[1]!]) {
      await expect(page.locator('.tile[data-peer-id]')).toHaveCount(1);
      await expect(page.locator('.tile .name', { hasText: 'Edsger' })).toHaveCount(0);
    }
    await expectCamerasPlaying(pages[0]!, 1);
  } catch (e) {
    console.log(log.join('\n'));
    throw e;
  } finally {
    for (const context of contexts) await context.close();
  }
});
