// Parley restarted mid-call (same port, same secret): media goes on peer to peer while the
// server is away, both people resume with the peer ids they had, and a newcomer can join.
import { expectMediaFromEveryone, join, receivedBy } from '../support/app';
import { expect, newUserContext, test } from '../support/fixtures';
import { startParley, type ParleyServer } from '../support/parley';

// Resume tokens are signed with the secret: a server started without one makes up a new one
// each time, and every client would come back as a stranger with a new peer id. No TURN: this
// worker's own server may hold the default TURN port, and loopback calls do not need a relay.
const ARGS = ['--secret', 'e2e-restart-secret-0123456789abcdef', '--turn', 'false'];

test('a server restart mid-call: media keeps flowing, sessions resume, a third person joins', async ({
  browser,
}, testInfo) => {
  test.setTimeout(180_000);
  let server: ParleyServer = await startParley({ args: ARGS, logFile: testInfo.outputPath('parley-first.log') });
  const port = server.port;
  const room = `restart-${Date.now().toString(36)}`;
  const log: string[] = [];
  const contexts = await Promise.all([1, 2, 3].map(() => newUserContext(browser, server)));
  const peerIds = (...pages: import('@playwright/test').Page[]) =>
    Promise.all(pages.map((p) => p.evaluate(() => window.__parley?.room.peerId ?? null)));
  try {
    const ada = await join(contexts[0]!, server, room, 'Ada', log);
    const grace = await join(contexts[1]!, server, room, 'Grace', log);
    await expectMediaFromEveryone(ada, 1);
    await expectMediaFromEveryone(grace, 1);
    const idsBefore = await peerIds(ada, grace);

    await server.stop();
    await expect(ada.locator('.banner')).toHaveText(/Connection lost — restoring it/);
    await expect(grace.locator('.banner')).toHaveText(/Connection lost — restoring it/);
    // Media is peer to peer: with no server at all, both still decode and hear each other.
    await expectMediaFromEveryone(ada, 1);
    await expectMediaFromEveryone(grace, 1);

    server = await startParley({
      port,
      args: ARGS,
      startTimeoutMs: 90_000,
      logFile: testInfo.outputPath('parley-second.log'),
    });
    // The SDK retries with backoff capped at 10 s; give it a few tries.
    await expect(ada.locator('.banner')).toBeHidden({ timeout: 45_000 });
    await expect(grace.locator('.banner')).toBeHidden({ timeout: 45_000 });
    expect(await peerIds(ada, grace)).toEqual(idsBefore);
    await expect(ada.locator('.tile[data-peer-id]')).toHaveCount(1);
    await expect(grace.locator('.tile[data-peer-id]')).toHaveCount(1);
    await expect(ada.locator('.toast').filter({ hasText: 'left' })).toHaveCount(0);
    await expectMediaFromEveryone(ada, 1);
    await expectMediaFromEveryone(grace, 1);

    // The restarted server knows the room again: a newcomer meets both.
    const lin = await join(contexts[2]!, server, room, 'Lin', log);
    await expectMediaFromEveryone(lin, 2);
    await expectMediaFromEveryone(ada, 2);
    await expectMediaFromEveryone(grace, 2);
    await expect(lin.locator('.count')).toHaveText('3 people');
    expect(Object.keys(await receivedBy(lin)).sort()).toEqual([...idsBefore].sort());
  } catch (e) {
    console.log(log.join('\n'));
    throw e;
  } finally {
    for (const context of contexts) await context.close();
    await server.stop();
  }
});
