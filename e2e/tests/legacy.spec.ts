// Legacy mode (DESIGN.md section 2): the seed tutorial's client, unchanged, makes calls
// through Parley. Real Chromium, fake camera and microphone, one Parley jar.
import type { Browser, Page } from '@playwright/test';
import type { ParleyServer } from '../support/parley';
import { expect, newUserContext, openPage, test } from '../support/fixtures';

const CALLS = Number(process.env.LEGACY_CALLS ?? 50);
/** From the click on "start call" until both sides are connected and decoding video. */
const CALL_TIMEOUT_MS = 15_000;
const MIN_SUCCESS_RATE = 0.96;
/** Past this many failures the verdict is settled; the rest of the calls would only cost time. */
const MAX_FAILURES_BEFORE_STOP = Math.max(10, Math.ceil(CALLS * (1 - MIN_SUCCESS_RATE)) + 1);

const PAGE = 'tutorial-client.html';

declare global {
  interface Window {
    e2e: {
      wsOpen: boolean;
      wsClosed: boolean;
      received: [number, string][];
      sent: [number, string][];
      candidatesAdded: number;
      candidatesDroppedNoPc: number;
      candidatesDroppedNoRemote: number;
      remoteVideoFrames: number;
      errors: string[];
      stats(): Promise<PeerStats>;
    };
    observer: { open: boolean; closed: boolean; messages: { ms: number; type: string; data: string }[] };
  }
}

interface PeerStats {
  connectionState: string;
  iceConnectionState: string;
  signalingState: string;
  hasRemoteDescription: boolean;
  framesDecoded: number;
  audioPacketsReceived: number;
  selectedPair: string | null;
}

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
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Everything a page knows about its side of the call, for a failure report. */
async function describeSide(name: string, page: Page, consoleLines: string[]): Promise<string> {
  const state = await page
    .evaluate(async () => {
      const { stats, ...rest } = window.e2e;
      return { ...rest, stats: await stats() };
    })
    .catch((err: Error) => ({ unavailable: err.message }));
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
      caller.page.waitForFunction(() => window.e2e?.wsOpen, undefined, { timeout: 5_000 }),
      callee.page.waitForFunction(() => window.e2e?.wsOpen, undefined, { timeout: 5_000 }),
    ]);

    const clicked = Date.now();
    await caller.page.click('#startCall');

    const sides: Record<'caller' | 'callee', Side> = {
      caller: { stats: undefined as unknown as PeerStats, firstFrames: null, done: false },
      callee: { stats: undefined as unknown as PeerStats, firstFrames: null, done: false },
    };
    while (Date.now() - clicked < CALL_TIMEOUT_MS) {
      const [callerStats, calleeStats] = await Promise.all([
        caller.page.evaluate(() => window.e2e.stats()),
        callee.page.evaluate(() => window.e2e.stats()),
      ]);
      for (const [side, stats] of [[sides.caller, callerStats], [sides.callee, calleeStats]] as const) {
        side.stats = stats;
        if (stats.connectionState !== 'connected' || stats.framesDecoded === 0) continue;
        if (side.firstFrames === null) side.firstFrames = stats.framesDecoded;
        else if (stats.framesDecoded > side.firstFrames) side.done = true;
      }
      if (sides.caller.done && sides.callee.done) {
        return { index, ok: true, ms: Date.now() - clicked };
      }
      await sleep(100);
    }

    const stuck = (['caller', 'callee'] as const)
      .filter((name) => !sides[name].done)
      .map((name) => {
        const s = sides[name].stats;
        return `${name} ${s?.connectionState ?? '?'}/ice ${s?.iceConnectionState ?? '?'}, ` +
          `remote description ${s?.hasRemoteDescription ? 'set' : 'missing'}, ` +
          `${s?.framesDecoded ?? 0} frames decoded`;
      });
    return {
      index,
      ok: false,
      ms: Date.now() - clicked,
      reason: `not connected and decoding within ${CALL_TIMEOUT_MS} ms: ${stuck.join('; ')}`,
      details: [
        await describeSide('caller', caller.page, caller.console),
        await describeSide('callee', callee.page, callee.console),
      ].join('\n'),
    };
  } catch (err) {
    return { index, ok: false, ms: 0, reason: `harness error: ${(err as Error).message}` };
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
      await sender.waitForFunction(() => window.e2e?.wsOpen);
      await observer.waitForFunction(() => window.observer?.open);

      await sender.click('#startCall');
      await sender.waitForFunction(() => window.e2e.sent.some(([, type]) => type === 'offer'));
      // Delivery works, so silence towards the sender below means "not echoed", not "lost".
      await observer.waitForFunction(() => window.observer.messages.some((m) => m.type === 'offer'),
        undefined, { timeout: 5_000 });
      await sleep(1_000);

      const sent = await sender.evaluate(() => window.e2e.sent.map(([, type]) => type));
      expect(sent).toContain('ice-candidate'); // candidates went out too, and were not echoed
      expect(await sender.evaluate(() => window.e2e.received)).toEqual([]);
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
    const times = succeeded.map((r) => r.ms).sort((a, b) => a - b);
    const pct = (100 * succeeded.length) / CALLS;
    const summary = [
      `legacy calls: ${succeeded.length}/${CALLS} succeeded (${pct.toFixed(1)}%)` +
        (results.length < CALLS ? ` [stopped after ${results.length}]` : ''),
      times.length > 0
        ? `  time to connected + decoding video: median ${times[Math.floor(times.length / 2)]} ms, ` +
          `max ${times[times.length - 1]} ms`
        : '  no call succeeded',
      `  run took ${((Date.now() - started) / 1000).toFixed(1)} s; server log: ${parley.logFile}`,
      ...results.filter((r) => !r.ok).map((r) => `  call ${r.index} failed: ${r.reason}`),
    ].join('\n');
    console.log(summary);
    await testInfo.attach('legacy-calls.txt', { body: summary, contentType: 'text/plain' });

    // Calls that never ran count as failures.
    expect(succeeded.length / CALLS, summary).toBeGreaterThanOrEqual(MIN_SUCCESS_RATE);
  });
});
