// Four people in one room through the web app: a full mesh where everyone sees and hears the
// three others, chat that reaches everyone in order, and a departure seen by all.
import type { Page } from '@playwright/test';
import { expectMediaFromEveryone, join, PHONE, saveScreenshot } from '../support/app';
import { expect, newUserContext, test } from '../support/fixtures';

const NAMES = ['Ada', 'Grace', 'Edsger', 'Barbara'];
const MESSAGES_EACH = 5;

test('four people: everyone sees three live videos, chat arrives everywhere in order, a leaver vanishes', async ({
  browser,
  parley,
}) => {
  test.setTimeout(240_000);
  const room = `four-${Date.now().toString(36)}`;
  const log: string[] = [];
  const contexts = await Promise.all(NAMES.map(() => newUserContext(browser, parley)));
  try {
    const pages: Page[] = [];
    for (const [i, name] of NAMES.entries()) {
      pages.push(await join(contexts[i]!, parley, room, name, log, i === 3 ? PHONE : undefined));
    }
    for (const page of pages) {
      await expect(page.locator('.tile[data-peer-id]')).toHaveCount(3);
      await expectMediaFromEveryone(page, 3);
      await expect(page.locator('video[data-remote="camera"]')).toHaveCount(3);
    }
    await expect(pages[0]!.locator('.count')).toHaveText('4 people');

    // Everyone sends at once; each sender's messages must arrive in the order sent.
    await Promise.all(
      pages.map(async (page, i) => {
        for (let n = 1; n <= MESSAGES_EACH; n++) {
          await page.evaluate((text) => {
            window.__parley!.room.sendMessage(text);
          }, `${NAMES[i]} #${n}`);
        }
      }),
    );
    for (const [i, page] of pages.entries()) {
      for (const [j, sender] of NAMES.entries()) {
        if (i === j) continue;
        await expect
          .poll(
            () =>
              page.evaluate(
                (from) =>
                  Array.from(document.querySelectorAll('.chat-message:not(.mine) .chat-text'))
                    .map((n) => n.textContent ?? '')
                    .filter((t) => t.startsWith(`${from} #`)),
                sender,
              ),
            { timeout: 20_000 },
          )
          .toEqual(Array.from({ length: MESSAGES_EACH }, (_, n) => `${sender} #${n + 1}`));
      }
    }
    await saveScreenshot(pages[0]!, 'call-four-people');
    await pages[3]!.locator('[data-control="chat"]').click(); // the phone opened no chat by itself
    await pages[3]!.locator('[data-control="chat"]').click();
    await saveScreenshot(pages[3]!, 'call-four-people-phone');

    // Edsger leaves: his tile goes from every other screen, and the rest carry on.
    await pages[2]!.locator('[data-control="leave"]').click();
    for (const page of [pages[0]!, pages[1]!, pages[3]!]) {
      await expect(page.locator('.tile[data-peer-id]')).toHaveCount(2);
      await expect(page.locator('.tile .name', { hasText: 'Edsger' })).toHaveCount(0);
      await expect(page.locator('.count')).toHaveText('3 people');
    }
    await expectMediaFromEveryone(pages[0]!, 2);
  } catch (e) {
    console.log(log.join('\n'));
    throw e;
  } finally {
    for (const context of contexts) await context.close();
  }
});
