// Legacy mode (DESIGN.md section 2): the seed tutorial's client, unchanged, makes calls
// through Parley. Real Chromium, fake camera and microphone, one Parley jar for all calls.
// A call succeeds when, within CALL_TIMEOUT_MS of the click on "start call", both peer
// connections are `connected` and both sides' inbound video framesDecoded keeps growing.
import type { Browser, Page } from '@playwright/test';
import type { PeerStats, TutorialClientRecord } from '../support/pages';
import type { ParleyServer } from '../support/parley';
import { expect, newUserContext, openPage, test } from '../support/fixtures';

const CALLS = Number(process.env.LEGACY_CALLS ?? 50);
/** From the click on "start call" until both sides are connected and decoding video. */
const CALL_TIMEOUT_MS = 15_000;
const MIN_SUCCESS_RATE = 0.96;
/**
 * Calls in which neither client dropped a candidate. Looser than MIN_SUCCESS_RATE: on a busy
 * machine a page or the browser can stall for longer than the server's hold, and then gets the
 * description and the candidates back to back (seen: about 1 call in 150 under a load average
 * of 11 on 2 cores). A server that does not hold candidates at all drops them in half the calls.
 */
const MIN_CLEAN_RATE = 0.9;
/**
 * LEGACY_CPU_THROTTLE=N slows both pages' main threads N times (Chromium's CPU throttling), to
 * see how the server's hold copes with slow clients. Off by default.
 */
const CPU_THROTTLE = Number(process.env.LEGACY_CPU_THROTTLE ?? 1);
/** Past this many failures the verdict is settled; the rest of the calls would only cost time. */
const MAX_FAILURES_BEFORE_STOP = Math.max(10, Math.ceil(CALLS * (1 - MIN_SUCCESS_RATE)) + 1);

const PAGE = 'tutorial-client.html';

interface Side {
  stats: PeerStats;
  /** framesDecoded when the side was first seen connected and decoding. */
  firstFrames: number | null;
  done: boolean;
}

interface CallResult {
  index: number;
  ok: boolean;
  /** Click on "start call" until both sides decoded more frames after connecting. */
  ms: number;
  reason?: string;
  details?: string;
  /** Candidates the two tutorial clients threw away (arrived before their remote description). */
  dropped?: number;
  /** The caller's selected ICE candidate pair. */
  pair?: string | null;
}

/** e.g. "host fd00::2 -> host fd00::2 (udp) x41, host 127.0.0.1 -> host 192.0.2.2 (udp) x9" */
function countPairs(results: CallResult[]): string {
  const counts = new Map<string, number>();
  for (const r of results) counts.set(r.pair ?? 'unknown', (counts.get(r.pair ?? 'unknown') ?? 0) + 1);
  return [...counts]
    .sort((a, b) => b[1] - a[1])
    .map(([pair, n]) => `${pair} x${n}`)
    .join(', ');
}

/** Candidates the tutorial client on this page threw away; undefined if the page is gone. */
async function droppedCandidates(page: Page | undefined): Promise<number | undefined> {
  if (!page) return undefined;
  return page
    .evaluate(() => {
      const e2e = window.e2e as TutorialClientRecord;
      return e2e.candidatesDroppedNoPc + e2e.candidatesDroppedNoRemote;
    })
    .catch(() => undefined);
}

async function droppedInCall(pages: (Page | undefined)[]): Promise<number | undefined> {
  const counts = await Promise.all(pages.map(droppedCandidates));
  return counts.some((n) => n === undefined) ? undefined : counts.reduce((a, b) => a! + b!, 0);
}

/**
 * Both sides' timelines on one clock (ms since the click on "start call"): what each client
 * received and when its remote description was set, to see why it dropped candidates.
 */
