// Calls through the NAT lab (lab.ts): two people in the web app, each in headless Chromium in a
// client namespace of its own, behind the routers a scenario builds, calling through a Parley on
// the lab's internet. Each scenario asserts that the call connects (video decoded both ways)
// and which path ICE took: the candidate types of the selected pair on both sides and, when a
// side relays, how it reaches TURN. The last one has no path at all and asserts the notice.
// One more is an SFU room, where each side's path is to the server's media port, through TURN
// on the web port for the side behind the firewall that passes only TCP 443.
import { chromium, test as base, type Browser, type Page } from '@playwright/test';
import { appendFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { expectCallBlockedNotice, expectCamerasPlaying, expectRemoteVideoPlaying, join } from '../support/app';
import { chromiumArgs, chromiumPath } from '../support/chromium';
import { recordConnections, selectedPaths, type SelectedPath } from '../support/connections';
import { expect, newUserContext } from '../support/fixtures';
import { startParley, type ParleyServer } from '../support/parley';
import {
  buildInternet,
  buildSite,
  chromiumIn,
  labUnavailable,
  removeWrappers,
  SERVER_IP,
  SERVER_IP_2,
  SERVER_NS,
  tearDown,
  tearDownSites,
  type Site,
} from './lab';

const PORT = 443;

/** The path one side's call took, from the SDK's getStats. */
interface Path {
  readonly local: string | null;
  readonly remote: string | null;
  readonly relayProtocol: string | null;
}

// eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-invalid-void-type -- Playwright's types: no test fixtures; `lab` has no value
const test = base.extend<{}, { lab: void; server: ParleyServer }>({
  // The internet and the server's namespace, for every test of the worker; torn down at its
  // end, also after a failure (and a killed run's leftovers go when the next run builds).
  lab: [
    async ({}, use) => {
      const unavailable = labUnavailable();
      if (unavailable) throw new Error(`${unavailable}; run the tests with ./test as root`);
      buildInternet();
      try {
        await use();
      } finally {
        tearDown();
        removeWrappers();
      }
    },
    { scope: 'worker', auto: true },
  ],
  server: [
    // eslint-disable-next-line @typescript-eslint/no-unused-vars -- asked for so that it is built first: the server runs in its namespace
    async ({ lab }, use, workerInfo) => {
      // The web on 443 serves TURN over TCP too; TURN's own port 3478 serves UDP and TCP.
      const server = await startParley({
        netns: SERVER_NS,
        bind: SERVER_IP,
        port: PORT,
        logFile: path.join(workerInfo.project.outputDir, 'parley-nat.log'),
      });
      try {
        await use(server);
      } finally {
        await server.stop();
      }
    },
    { scope: 'worker', timeout: 90_000 },
  ],
});

const browsers: Browser[] = [];
test.afterEach(async () => {
  for (const browser of browsers.splice(0)) await browser.close();
  tearDownSites();
});

/** A Chromium whose network is `ns`'s; pages from the lab's servers count as secure (camera). */
function launchIn(ns: string): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumIn(ns, chromiumPath!),
    args: [
      ...chromiumArgs,
      `--unsafely-treat-insecure-origin-as-secure=http://${SERVER_IP}:${PORT},http://${SERVER_IP_2}:${PORT}`,
    ],
  });
}

async function pathOf(page: Page): Promise<Path> {
  return page.evaluate(async () => {
    const room = window.__parley!.room;
    const stats = await room.getStats(room.remotePeers[0]!.id);
    return {
      local: stats?.localCandidateType ?? null,
      remote: stats?.remoteCandidateType ?? null,
      relayProtocol: stats?.relayProtocol ?? null,
    };
  });
}

/** How one side's path reads in the table: local → remote candidate type, and the relay's transport. */
const describe = (p: Path) => `${p.local} → ${p.remote}${p.relayProtocol ? ` (TURN over ${p.relayProtocol})` : ''}`;

/** Appends a row to test-results/nat-paths.md, the table docs/networks.md reports. */
function record(scenario: string, ada: string, ben: string): void {
  const file = path.join(test.info().project.outputDir, 'nat-paths.md');
  mkdirSync(path.dirname(file), { recursive: true });
  appendFileSync(file, `| ${scenario} | ${ada} | ${ben} |\n`);
}

