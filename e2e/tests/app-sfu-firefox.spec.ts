// An SFU room (room-media=sfu) with Firefox in it, through the web app: two on Chromium and one
// on Firefox, each page playing both others' cameras, forwarded by the server, and everyone's chat
// message reaching both others through the server's broadcast.
import { expectCamerasPlaying, join } from '../support/app';
import { expect, newUserContext } from '../support/fixtures';
import { joinInFirefox, test } from '../support/firefox';
import { chromiumPerson, expectMessage, type Person } from '../support/person';

test.use({ parleyArgs: ['--room-media=sfu'] });

test('an SFU room with Firefox: two on Chromium and one on Firefox play both others and get their chat', async ({
  browser,
  firefox,
  parley,
}) => {
  test.setTimeout(120_000);
  const room = `sfu-three-${Date.now().toString(36)}`;
  const log: string[] = [];
  const contexts = [await newUserContext(browser, parley), await newUserContext(browser, parley)];
  try {
    const people: Person[] = [
      chromiumPerson(await join(contexts[0]!, parley, room, 'Ada', log), 'Ada'),
      await joinInFirefox(firefox, parley, room, 'Grace', log),
      chromiumPerson(await join(contexts[1]!, parley, room, 'Edsger', log), 'Edsger'),
    ];
    for (const person of people) {
      await expect.poll(() => person.page.evaluate(() => window.__parley?.room.mediaMode)).toBe('sfu');
      await expectCamerasPlaying(person.page, 2);
    }
    for (const person of people) await person.say(`${person.name} on ${person.browser} says hi`);
    for (const to of people) {
      for (const from of people) {
        if (from !== to) await expectMessage(to, from, `${from.name} on ${from.browser} says hi`);
      }
    }
  } catch (e) {
    console.log(log.join('\n'));
    throw e;
  } finally {
    for (const context of contexts) await context.close();
  }
});
