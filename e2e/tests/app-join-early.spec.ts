// Someone who presses "Join call" while the camera is still starting joins with it, not without:
// the join waits for the capture attempt instead of entering the call with no media and then
// stopping the stream that arrives a moment later.
import { expectMediaFromEveryone, join } from '../support/app';
import { expect, newUserContext, test } from '../support/fixtures';

test('joining before the camera has started still sends camera and microphone', async ({ browser, parley }) => {
  test.setTimeout(120_000);
  const room = `early-${Date.now().toString(36)}`;
  const log: string[] = [];
  const contexts = [await newUserContext(browser, parley), await newUserContext(browser, parley)];
  // A camera that takes its time to start, as real ones often do: the real (fake-device) stream,
  // handed over three seconds late.
  await contexts[1]!.addInitScript(() => {
    const real = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
    navigator.mediaDevices.getUserMedia = async (constraints) => {
      const stream = await real(constraints);
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      return stream;
    };
  });
  try {
    const ada = await join(contexts[0]!, parley, room, 'Ada', log);
    const ben = await contexts[1]!.newPage();
    ben.on('console', (msg) => log.push(`Ben ${msg.type()}: ${msg.text()}`));
    await ben.goto(`${parley.url}/r/${room}`);
    await expect(ben.locator('.preview-off')).toHaveText('Starting camera…');
    await ben.getByLabel('Your name').fill('Ben');
    await ben.getByRole('button', { name: 'Join call' }).click();
    // Soft: the words are for the person; what matters is what reaches the call, checked below.
    await expect.soft(ben.getByRole('button', { name: 'Waiting for camera…' })).toBeDisabled();
    await expect(ben.locator('.call')).toBeVisible({ timeout: 20_000 });

    const local = await ben.evaluate(() => {
      const media = window.__parley!.room.localMedia;
      return { camera: media.camera?.readyState ?? null, microphone: media.microphone?.readyState ?? null };
    });
    expect(local).toEqual({ camera: 'live', microphone: 'live' });
    // Ada sees and hears Ben: his tracks reached the call.
    await expectMediaFromEveryone(ada, 1);
  } catch (e) {
    console.log(log.join('\n'));
    throw e;
  } finally {
    for (const context of contexts) await context.close();
  }
});
