// HTTPS on a LAN: `--tls-self-signed`, the page opened by a name that is not localhost (as a
// phone opens the laptop's address), the certificate warning clicked through. Browsers give
// the camera only to secure contexts; this checks the page is one and a call works over WSS.
import type { BrowserContext } from '@playwright/test';
import config from '../playwright.config';
import { expectRemoteVideoPlaying, join } from '../support/app';
import { expect, test } from '../support/fixtures';

// parley.test stands for the laptop's LAN name: Chromium resolves it to loopback, so the
// network namespace stays loopback-only, yet the page is not on localhost.
const HOST = 'parley.test';
const launchOptions = config.use?.launchOptions ?? {};

test.use({
  parleyArgs: ['--tls-self-signed', '--turn-port', '0', '--turn-tls-port', '0'],
  launchOptions: {
    ...launchOptions,
    args: [...(launchOptions.args ?? []), `--host-resolver-rules=MAP ${HOST} 127.0.0.1`],
  },
});

test('a call over HTTPS and WSS with a self-signed certificate, opened by a LAN name', async ({ browser, parley }) => {
  expect(parley.url).toMatch(/^https:\/\/localhost:\d+$/);
  const lan = { ...parley, url: `https://${HOST}:${parley.port}` };
  const room = `tls-${Date.now().toString(36)}`;
  const log: string[] = [];
  const contexts: BrowserContext[] = [];
  try {
    for (let i = 0; i < 2; i++) {
      // ignoreHTTPSErrors: what a user does by clicking through the warning.
      contexts.push(await browser.newContext({ ignoreHTTPSErrors: true, permissions: ['camera', 'microphone'] }));
    }
    const ada = await join(contexts[0]!, lan, room, 'Ada', log);
    expect(await ada.evaluate(() => window.isSecureContext)).toBe(true);
    expect(await ada.evaluate(() => location.protocol)).toBe('https:');
    const grace = await join(contexts[1]!, lan, room, 'Grace', log);

    await expectRemoteVideoPlaying(ada);
    await expectRemoteVideoPlaying(grace);
  } catch (e) {
    console.log(log.join('\n'));
    throw e;
  } finally {
    for (const context of contexts) await context.close();
  }
});