async function timelines(sides: [string, Page][], clicked: number): Promise<string> {
  const lines: [number, string][] = [];
  for (const [name, page] of sides) {
    const got = await page
      .evaluate(() => {
        const e2e = window.e2e as TutorialClientRecord;
        return { origin: performance.timeOrigin, timeline: e2e.timeline, t0: e2e.t0 };
      })
      .catch(() => undefined);
    if (!got) continue;
    for (const entry of got.timeline) {
      const space = entry.indexOf(' ');
      const at = got.origin + got.t0 + Number(entry.slice(0, space)) - clicked;
      lines.push([at, `${name} ${entry.slice(space + 1)}`]);
    }
  }
  lines.sort((a, b) => a[0] - b[0]);
  // Runs of the same event collapse into one line with a count.
  const out: string[] = [];
  let last = '';
  let count = 0;
  for (const [at, text] of lines) {
    if (text === last) {
      count++;
      continue;
    }
    if (count > 1) out.push(`${out.pop()!} (x${count})`);
    out.push(`    ${at.toFixed(0).padStart(6)} ms  ${text}`);
    last = text;
    count = 1;
  }
  if (count > 1) out.push(`${out.pop()!} (x${count})`);
  return out.join('\n');
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Everything a page knows about its side of the call, for a failure report. */
async function describeSide(name: string, page: Page, consoleLines: string[]): Promise<string> {
  const state = await page
    .evaluate(async () => {
      // received, sent and timeline are printed as one timeline instead.
      const { stats, received, sent, timeline, ...rest } = window.e2e as TutorialClientRecord;
      return { ...rest, stats: await stats() };
    })
    .catch((err: unknown) => ({ unavailable: err instanceof Error ? err.message : String(err) }));
  return [
    `  ${name}: ${JSON.stringify(state)}`,
    `  ${name} console (last 15):`,
    ...consoleLines.slice(-15).map((line) => `    ${line}`),
  ].join('\n');
}

async function runCall(browser: Browser, parley: ParleyServer, index: number): Promise<CallResult> {
  const callerContext = await newUserContext(browser, parley);
  const calleeContext = await newUserContext(browser, parley);
  try {
    const caller = await openPage(callerContext, parley, PAGE);
    const callee = await openPage(calleeContext, parley, PAGE);
    // The callee sends nothing before the offer: the server keeps it in the audience.
    await Promise.all([
      caller.page.waitForFunction(() => (window.e2e as TutorialClientRecord | undefined)?.wsOpen, undefined, {
        timeout: 5_000,
      }),
      callee.page.waitForFunction(() => (window.e2e as TutorialClientRecord | undefined)?.wsOpen, undefined, {
        timeout: 5_000,
      }),
    ]);

    if (CPU_THROTTLE > 1) {
      for (const [context, page] of [
        [callerContext, caller.page],
        [calleeContext, callee.page],
      ] as const) {
        const cdp = await context.newCDPSession(page);
        await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_THROTTLE });
      }
    }

    const clicked = Date.now();
    await caller.page.click('#startCall');

    const sides: Record<'caller' | 'callee', Side> = {
      caller: { stats: undefined as unknown as PeerStats, firstFrames: null, done: false },
      callee: { stats: undefined as unknown as PeerStats, firstFrames: null, done: false },
    };
    while (Date.now() - clicked < CALL_TIMEOUT_MS) {
      const [callerStats, calleeStats] = await Promise.all([
        caller.page.evaluate(() => (window.e2e as TutorialClientRecord).stats()),
        callee.page.evaluate(() => (window.e2e as TutorialClientRecord).stats()),
      ]);
      for (const [side, stats] of [
        [sides.caller, callerStats],
        [sides.callee, calleeStats],
      ] as const) {
        side.stats = stats;
        if (stats.connectionState !== 'connected' || stats.framesDecoded === 0) continue;
        if (side.firstFrames === null) side.firstFrames = stats.framesDecoded;
        else if (stats.framesDecoded > side.firstFrames) side.done = true;
      }
      if (sides.caller.done && sides.callee.done) {
        const ms = Date.now() - clicked;
        const dropped = await droppedInCall([caller.page, callee.page]);
        return {
          index,
          ok: true,
          ms,
          dropped,
          pair: sides.caller.stats.selectedPair,
          details:
            dropped === 0
              ? undefined
              : `  timeline (0 ms = ${new Date(clicked).toISOString()}):\n${await timelines(
                  [
                    ['caller', caller.page],
                    ['callee', callee.page],
                  ],
                  clicked,
                )}`,
        };
      }
      await sleep(100);
    }

    const stuck = (['caller', 'callee'] as const)
      .filter((name) => !sides[name].done)
      .map((name) => {
        const s = sides[name].stats;
        return (
          `${name} ${s?.connectionState ?? '?'}/ice ${s?.iceConnectionState ?? '?'}, ` +
          `remote description ${s?.hasRemoteDescription ? 'set' : 'missing'}, ` +
          `${s?.framesDecoded ?? 0} frames decoded`
        );
      });
    return {
      index,
      ok: false,
      ms: Date.now() - clicked,
      reason: `not connected and decoding within ${CALL_TIMEOUT_MS} ms: ${stuck.join('; ')}`,
      dropped: await droppedInCall([caller.page, callee.page]),
      details: [
        await describeSide('caller', caller.page, caller.console),
        await describeSide('callee', callee.page, callee.console),
        `  timeline (0 ms = ${new Date(clicked).toISOString()}):\n${await timelines(
          [
            ['caller', caller.page],
            ['callee', callee.page],
          ],
          clicked,
        )}`,
      ].join('\n'),
    };
  } catch (err) {
    const details = await Promise.all(
      [callerContext, calleeContext].map(async (context, i) => {
        const page = context.pages()[0];
        return page ? describeSide(i === 0 ? 'caller' : 'callee', page, []) : '';
      }),
    ).catch(() => []);
    return {
      index,
      ok: false,
      ms: 0,
      reason: `harness error: ${(err as Error).message.split('\n')[0]}`,
      dropped: await droppedInCall([callerContext.pages()[0], calleeContext.pages()[0]]),
      details: details.join('\n'),
    };
  } finally {
    // Closing the pages closes their WebSockets; the next call starts with a quiet server.
    await Promise.all([callerContext.close(), calleeContext.close()]);
  }
}

