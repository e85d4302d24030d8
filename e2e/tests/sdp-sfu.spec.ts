// The SFU's SDP rules (server/src/main/java/dev/parley/sdp) against real Chromium and Firefox: a
// fresh publish offer from the browser is answered by the Java answerer (server/src/test/java's
// SdpTool, on the classes `./mvnw test-compile` built), and the browser must take the answer, with
// its video sending three simulcast layers; then the subscribe offer made from those tracks must
// give one recvonly transceiver per track in the publisher's stream, and its renegotiation (the
// first track gone) must stop that one transceiver and keep the others, and a new track must take
// the freed m= section with a new mid.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page as PlaywrightPage } from '@playwright/test';
import type { Page as PuppeteerPage } from 'puppeteer-core';
import { expect } from '../support/fixtures';
import { test } from '../support/firefox';
import { findJava } from '../support/parley';
import { SCENARIOS, makeOffer } from '../sdp/offers.mjs';

const server = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'server');
const work = mkdtempSync(path.join(os.tmpdir(), 'parley-sdp-'));

function sdpTool(...args: string[]): string {
  const classpath = [path.join(server, 'target', 'classes'), path.join(server, 'target', 'test-classes')];
  return execFileSync(findJava(), ['-cp', classpath.join(path.delimiter), 'dev.parley.sdp.SdpTool', ...args], {
    encoding: 'utf8',
  });
}

function file(name: string, text: string): string {
  const at = path.join(work, name);
  writeFileSync(at, text);
  return at;
}

interface Sdps {
  answer: string;
  subscribe: string;
  renegotiated: string;
  recycled: string;
}

interface Transceiver {
  mid: string | null;
  direction: string;
  currentDirection: string | null;
  rids: (string | undefined)[];
}

/** Runs in the page: applies the SFU's answer to the publish connection makeOffer left. */
async function takeAnswer(answer: string): Promise<Transceiver[]> {
  const pc = (window as unknown as { sdpPublisher: RTCPeerConnection }).sdpPublisher;
  await pc.setRemoteDescription({ type: 'answer', sdp: answer });
  return pc.getTransceivers().map((t) => ({
    mid: t.mid,
    direction: t.direction,
    currentDirection: t.currentDirection,
    rids: t.sender.getParameters().encodings.map((e) => e.rid),
  }));
}

interface Step {
  answer: string;
  transceivers: Transceiver[];
}

interface Subscribed {
  steps: Step[];
  tracks: { mid: string | null; kind: string; streams: string[] }[];
}

/** Runs in the page: a subscribe connection taking the SFU's offers one after the other. */
async function subscribe(offers: string[]): Promise<Subscribed> {
  const pc = new RTCPeerConnection();
  const tracks: Subscribed['tracks'] = [];
  pc.ontrack = (e) => tracks.push({ mid: e.transceiver.mid, kind: e.track.kind, streams: e.streams.map((s) => s.id) });
  const steps: Step[] = [];
  for (const offer of offers) {
    await pc.setRemoteDescription({ type: 'offer', sdp: offer });
    await pc.setLocalDescription(await pc.createAnswer());
    steps.push({
      answer: pc.localDescription!.sdp,
      transceivers: pc
        .getTransceivers()
        .map((t) => ({ mid: t.mid, direction: t.direction, currentDirection: t.currentDirection, rids: [] })),
    });
  }
  return { steps, tracks };
}

/** The transceivers' mids and current directions; a stopped one as 'stopped' however it shows. */
function directions(step: Step): (string | null)[][] {
  return step.transceivers.map((t) => [t.mid, t.currentDirection ?? 'stopped']);
}

type AnyPage = Pick<PlaywrightPage, 'evaluate'> | Pick<PuppeteerPage, 'evaluate'>;

async function negotiate(page: AnyPage, browser: string, scenarioName: keyof typeof SCENARIOS): Promise<void> {
  const evaluate = page.evaluate.bind(page) as <A, R>(fn: (arg: A) => Promise<R>, arg: A) => Promise<R>;
  const scenario = SCENARIOS[scenarioName];
  const offer = await evaluate(makeOffer, scenario);
  const offerFile = file(`${browser}-${scenarioName}-publish.offer.sdp`, offer);
  const sdps = JSON.parse(sdpTool('publish', offerFile)) as Sdps;

  const published = await evaluate(takeAnswer, sdps.answer);
  expect(published.map((t) => [t.mid, t.currentDirection])).toEqual([
    ['0', 'sendonly'],
    ['1', 'sendonly'],
  ]);
  expect(published[1]!.rids).toEqual(['q', 'h', 'f']);

  const offers = [sdps.subscribe, sdps.renegotiated, sdps.recycled];
  const subscribed = await evaluate(subscribe, offers);
  const accepted = (i: number) =>
    sdpTool(
      'accepted',
      file(`${browser}-${scenarioName}-subscribe-${i}.offer.sdp`, offers[i]!),
      file(`${browser}-${scenarioName}-subscribe-${i}.answer.sdp`, subscribed.steps[i]!.answer),
    ).trim();
  expect(directions(subscribed.steps[0]!)).toEqual([
    ['0', 'recvonly'],
    ['1', 'recvonly'],
  ]);
  expect(accepted(0)).toBe('0 1');
  // Alice's audio gone: its transceiver stops, her video goes on.
  expect(directions(subscribed.steps[1]!).find(([mid]) => mid === '1')).toEqual(['1', 'recvonly']);
  expect(directions(subscribed.steps[1]!).find(([mid]) => mid === '0')?.[1] ?? 'stopped').toBe('stopped');
  expect(accepted(1)).toBe('1');
  // Carol's audio takes the freed m= section with a new mid.
  expect(directions(subscribed.steps[2]!).filter(([, direction]) => direction === 'recvonly')).toEqual(
    expect.arrayContaining([
      ['1', 'recvonly'],
      ['2', 'recvonly'],
    ]),
  );
  expect(accepted(2)).toBe('2 1');
  expect(subscribed.tracks).toEqual([
    { mid: '0', kind: 'audio', streams: ['alice'] },
    { mid: '1', kind: 'video', streams: ['alice'] },
    { mid: '2', kind: 'audio', streams: ['carol'] },
  ]);
}

// max-bundle as the SDK makes its connections: Firefox then offers the video at port 0 with
// a=bundle-only, which the answer must take rather than reject.
for (const scenario of ['audio-video-simulcast', 'audio-video-max-bundle'] as const) {
  test(`Chromium takes the SFU answer to its simulcast offer (${scenario}), and its subscribe offers`, async ({
    page,
  }) => {
    await negotiate(page, 'chromium', scenario);
  });

  test(`Firefox takes the SFU answer to its simulcast offer (${scenario}), and its subscribe offers`, async ({
    firefox,
  }) => {
    const page = await firefox.newPage();
    await negotiate(page, 'firefox', scenario);
  });
}
