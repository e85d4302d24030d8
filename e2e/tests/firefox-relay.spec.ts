// Relay-only calls (iceTransportPolicy "relay") between Chromium and Firefox through Parley's
// own TURN server, like turn-relay.spec.ts does for two Chromiums: once over TURN/UDP, once with
// the TURN/TCP URL alone. Both sides' selected pair is relay to relay, from TURN over that
// transport, video keeps decoding, and the SDK's stats call the path relayed.
import type { InPage } from '../support/app';
import { expect, newUserContext, openPage } from '../support/fixtures';
import { openTestPageInFirefox, test } from '../support/firefox';
import type { CallStats, SdkCallRecord } from '../support/pages';
import { serveSdk } from '../support/sdk';

test.use({ parleyArgs: ['--turn-port', '0'] });

type Side = { readonly browser: 'Chromium' | 'Firefox'; readonly page: InPage };

const pairOf = (side: Side): Promise<CallStats | null> =>
  side.page.evaluate(() => (window.e2e as SdkCallRecord).stats());

for (const turn of ['udp', 'tcp'] as const) {
  test(`Chromium and Firefox, relay only over TURN/${turn.toUpperCase()}: both decode video through the relays`, async ({
    browser,
    firefox,
    parley,
  }) => {
    test.setTimeout(120_000);
    const room = `relay-ff-${turn}-${Date.now()}`;
    const file = `sdk-call.html?room=${room}&policy=relay&turn=${turn}`;
    const log: string[] = [];
    const context = await newUserContext(browser, parley);
    try {
      await serveSdk(context, parley);
      const sides: Side[] = [
        { browser: 'Chromium', page: (await openPage(context, parley, file)).page },
        { browser: 'Firefox', page: await openTestPageInFirefox(firefox, parley, file, log) },
      ];
      const describe = async () =>
        JSON.stringify(
          await Promise.all(
            sides.map(async (side) => ({
              browser: side.browser,
              state: await side.page.evaluate(async () => {
                const e2e = window.e2e as SdkCallRecord;
                return {
                  stats: await e2e.stats(),
                  errors: e2e.errors,
                  iceServers: e2e.iceServers,
                  events: e2e.events.slice(-40),
                };
              }),
            })),
          ),
          null,
          1,
        );

      for (const side of sides) {
        await expect
          .poll(
            async () => {
              const stats = await pairOf(side);
              return (
                stats !== null &&
                stats.connectionState === 'connected' &&
                stats.pairState === 'succeeded' &&
                stats.localType === 'relay' &&
                stats.remoteType === 'relay' &&
                stats.framesDecoded > 0
              );
            },
            { timeout: 45_000 },
          )
          .toBe(true)
          .catch(async (error: unknown) => {
            throw new Error(`${side.browser} not relayed and decoding: ${await describe()}\n${log.join('\n')}`, {
              cause: error,
            });
          });
        const stats = (await pairOf(side))!;
        expect(stats.localRelayProtocol, `${side.browser}: TURN over ${turn}`).toBe(turn);
        // Firefox's candidate stats have no url; Chromium's name the TURN URL the candidate came from.
        if (side.browser === 'Chromium') expect(stats.localUrl ?? '').toContain(`transport=${turn}`);
        expect(await side.page.evaluate(() => (window.e2e as SdkCallRecord).iceServers)).toEqual([
          expect.stringMatching(new RegExp(`^turn:127\\.0\\.0\\.1:\\d+\\?transport=${turn}$`)),
        ]);
        // The SDK reads Firefox's report as well as Chromium's.
        expect(await side.page.evaluate(() => (window.e2e as SdkCallRecord).sdkStats()), side.browser).toMatchObject({
          path: 'relayed',
          localCandidateType: 'relay',
          remoteCandidateType: 'relay',
        });
      }
      for (const side of sides) {
        const before = (await pairOf(side))!.framesDecoded;
        await expect
          .poll(async () => (await pairOf(side))?.framesDecoded ?? 0, {
            timeout: 20_000,
            message: `${side.browser} keeps decoding`,
          })
          .toBeGreaterThan(before + 10);
      }
    } finally {
      await context.close();
    }
  });
}
