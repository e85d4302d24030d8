// Token auth through the web app: the server runs with auth: token; people arrive by links that
// carry an access token in their fragment, as an application's backend would hand them out.
import { spawnSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import type { BrowserContext, Page } from '@playwright/test';
import { expectRemoteVideoPlaying, framesOf } from '../support/app';
import { expect, newUserContext, test } from '../support/fixtures';
import { findJava, parleyEnv, parleyJar, type ParleyServer } from '../support/parley';

const SECRET = 'an-e2e-secret-that-is-at-least-32-characters';

test.use({ parleyArgs: ['--auth=token', `--secret=${SECRET}`] });

/** A token from the jar's own `parley token` command; it prints the token alone on its last line. */
function mintToken(room: string, identity: string, name: string): string {
  const result = spawnSync(
    findJava(),
    [
      '-jar',
      parleyJar(),
      'token',
      '--room',
      room,
      '--identity',
      identity,
      '--name',
      name,
      '--ttl',
      '10m',
      '--secret',
      SECRET,
    ],
    { encoding: 'utf8', env: parleyEnv() },
  );
  expect(result.status, result.stderr).toBe(0);
  return result.stdout.trim().split('\n').at(-1)!;
}

/** An HS256 JWT signed with the server's secret whose exp is an hour ago, made by hand. */
function expiredToken(room: string): string {
  const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const exp = Math.floor(Date.now() / 1000) - 3600;
  const unsigned = `${base64url({ alg: 'HS256', typ: 'JWT' })}.${base64url({ sub: 'late', room, exp })}`;
  return `${unsigned}.${createHmac('sha256', SECRET).update(unsigned).digest('base64url')}`;
}

async function openWithToken(
  context: BrowserContext,
  parley: ParleyServer,
  room: string,
  token: string,
  log: string[],
  who: string,
): Promise<Page> {
  const page = await context.newPage();
  page.on('console', (msg) => log.push(`${who} ${msg.type()}: ${msg.text()}`));
  page.on('pageerror', (err) => log.push(`${who} pageerror: ${err.message}`));
  await page.goto(`${parley.url}/r/${room}#token=${token}`);
  // The app takes the token out of the address bar, so a copied link does not carry it.
  await expect(page).toHaveURL(`${parley.url}/r/${room}`);
  await expect.poll(() => framesOf(page, '.preview-video')).toBeGreaterThan(0);
  return page;
}

test('people join with minted tokens and see each other under the names the tokens give', async ({
  browser,
  parley,
}) => {
  const room = `token-${Date.now().toString(36)}`;
  const log: string[] = [];
  const contexts = await Promise.all([1, 2].map(() => newUserContext(browser, parley)));
  try {
    const ada = await openWithToken(
      contexts[0]!,
      parley,
      room,
      mintToken(room, 'user-ada', 'Ada Lovelace'),
      log,
      'Ada',
    );
    await ada.getByRole('button', { name: 'Join call' }).click();
    await expect(ada.locator('.call')).toBeVisible();

    const bob = await openWithToken(contexts[1]!, parley, room, mintToken(room, 'user-bob', 'Bob'), log, 'Bob');
    // What Bob types is overridden by the name in his token.
    await bob.getByLabel('Your name').fill('Mallory');
    await bob.getByRole('button', { name: 'Join call' }).click();
    await expect(bob.locator('.call')).toBeVisible();

    await expect(ada.locator('[data-peer-id] .name')).toHaveText('Bob', { timeout: 20_000 });
    await expect(bob.locator('[data-peer-id] .name')).toHaveText('Ada Lovelace', { timeout: 20_000 });
    await expectRemoteVideoPlaying(ada);
  } catch (e) {
    console.log(log.join('\n'));
    throw e;
  } finally {
    for (const context of contexts) await context.close();
  }
});

test('an expired token is refused with a message that says so', async ({ browser, parley }) => {
  const room = `expired-${Date.now().toString(36)}`;
  const log: string[] = [];
  const context = await newUserContext(browser, parley);
  try {
    const page = await openWithToken(context, parley, room, expiredToken(room), log, 'Late');
    await page.getByRole('button', { name: 'Join call' }).click();
    await expect(page.getByRole('alert')).toHaveText(
      /^You are not allowed into this room \(unauthorized: the access token expired at \d{4}-\d\d-\d\dT[\d:]+Z\)\.$/,
    );
    await expect(page.locator('.call')).toHaveCount(0);

    // Without any token, the server says one is needed.
    const bare = await context.newPage();
    await bare.goto(`${parley.url}/r/${room}`);
    await bare.getByRole('button', { name: 'Join call' }).click();
    await expect(bare.getByRole('alert')).toHaveText(
      'You are not allowed into this room (unauthorized: this server requires an access token: send it as token in join).',
    );
  } catch (e) {
    console.log(log.join('\n'));
    throw e;
  } finally {
    await context.close();
  }
});
