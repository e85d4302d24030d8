// The web app's error screens, against a server that admits two people per room.
import { framesOf, join } from '../support/app';
import { expect, newUserContext, test } from '../support/fixtures';

test.use({ parleyArgs: ['--max-peers-per-room=2'] });

test('a full room is refused on the pre-join screen, with a clear message and a retry', async ({ browser, parley }) => {
  const room = `full-${Date.now().toString(36)}`;
  const log: string[] = [];
  const contexts = await Promise.all([1, 2, 3].map(() => newUserContext(browser, parley)));
  try {
    await join(contexts[0]!, parley, room, 'Ada', log);
    await join(contexts[1]!, parley, room, 'Bob', log);
    const page = await contexts[2]!.newPage();
    await page.goto(`${parley.url}/r/${room}`);
    await page.getByLabel('Your name').fill('Grace');
    await page.getByRole('button', { name: 'Join call' }).click();
    await expect(page.getByRole('alert')).toHaveText('This room is full. Try again later, or start a new room.');
    await expect(page.getByRole('button', { name: 'Try again' })).toBeEnabled();
    // The preview is live again for the next attempt.
    await expect.poll(() => framesOf(page, '.preview-video')).toBeGreaterThan(0);
  } catch (e) {
    console.log(log.join('\n'));
    throw e;
  } finally {
    for (const context of contexts) await context.close();
  }
});
