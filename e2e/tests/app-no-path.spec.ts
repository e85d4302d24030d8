// A call whose media has no way through says so, in words, instead of "connecting" forever:
// TURN is unreachable (its only URL points at a closed port) and the browsers may not use the
// loopback interface, the only one in the namespace these tests run in, so neither side has a
// single candidate, as behind a firewall that blocks everything but the web.
import { chromium } from '@playwright/test';
import { join } from '../support/app';
import { expect, newUserContext, test } from '../support/fixtures';

test.use({ parleyArgs: ['--turn', 'false', '--turn-servers', 'turn:127.0.0.1:9?transport=tcp'] });

test('both people are told the call cannot connect, and why', async ({ parley }) => {
  test.setTimeout(90_000);
  const launch = test.info().project.use.launchOptions ?? {};
  const browser = await chromium.launch({
    ...launch,
    args: (launch.args ?? []).filter((arg) => arg !== '--allow-loopback-in-peer-connection'),
  });
  const room = `blocked-${Date.now().toString(36)}`;
  const log: string[] = [];
  try {
    const pages = [];
    for (const name of ['Ada', 'Ben']) {
      pages.push(await join(await newUserContext(browser, parley), parley, room, name, log));
    }
    const [ada, ben] = pages as [typeof pages[0], typeof pages[0]];
    // About 15 s of ICE getting nowhere (defaults.ice.unreachableAfterMs), then the notice.
    for (const [page, other] of [[ada, 'Ben'], [ben, 'Ada']] as const) {
      const notice = page.locator('[data-notice="call-blocked"]');
      await expect(notice).toBeVisible({ timeout: 30_000 });
      await expect(notice).toHaveAttribute('role', 'alert');
      await expect(notice).toHaveText(new RegExp(`The call with ${other} cannot connect\\. Your network seems to block`
        + ' calls: .*TURN over TLS on port 443'));
    }
  } catch (e) {
    console.log(log.join('\n'));
    throw e;
  } finally {
    await browser.close();
  }
});
