// An SFU room with one participant whose browser may only use relay candidates (as one behind a
// firewall that passes only TURN would): its publish and subscribe connections reach the media
// port through Parley's own TURN, on loopback, with the default peer policy, which refuses
// loopback peers but always lets the node's own media port through. Everyone decodes everyone.
import type { Page } from '@playwright/test';
import { expectCamerasPlaying, join } from '../support/app';
import { recordConnections, selectedPaths, type SelectedPath } from '../support/connections';
import { expect, newUserContext, test } from '../support/fixtures';

// TURN on a free port (3478 may be taken where the tests run).
test.use({ parleyArgs: ['--room-media=sfu', '--turn-port', '0'] });

const NAMES = ['Ada', 'Grace', 'Edsger'];
const RELAYED = 'Edsger';

test('an SFU room with a relay-only participant: media through TURN to the media port, decoded by all', async ({
  browser,
  parley,
}) => {
  test.setTimeout(240_000);
  const room = `sfu-relay-${Date.now().toString(36)}`;
  const log: string[] = [];
  const contexts = await Promise.all(NAMES.map(() => newUserContext(browser, parley)));
  try {
    const pages: Page[] = [];
    for (const [i, name] of NAMES.entries()) {
      await recordConnections(contexts[i]!, name === RELAYED);
      pages.push(await join(contexts[i]!, parley, room, name, log));
    }
    for (const page of pages) {
      await expect(page.locator('.tile[data-peer-id]')).toHaveCount(2);
      expect(await page.evaluate(() => window.__parley!.room.mediaMode)).toBe('sfu');
      await expectCamerasPlaying(page, 2);
    }

    // The relay-only page: a publish and a subscribe connection, both relayed to the media port.
    const relayed = pages[NAMES.indexOf(RELAYED)]!;
    let paths: SelectedPath[] = [];
    await expect
      .poll(
        async () => {
          paths = await selectedPaths(relayed);
          return paths.length === 2 && paths.every((p) => p.connectionState === 'connected' && p.local === 'relay');
        },
        { timeout: 20_000, message: 'both connections of the relay-only page relayed' },
      )
      .toBe(true)
      .catch((error: unknown) => {
        throw new Error(`relay-only page's paths: ${JSON.stringify(paths)}`, { cause: error });
      });
    for (const p of paths) expect(p.remote, JSON.stringify(paths)).toBe('host');
    // The others reach the media port directly: the relay is the one page's, not the room's.
    for (const page of pages.filter((p) => p !== relayed)) {
      const direct = await selectedPaths(page);
      expect(direct.length, JSON.stringify(direct)).toBe(2);
      for (const p of direct) expect(p.local, JSON.stringify(direct)).not.toBe('relay');
    }
  } catch (e) {
    console.log(log.join('\n'));
    throw e;
  } finally {
    for (const context of contexts) await context.close();
  }
});
