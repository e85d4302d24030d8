// Calls through the web app with Firefox in them (Debian's firefox-esr, driven by puppeteer):
// Firefox to Firefox, and Chromium to Firefox. Each person sees the other's video decoding and
// hears their audio, chat goes both ways, and a file goes each way with the same bytes.
import { createHash, randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import type { TestInfo } from '@playwright/test';
import { expectMediaFromEveryone, join } from '../support/app';
import { newUserContext } from '../support/fixtures';
import { joinInFirefox, test } from '../support/firefox';
import { chromiumPerson, expectFileDelivered, expectMessage, type Person } from '../support/person';

/** A random file that ends in a partial chunk (the SDK sends 16 KiB chunks). */
function randomFile(testInfo: TestInfo, name: string): { path: string; name: string; size: number; sha256: string } {
  const bytes = randomBytes(2 * 1024 * 1024 + 12_345);
  const path = testInfo.outputPath(name);
  writeFileSync(path, bytes);
  return { path, name, size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
}

/** See and hear each other, chat both ways, a file each way. */
async function talk(a: Person, b: Person, testInfo: TestInfo): Promise<void> {
  await expectMediaFromEveryone(a.page, 1);
  await expectMediaFromEveryone(b.page, 1);
  await a.say(`hello from ${a.browser}`);
  await b.say(`and hello from ${b.browser} <b>bold</b>`);
  await expectMessage(b, a, `hello from ${a.browser}`);
  await expectMessage(a, b, `and hello from ${b.browser} <b>bold</b>`);
  await expectFileDelivered(a, b, randomFile(testInfo, `from-${a.name}.bin`));
  await expectFileDelivered(b, a, randomFile(testInfo, `from-${b.name}.bin`));
  // Still a call after the transfers.
  await expectMediaFromEveryone(a.page, 1, { audio: false });
  await expectMediaFromEveryone(b.page, 1, { audio: false });
}

test('Firefox to Firefox: video, audio, chat and a file each way', async ({ firefox, parley }, testInfo) => {
  test.setTimeout(120_000);
  const room = `ff-ff-${Date.now().toString(36)}`;
  const log: string[] = [];
  try {
    const ada = await joinInFirefox(firefox, parley, room, 'Ada', log);
    const grace = await joinInFirefox(firefox, parley, room, 'Grace', log);
    await talk(ada, grace, testInfo);
  } catch (e) {
    console.log(log.join('\n'));
    throw e;
  }
});

test('Chromium to Firefox: video, audio, chat and a file each way', async ({ browser, firefox, parley }, testInfo) => {
  test.setTimeout(120_000);
  const room = `cr-ff-${Date.now().toString(36)}`;
  const log: string[] = [];
  const context = await newUserContext(browser, parley);
  try {
    const ada = chromiumPerson(await join(context, parley, room, 'Ada', log), 'Ada');
    const grace = await joinInFirefox(firefox, parley, room, 'Grace', log);
    await talk(ada, grace, testInfo);
  } catch (e) {
    console.log(log.join('\n'));
    throw e;
  } finally {
    await context.close();
  }
});