test.describe('legacy mode', () => {
  test('a legacy message is broadcast to others and never echoed to its sender', async ({ browser, parley }) => {
    const senderContext = await newUserContext(browser, parley);
    const observerContext = await newUserContext(browser, parley);
    try {
      const { page: sender } = await openPage(senderContext, parley, PAGE);
      const { page: observer } = await openPage(observerContext, parley, 'observer.html');
      await sender.waitForFunction(() => (window.e2e as TutorialClientRecord | undefined)?.wsOpen);
      await observer.waitForFunction(() => window.observer?.open);

      await sender.click('#startCall');
      await sender.waitForFunction(() =>
        (window.e2e as TutorialClientRecord).sent.some(([, type]) => type === 'offer'),
      );
      // Delivery works, so silence towards the sender below means "not echoed", not "lost".
      await observer.waitForFunction(() => window.observer.messages.some((m) => m.type === 'offer'), undefined, {
        timeout: 5_000,
      });
      await sleep(1_000);

      const sent = await sender.evaluate(() => (window.e2e as TutorialClientRecord).sent.map(([, type]) => type));
      expect(sent).toContain('ice-candidate'); // candidates went out too, and were not echoed
      expect(await sender.evaluate(() => (window.e2e as TutorialClientRecord).received)).toEqual([]);
    } finally {
      await Promise.all([senderContext.close(), observerContext.close()]);
    }
  });

  test(`the tutorial's client completes calls (${CALLS} calls)`, async ({ browser, parley }, testInfo) => {
    // A successful call takes about 2 s; a failed one up to CALL_TIMEOUT_MS plus page setup.
    test.setTimeout(CALLS * 6_000 + MAX_FAILURES_BEFORE_STOP * (CALL_TIMEOUT_MS + 5_000) + 60_000);
    const started = Date.now();
    const results: CallResult[] = [];
    let failures = 0;
    for (let i = 1; i <= CALLS; i++) {
      const result = await runCall(browser, parley, i);
      results.push(result);
      if (result.ok && result.dropped !== 0) {
        console.log(
          `call ${i}/${CALLS} succeeded, but a client dropped ${result.dropped ?? 'some'} ` +
            `candidates\n${result.details ?? ''}`,
        );
      }
      if (!result.ok) {
        failures++;
        console.log(`call ${i}/${CALLS} FAILED after ${result.ms} ms: ${result.reason}\n${result.details ?? ''}`);
        if (failures >= MAX_FAILURES_BEFORE_STOP) {
          console.log(`stopping after ${failures} failures: the success rate can no longer pass`);
          break;
        }
      }
    }

    const succeeded = results.filter((r) => r.ok);
    const withDrops = results.filter((r) => r.dropped !== 0); // unknown counts as dropped
    const clean = results.filter((r) => r.dropped === 0).length;
    const times = succeeded.map((r) => r.ms).sort((a, b) => a - b);
    const pct = (100 * succeeded.length) / CALLS;
    const summary = [
      `legacy calls: ${succeeded.length}/${CALLS} succeeded (${pct.toFixed(1)}%)` +
        (results.length < CALLS ? ` [stopped after ${results.length}]` : ''),
      times.length > 0
        ? `  click to both sides connected and decoding video: median ` +
          `${times[Math.floor(times.length / 2)]} ms, max ${times[times.length - 1]} ms`
        : '  no call succeeded',
      `  candidates the clients dropped (arrived before their remote description): ` +
        `${results.reduce((n, r) => n + (r.dropped ?? 0), 0)}, in ${withDrops.length} of ` +
        `${results.length} calls`,
      `  caller's selected ICE pairs: ${countPairs(succeeded)}`,
      `  run took ${((Date.now() - started) / 1000).toFixed(1)} s; server log: ${parley.logFile}`,
      ...results.filter((r) => !r.ok).map((r) => `  call ${r.index} failed: ${r.reason}`),
    ].join('\n');
    console.log(summary);
    await testInfo.attach('legacy-calls.txt', { body: summary, contentType: 'text/plain' });

    // Calls that never ran count as failures.
    expect(succeeded.length / CALLS, summary).toBeGreaterThanOrEqual(MIN_SUCCESS_RATE);
    // Between two browsers on one machine a call survives dropped candidates (ICE learns the
    // dropped addresses as peer-reflexive ones from the other side's checks), so success
    // alone would not notice the server delivering candidates early. Count the drops too.
    expect(
      clean / CALLS,
      `calls in which a client dropped candidates: ${withDrops.length}/${CALLS}\n${summary}`,
    ).toBeGreaterThanOrEqual(MIN_CLEAN_RATE);
  });
});
