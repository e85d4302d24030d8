// The web app, served by Parley itself: two people open the same /r/<room> link, join
// through the pre-join screen (fake camera and microphone), see each other's video and chat.
import { expectRemoteVideoPlaying, join, PHONE, saveScreenshot } from '../support/app';
import { expect, newUserContext, test } from '../support/fixtures';

test('two people join a room through the app, see each other, chat and send a file', async ({
  browser,
  parley,
}, testInfo) => {
  const room = `app-${Date.now().toString(36)}`;
  const log: string[] = [];
  const contexts = [await newUserContext(browser, parley), await newUserContext(browser, parley)];
  try {
    const ada = await join(contexts[0]!, parley, room, 'Ada', log, undefined, testInfo);
    const grace = await join(contexts[1]!, parley, room, 'Grace <b>Hopper</b>', log, PHONE);

    await expectRemoteVideoPlaying(ada);
    await expectRemoteVideoPlaying(grace);
    // Names are text: the markup in Grace's name shows as typed.
    await expect(ada.locator('.tile[data-peer-id] .name')).toHaveText('Grace <b>Hopper</b>');
    await expect(grace.locator('.tile[data-peer-id] .name')).toHaveText('Ada');
    await expect(ada.locator('.count')).toHaveText('2 people');

    // Mute and camera off show on the other side (the peer announces its media state).
    const adaOnGrace = grace.locator('.tile[data-peer-id]');
    await ada.locator('[data-control="microphone"]').click();
    await ada.locator('[data-control="camera"]').click();
    await expect(adaOnGrace).toHaveClass(/\bmuted\b/);
    await expect(adaOnGrace).toHaveClass(/\bno-video\b/);
    await expect(adaOnGrace.locator('.avatar')).toHaveText('A');
    await ada.locator('[data-control="microphone"]').click();
    await ada.locator('[data-control="camera"]').click();
    await expect(adaOnGrace).not.toHaveClass(/\bmuted\b/);
    await expect(adaOnGrace).not.toHaveClass(/\bno-video\b/);
    await expectRemoteVideoPlaying(grace);

    // The laptop-sized page shows the chat; the phone opens it with the chat button.
    const text = 'hello <img src=x onerror="window.pwned=1"> & welcome';
    await ada.getByRole('textbox', { name: 'Message' }).fill(text);
    await ada.getByRole('textbox', { name: 'Message' }).press('Enter');
    await expect(ada.locator('.chat-message.mine .chat-text')).toHaveText(text);
    await expect(grace.locator('.unread')).toHaveText('1');
    await grace.locator('[data-control="chat"]').click();
    await expect(grace.locator('.chat-message .chat-text')).toHaveText(text);
    await expect(grace.locator('.chat-message .chat-from')).toHaveText('Ada');
    await expect(grace.locator('.chat-list img')).toHaveCount(0);
    expect(await grace.evaluate(() => 'pwned' in window)).toBe(false);

    // A file through the picker: a progress bar, then a download link with the same bytes.
    const content = 'Parley file test\n'.repeat(20_000);
    await ada
      .locator('input[type="file"]')
      .setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from(content) });
    await expect(ada.locator('.chat-message.file .file-status')).toHaveText('Delivered', { timeout: 20_000 });
    const download = grace.getByRole('link', { name: 'Download' });
    await expect(download).toBeVisible({ timeout: 20_000 });
    await expect(download).toHaveAttribute('download', 'notes.txt');
    expect(await download.evaluate(async (a: HTMLAnchorElement) => (await fetch(a.href)).text())).toBe(content);

    // The quality dot opens a live graph of bitrate and round-trip time, fed by the SDK's stats.
    const graceOnAda = ada.locator('.tile[data-peer-id]');
    await graceOnAda.locator('.quality-button').click();
    const graph = graceOnAda.locator('.stats-panel');
    await expect(graph).toBeVisible();
    await expect(graph.locator('.stats-value').first()).toHaveText(/↓ [\d.]+ (k|M)bit\/s/);
    await expect(graph.locator('.stats-value').last()).toHaveText(/^\d+ ms$/);
    const line = graph.locator('path.line-in');
    const firstLine = await line.getAttribute('d');
    await expect.poll(() => line.getAttribute('d')).not.toBe(firstLine); // it moves on
    expect(await graph.locator('path.line-rtt').getAttribute('d')).toMatch(/^M[\d.]+ [\d.]+/);

    await ada.screenshot({ path: testInfo.outputPath('app-two-peers.png') });
    await saveScreenshot(ada, 'call-two-people');
    await grace.screenshot({ path: testInfo.outputPath('app-two-peers-phone-chat.png') });
    await grace.locator('[data-control="chat"]').click();
    await grace.screenshot({ path: testInfo.outputPath('app-two-peers-phone.png') });
    await saveScreenshot(grace, 'call-two-people-phone');

    // Leaving removes the tile on the other side and says who left.
    await grace.locator('[data-control="leave"]').click();
    await expect(grace.getByText('You left the call')).toBeVisible();
    await expect(ada.locator('.tile[data-peer-id]')).toHaveCount(0);
    await expect(ada.locator('.toast').filter({ hasText: 'left.' })).toBeVisible();
  } catch (e) {
    console.log(log.join('\n'));
    throw e;
  } finally {
    for (const context of contexts) await context.close();
  }
});
