// Calls through the web app with Firefox in them (Debian's firefox-esr, driven by puppeteer):
// Firefox to Firefox, and Chromium to Firefox. Each person sees the other's video decoding (in a
// codec both browsers have) and hears their audio, chat goes both ways, a file goes each way with
// the same bytes, and the SDK reports no error on the way.
import { createHash, randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import type { TestInfo } from '@playwright/test';
import { expectMediaFromEveryone, join, type InPage } from '../support/app';
import { expect, newUserContext } from '../support/fixtures';
import { joinInFirefox, test } from '../support/firefox';
import { chromiumPerson, expectFileDelivered, expectMessage, type Person } from '../support/person';

/** Keeps the page's peer connections in `window.connections`, to read their codecs. */
function keepConnections(): void {
  const kept: RTCPeerConnection[] = [];
  (window as unknown as { connections: RTCPeerConnection[] }).connections = kept;
  const Native = window.RTCPeerConnection;
  window.RTCPeerConnection = class extends Native {
    constructor(configuration?: RTCConfiguration) {
      super(configuration);
      kept.push(this);
    }
  };
}

/** The codecs of the video the page receives, and those this browser can receive at all. */
function videoCodecs(page: InPage): Promise<{ receiving: string[]; receivable: string[] }> {
  return page.evaluate(async () => {
    const receiving = new Set<string>();
    for (const pc of (window as unknown as { connections: RTCPeerConnection[] }).connections) {
      if (pc.connectionState === 'closed') continue;
      type Stat = { id: string; type: string; kind?: string; codecId?: string; mimeType?: string };
      const stats: Stat[] = [];
      (await pc.getStats()).forEach((stat: Stat) => stats.push(stat));
      for (const inbound of stats.filter((stat) => stat.type === 'inbound-rtp' && stat.kind === 'video')) {
        const codec = stats.find((stat) => stat.id === inbound.codecId);
        if (codec?.mimeType) receiving.add(codec.mimeType);
      }
    }
    const receivable = RTCRtpReceiver.getCapabilities('video')?.codecs.map((c) => c.mimeType) ?? [];
    return { receiving: [...receiving], receivable: [...new Set(receivable)] };
  });
}

/** A random file that ends in a partial chunk (the SDK sends 16 KiB chunks). */
function randomFile(testInfo: TestInfo, name: string): { path: string; name: string; size: number; sha256: string } {
  const bytes = randomBytes(2 * 1024 * 1024 + 12_345);
  const path = testInfo.outputPath(name);
  writeFileSync(path, bytes);
  return { path, name, size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
}

/** See and hear each other, chat both ways, a file each way, and the SDK reported no problem. */
async function talk(a: Person, b: Person, testInfo: TestInfo, log: string[]): Promise<void> {
  await expectMediaFromEveryone(a.page, 1);
  await expectMediaFromEveryone(b.page, 1);
  // The SDK asks for no codec: the browsers settle on one both have (Firefox ESR without the
  // OpenH264 plugin has no H.264, which Chromium would otherwise pick first).
  for (const person of [a, b]) {
    const codecs = await videoCodecs(person.page);
    expect(codecs.receiving.length, `${person.browser} receives video`).toBe(1);
    for (const other of [a, b]) {
      expect((await videoCodecs(other.page)).receivable, `${other.browser} has ${codecs.receiving[0]}`).toContain(
        codecs.receiving[0],
      );
    }
    testInfo.annotations.push({ type: 'codec', description: `${person.browser} receives ${codecs.receiving[0]}` });
  }
  await a.say(`hello from ${a.browser}`);
  await b.say(`and hello from ${b.browser} <b>bold</b>`);
  await expectMessage(b, a, `hello from ${a.browser}`);
  await expectMessage(a, b, `and hello from ${b.browser} <b>bold</b>`);
  await expectFileDelivered(a, b, randomFile(testInfo, `from-${a.name}.bin`));
  await expectFileDelivered(b, a, randomFile(testInfo, `from-${b.name}.bin`));
  // Still a call after the transfers.
  await expectMediaFromEveryone(a.page, 1, { audio: false });
  await expectMediaFromEveryone(b.page, 1, { audio: false });
  // The web app logs the SDK's quiet errors (negotiation, protocol) as "parley:" warnings.
  expect(log.filter((line) => line.includes(': parley:'))).toEqual([]);
}

test('Firefox to Firefox: video, audio, chat and a file each way', async ({ firefox, parley }, testInfo) => {
  test.setTimeout(120_000);
  const room = `ff-ff-${Date.now().toString(36)}`;
  const log: string[] = [];
  try {
    const ada = await joinInFirefox(firefox, parley, room, 'Ada', log, keepConnections);
    const grace = await joinInFirefox(firefox, parley, room, 'Grace', log, keepConnections);
    await talk(ada, grace, testInfo, log);
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
  await context.addInitScript(keepConnections);
  try {
    const ada = chromiumPerson(await join(context, parley, room, 'Ada', log), 'Ada');
    const grace = await joinInFirefox(firefox, parley, room, 'Grace', log, keepConnections);
    await talk(ada, grace, testInfo, log);
  } catch (e) {
    console.log(log.join('\n'));
    throw e;
  } finally {
    await context.close();
  }
});
