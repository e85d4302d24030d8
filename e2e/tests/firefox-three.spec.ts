// Three people through the web app, two on Chromium and one on Firefox: a full mesh where each
// sees and hears the two others, and everyone's chat message reaches both others.
import { expectMediaFromEveryone, join } from '../support/app';
import { newUserContext } from '../support/fixtures';
import { joinInFirefox, test } from '../support/firefox';
import { chromiumPerson, expectMessage, type Person } from '../support/person';

test('two on Chromium and one on Firefox: everyone sees and hears the two others and gets their chat', async ({
  browser,
  firefox,
  parley,
}) => {
  test.setTimeout(120_000);
  const room = `three-${Date.now().toString(36)}`;
  const log: string[] = [];
  const contexts = [await newUserContext(browser, parley), await newUserContext(browser, parley)];
  try {
    const people: Person[] = [
      chromiumPerson(await join(contexts[0]!, parley, room, 'Ada', log), 'Ada'),
      await joinInFirefox(firefox, parley, room, 'Grace', log),
      chromiumPerson(await join(contexts[1]!, parley, room, 'Edsger', log), 'Edsger'),
    ];
    for (const person of people) await expectMediaFromEveryone(person.page, 2);
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
