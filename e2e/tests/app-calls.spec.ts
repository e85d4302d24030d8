// APP_CALLS (default 20, about 1.5 minutes) two-person calls through the web app, one after
// the other, each in fresh browser contexts: how many connect, and how long from clicking "Join call" to the first decoded
// remote frame on both sides. The counts are asserted (every call must connect); the times
// are measurements, printed and written to target/e2e-results.txt.
import { clickJoin, join, openPrejoin, receivedBy, recordResult } from '../support/app';
import { expect, newUserContext, test } from '../support/fixtures';

const CALLS = Number(process.env.APP_CALLS ?? 20);

test(`${CALLS} calls through the app connect; time to first remote frame`, async ({ browser, parley }) => {
  test.setTimeout(60_000 + CALLS * 45_000);
  const times: number[] = [];
  const failures: string[] = [];
  for (let call = 1; call <= CALLS; call++) {
    const room = `calls-${call}-${Date.now().toString(36)}`;
    const log: string[] = [];
    const contexts = [await newUserContext(browser, parley), await newUserContext(browser, parley)];
    try {
      const ada = await join(contexts[0]!, parley, room, 'Ada', log);
      const grace = await openPrejoin(contexts[1]!, parley, room, 'Grace', log);
      const started = Date.now();
      await clickJoin(grace);
      const decoding = async () => {
        const both = await Promise.all([receivedBy(ada), receivedBy(grace)]);
        return both.every((r) => Object.values(r).some((m) => m.framesDecoded > 0));
      };
      await expect.poll(decoding, { timeout: 30_000, intervals: [50] }).toBe(true);
      times.push(Date.now() - started);
      // A slow start is worth a look: what the SDK complained about meanwhile.
      if (Date.now() - started > 10_000)
        console.log(
          `call ${call} took ${Date.now() - started} ms:\n${log.filter((l) => l.includes('parley:')).join('\n')}`,
        );
    } catch (e) {
      failures.push(`call ${call}: ${String(e).split('\n')[0]}\n${log.join('\n')}`);
    } finally {
      for (const context of contexts) await context.close();
    }
  }
  const sorted = [...times].sort((a, b) => a - b);
  const median = sorted.length ? sorted[Math.floor((sorted.length - 1) / 2)]! : NaN;
  recordResult(
    `app calls: ${times.length}/${CALLS} connected; join click to first remote frame on both sides: ` +
      `median ${median} ms, min ${sorted[0]} ms, max ${sorted[sorted.length - 1]} ms (in call order: ${times.join(', ')})`,
  );
  expect(failures, failures.join('\n\n')).toEqual([]);
});