/**
 * Ada at site A and Ben at site B join one room through `server`; returns their pages once
 * each decodes the other's video, or as soon as both are in the call when `connects` is false.
 */
async function call(server: Pick<ParleyServer, 'url'>, a: Site, b: Site, connects = true): Promise<[Page, Page]> {
  browsers.push(await launchIn(buildSite('A', a)), await launchIn(buildSite('B', b)));
  const log: string[] = [];
  const room = `nat-${Date.now().toString(36)}`;
  try {
    const ada = await join(await newUserContext(browsers[0]!, server), server, room, 'Ada', log);
    const ben = await join(await newUserContext(browsers[1]!, server), server, room, 'Ben', log);
    if (connects) {
      await expectRemoteVideoPlaying(ada);
      await expectRemoteVideoPlaying(ben);
      // The pair is chosen by the time video decodes; its stats may lag a moment behind.
      for (const page of [ada, ben]) await expect.poll(async () => (await pathOf(page)).local).not.toBeNull();
    }
    await test.info().attach('console', { body: log.join('\n') });
    return [ada, ben];
  } catch (e) {
    console.log(log.join('\n'));
    throw e;
  }
}

const PUBLIC: Site = { kind: 'public' };
const HOME: Site = { kind: 'behind-nat', nat: 'endpoint-independent', firewall: 'open' };
const SYMMETRIC: Site = { kind: 'behind-nat', nat: 'symmetric', firewall: 'open' };
const NO_UDP: Site = { kind: 'behind-nat', nat: 'endpoint-independent', firewall: 'no-udp' };
const TCP_443: Site = { kind: 'behind-nat', nat: 'endpoint-independent', firewall: 'tcp-443-only' };

const direct = (p: Path) => p.local !== 'relay' && p.remote !== 'relay';

test('no NAT: both people public, the call goes direct between host candidates', async ({ server }) => {
  const [ada, ben] = await call(server, PUBLIC, PUBLIC);
  const paths = [await pathOf(ada), await pathOf(ben)] as const;
  record('no NAT (both public)', describe(paths[0]), describe(paths[1]));
  for (const p of paths) {
    expect(p.local).toBe('host');
    expect(['host', 'prflx']).toContain(p.remote);
  }
});

test('one person public, one behind a home NAT: direct, not relayed', async ({ server }) => {
  const [ada, ben] = await call(server, PUBLIC, HOME);
  const paths = [await pathOf(ada), await pathOf(ben)] as const;
  record('one public, one behind endpoint-independent NAT', describe(paths[0]), describe(paths[1]));
  expect(paths.every(direct), JSON.stringify(paths)).toBe(true);
  // Ada sees Ben at his router's address, never at his private one.
  expect(['srflx', 'prflx']).toContain(paths[0].remote);
});

test('both behind endpoint-independent NATs: direct through the mapped addresses', async ({ server }) => {
  const [ada, ben] = await call(server, HOME, HOME);
  const paths = [await pathOf(ada), await pathOf(ben)] as const;
  record('both behind endpoint-independent NAT', describe(paths[0]), describe(paths[1]));
  expect(paths.every(direct), JSON.stringify(paths)).toBe(true);
  for (const p of paths) expect(['srflx', 'prflx']).toContain(p.remote);
});

test('both behind symmetric NATs: relayed through TURN over UDP', async ({ server }) => {
  const [ada, ben] = await call(server, SYMMETRIC, SYMMETRIC);
  const paths = [await pathOf(ada), await pathOf(ben)] as const;
  record('both behind symmetric NAT (`--random-fully`)', describe(paths[0]), describe(paths[1]));
  // At least one side relays; a side that does reaches TURN over UDP.
  expect(
    paths.some((p) => p.local === 'relay'),
    JSON.stringify(paths),
  ).toBe(true);
  for (const p of paths) if (p.local === 'relay') expect(p.relayProtocol).toBe('udp');
});

