// A person whose camera and microphone are refused joins receive-only: they see and hear the
// others, the others see their tile (initial, muted), and the page says what is going on.
import { expectMediaFromEveryone, join, receivedBy } from '../support/app';
import { expect, newUserContext, test } from '../support/fixtures';

test('a person without camera or microphone joins receive-only and still sees and hears the others', async ({
  browser,
  parley,
}) => {
  test.setTimeout(120_000);
  const room = `recv-${Date.now().toString(36)}`;
  const log: string[] = [];
  const contexts = [await newUserContext(browser, parley), await newUserContext(browser, parley)];
  // As if the person had clicked "Block": every capture request is refused.
  await contexts[1]!.addInitScript(() => {
    navigator.mediaDevices.getUserMedia = () =>
      Promise.reject(new DOMException('Permission denied', 'NotAllowedError'));
  });
  try {
    const ada = await join(contexts[0]!, parley, room, 'Ada', log);
    const page = await contexts[1]!.newPage();
    page.on('console', (msg) => log.push(`Ben ${msg.type()}: ${msg.text()}`));
    await page.goto(`${parley.url}/r/${room}`);
    await expect(page.getByRole('status')).toHaveText(/Access to the camera and microphone is blocked/);
    await page.getByLabel('Your name').fill('Ben');
    await page.getByRole('button', { name: 'Join call' }).click();
    const ben = page;
    await expect(ben.locator('.call')).toBeVisible();
    await expect(ben.locator('.toast.warning')).toHaveText(/they cannot see or hear you/);

    await expectMediaFromEveryone(ben, 1);
    // Ben sends nothing, yet the connection is up: chat works both ways.
    await ben.getByRole('textbox', { name: 'Message' }).fill('I can see you');
    await ben.getByRole('textbox', { name: 'Message' }).press('Enter');
    await expect(ada.locator('.chat-message:not(.mine) .chat-text')).toHaveText('I can see you');
    console.log('Ben as Ada sees him:', await ada.evaluate(() => JSON.stringify(window.__parley!.room.remotePeers)));
    const benOnAda = ada.locator('.tile[data-peer-id]');
    await expect(benOnAda).toHaveClass(/\bno-video\b/);
    await expect(benOnAda).toHaveClass(/\bmuted\b/);
    await expect(benOnAda.locator('.avatar')).toHaveText('B');
    expect(Object.values(await receivedBy(ada))).toEqual([{ framesDecoded: 0, audioEnergy: 0 }]);
  } catch (e) {
    console.log(log.join('\n'));
    throw e;
  } finally {
    for (const context of contexts) await context.close();
  }
});
