// Calls forced through Parley's own TURN server (iceTransportPolicy "relay"): two Chromium
// pages with the SDK, on loopback, with the default peer policy. Loopback peers are refused by
// that policy, so the calls work only because each browser's peer is another relayed address
// of the same server. Once over TURN/UDP, once with the TURN/TCP URL alone, once with the URL of
// TURN on the web port alone (turn-on-web-port: the page, the WebSocket and the relay on one port).
import type { Page } from '@playwright/test';
import { expect, newUserContext, openPage, test } from '../support/fixtures';
import type { SdkCallRecord } from '../support/pages';
import { serveSdk } from '../support/sdk';

// TURN on a free port (3478 may be taken where the tests run), default peer policy.
test.use({ parleyArgs: ['--turn-port', '0'] });

/** The one turn: URL the page keeps: of the TURN port for udp and tcp, of the web port for web. */
function kept(turn: 'udp' | 'tcp' | 'web', webPort: number): RegExp {
  return turn === 'web'
    ? new RegExp(`^turn:127\\.0\\.0\\.1:${webPort}\\?transport=tcp$`)
    : new RegExp(`^turn:127\\.0\\.0\\.1:(?!${webPort}\\?)\\d+\\?transport=${turn}$`);
}

/** From the second page's load until both sides decode video over a relay pair. */
const CALL_TIMEOUT_MS = 45_000;

for (const turn of ['udp', 'tcp', 'web'] as const) {
  const name = turn === 'web' ? 'TURN/TCP on the web port' : `TURN/${turn.toUpperCase()}`;
  test(`a relay-only call over ${name} decodes video on both sides`, async ({ browser, parley }) => {
    test.setTimeout(120_000);
    const room = `relay-${turn}-${Date.now()}`;
    const contexts = [await newUserContext(browser, parley), await newUserContext(browser, parley)];
    try {
      const pages: { page: Page; console: string[] }[] = [];
      for (const context of contexts) {
        await serveSdk(context, parley);
        pages.push(await openPage(context, parley, `sdk-call.html?room=${room}&policy=relay&turn=${turn}`));
      }
      const describe = async () =>
        JSON.stringify(
          await Promise.all(
            pages.map(async ({ page, console }) => ({
              stats: await page.evaluate(() => (window.e2e as SdkCallRecord).stats()),
              errors: await page.evaluate(() => (window.e2e as SdkCallRecord).errors),
              iceServers: await page.evaluate(() => (window.e2e as SdkCallRecord).iceServers),
              events: await page.evaluate(() => (window.e2e as SdkCallRecord).events.slice(-40)),
              console: console.slice(-20),
            })),
          ),
          null,
          1,
        );

      // Each side: a nominated, succeeded pair of relay candidates, and video frames decoding.
      const firstFrames: number[] = [];
      for (const [index, { page }] of pages.entries()) {
        await expect
          .poll(
            async () => {
              const stats = await page.evaluate(() => (window.e2e as SdkCallRecord).stats());
              return (
                stats !== null &&
                stats.connectionState === 'connected' &&
                stats.pairState === 'succeeded' &&
                stats.localType === 'relay' &&
                stats.remoteType === 'relay' &&
                stats.framesDecoded > 0
              );
            },
            { timeout: CALL_TIMEOUT_MS },
          )
          .toBe(true)
          .catch(async (error: unknown) => {
            // The state when the wait gave up, not when it began.
            throw new Error(`side ${index} not relayed and decoding after ${CALL_TIMEOUT_MS} ms: ${await describe()}`, {
              cause: error,
            });
          });
        const stats = (await page.evaluate(() => (window.e2e as SdkCallRecord).stats()))!;
        expect(stats.localRelayProtocol, await describe()).toBe(turn === 'web' ? 'tcp' : turn);
        expect(stats.localUrl ?? '', 'the candidate came from the URL kept').toMatch(kept(turn, parley.port));
        firstFrames[index] = stats.framesDecoded;
      }
      // Still decoding: frames keep arriving through the relay.
      for (const [index, { page }] of pages.entries()) {
        await expect
          .poll(async () => (await page.evaluate(() => (window.e2e as SdkCallRecord).stats()))?.framesDecoded ?? 0, {
            timeout: 20_000,
            message: `side ${index} keeps decoding`,
          })
          .toBeGreaterThan(firstFrames[index]! + 10);
      }
      for (const { page } of pages) {
        expect(await page.evaluate(() => (window.e2e as SdkCallRecord).iceServers)).toEqual([
          expect.stringMatching(kept(turn, parley.port)),
        ]);
      }
    } finally {
      await Promise.all(contexts.map((context) => context.close()));
    }
  });
}
