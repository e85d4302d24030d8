// The web app through a Parley restart: the call goes on peer to peer, the app says the
// connection is being restored, and says nothing once it is.
import { expectRemoteVideoPlaying, join } from '../support/app';
import { expect, newUserContext, test } from '../support/fixtures';
import { startParley, type ParleyServer } from '../support/parley';

test('a server restart shows "restoring" and the call goes on', async ({ browser }, testInfo) => {
  test.setTimeout(120_000);
  let server: ParleyServer = await startParley({ logFile: testInfo.outputPath('parley-first.log') });
  const port = server.port;
  const room = `restart-${Date.now().toString(36)}`;
  const log: string[] = [];
  const contexts = [await newUserContext(browser, server), await newUserContext(browser, server)];
  try {
    const ada = await join(contexts[0]!, server, room, 'Ada', log);
    const grace = await join(contexts[1]!, server, room, 'Grace', log);
    await expectRemoteVideoPlaying(ada);
    await expectRemoteVideoPlaying(grace);

    await server.stop();
    await expect(ada.getByText('Connection lost — restoring it…', { exact: false })).toBeVisible();
    await expectRemoteVideoPlaying(ada); // media is peer to peer: the server is not in the path

    server = await startParley({ port, logFile: testInfo.outputPath('parley-second.log') });
    await expect(ada.locator('.banner')).toBeHidden({ timeout: 30_000 });
    await expect(grace.locator('.banner')).toBeHidden({ timeout: 30_000 });
    await expect(ada.locator('.tile[data-peer-id]')).toHaveCount(1);
    await expectRemoteVideoPlaying(ada);
    await expectRemoteVideoPlaying(grace);
  } catch (e) {
    console.log(log.join('\n'));
    throw e;
  } finally {
    for (const context of contexts) await context.close();
    await server.stop();
  }
});