test('UDP dropped on both networks: relayed through TURN over TCP', async ({ server }) => {
  const [ada, ben] = await call(server, NO_UDP, NO_UDP);
  const paths = [await pathOf(ada), await pathOf(ben)] as const;
  record('UDP dropped (both)', describe(paths[0]), describe(paths[1]));
  for (const p of paths) {
    expect(p.local).toBe('relay');
    expect(p.relayProtocol).toBe('tcp');
  }
});

test('only TCP 443 passes: page, signaling and TURN all over the web port', async ({ server }) => {
  const [ada, ben] = await call(server, TCP_443, TCP_443);
  const paths = [await pathOf(ada), await pathOf(ben)] as const;
  record('only TCP 443 out (both)', describe(paths[0]), describe(paths[1]));
  for (const p of paths) {
    expect(p.local).toBe('relay');
    expect(p.relayProtocol).toBe('tcp');
  }
});

test('only TCP 443 passes and TURN is not on it: both people are told the call cannot connect', async ({}, testInfo) => {
  test.setTimeout(120_000);
  // A server whose web port serves the web alone: its TURN, on 3478, is out of reach.
  const server = await startParley({
    netns: SERVER_NS,
    bind: SERVER_IP_2,
    port: PORT,
    args: ['--turn-on-web-port', 'false'],
    logFile: path.join(testInfo.project.outputDir, 'parley-nat-no-turn.log'),
  });
  try {
    const [ada, ben] = await call(server, TCP_443, TCP_443, false);
    await expectCallBlockedNotice(ada, 'Ben');
    await expectCallBlockedNotice(ben, 'Ada');
    record('only TCP 443 out, TURN not on 443', 'no path: the notice', 'no path: the notice');
  } finally {
    await server.stop();
  }
});

test('an SFU room, one person where only TCP 443 passes: media to the media port through TURN on 443', async ({}, testInfo) => {
  test.setTimeout(150_000);
  const server = await startParley({
    netns: SERVER_NS,
    bind: SERVER_IP_2,
    port: PORT,
    args: ['--room-media=sfu'],
    logFile: path.join(testInfo.project.outputDir, 'parley-nat-sfu.log'),
  });
  const log: string[] = [];
  try {
    browsers.push(await launchIn(buildSite('A', TCP_443)), await launchIn(buildSite('B', HOME)));
    const room = `nat-sfu-${Date.now().toString(36)}`;
    const pages: Page[] = [];
    for (const [i, name] of ['Ada', 'Ben'].entries()) {
      const context = await newUserContext(browsers[i]!, server);
      await recordConnections(context);
      pages.push(await join(context, server, room, name, log));
    }
    for (const page of pages) {
      expect(await page.evaluate(() => window.__parley!.room.mediaMode)).toBe('sfu');
      await expectCamerasPlaying(page, 1);
    }
    // Each side's publish and subscribe connections, once both are connected.
    const connected = async (page: Page) => {
      let paths: SelectedPath[] = [];
      await expect
        .poll(
          async () => {
            paths = await selectedPaths(page);
            return paths.length === 2 && paths.every((p) => p.connectionState === 'connected' && p.local !== null);
          },
          { message: 'a publish and a subscribe connection, connected' },
        )
        .toBe(true);
      return paths;
    };
    const [ada, ben] = [await connected(pages[0]!), await connected(pages[1]!)];
    const summary = (paths: SelectedPath[]) => [...new Set(paths.map(describe))].join(', ');
    record('SFU room: only TCP 443 out (Ada), endpoint-independent NAT (Ben)', summary(ada), summary(ben));
    for (const p of ada) {
      expect(p.local, JSON.stringify(ada)).toBe('relay');
      expect(p.relayProtocol, JSON.stringify(ada)).toBe('tcp');
      // The server is ICE-lite and offers its host candidate only.
      expect(p.remote, JSON.stringify(ada)).toBe('host');
    }
    for (const p of ben) expect(p.local, JSON.stringify(ben)).not.toBe('relay');
    await test.info().attach('console', { body: log.join('\n') });
  } catch (e) {
    console.log(log.join('\n'));
    throw e;
  } finally {
    await server.stop();
  }
});
