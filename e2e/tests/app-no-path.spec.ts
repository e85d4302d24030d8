// A call whose media has no way through says so, in words, instead of "connecting" forever:
// TURN is unreachable (its only URL points at a closed port) and the browsers may not use the
// loopback interface, the only one in the namespace these tests run in, so neither side has a
// single candidate, as behind a firewall that blocks everything but the web.
import { chromium } from '@playwright/test';
import { expectCallBlockedNotice, join } from '../support/app';
import { chromiumArgs, chromiumPath } from '../support/chromium';
import { newUserContext, test } from '../support/fixtures';

test.use({ parleyArgs: ['--turn', 'false', '--turn-servers', 'turn:127.0.0.1:9?transport=tcp'] });

test('both people are told the call cannot connect, and why', async ({ parley }) => {
  test.setTimeout(90_000);
  // Without --allow-loopback-in-peer-connection: no candidate at all.
  const browser = await chromium.launch({ executablePath: chromiumPath, args: [...chromiumArgs] });
  const room = `blocked-${Date.now().toString(36)}`;
  const log: string[] = [];
  try {
    const pages = [];
    for (const name of ['Ada', 'Ben']) {
      pages.push(await join(await newUserContext(browser, parley), parley, room, name, log));
    }
    const [ada, ben] = pages as [(typeof pages)[0], (typeof pages)[0]];
    await expectCallBlockedNotice(ada, 'Ben');
    await expectCallBlockedNotice(ben, 'Ada');
  } catch (e) {
    console.log(log.join('\n'));
    throw e;
  } finally {
    await browser.close();
  }
});
