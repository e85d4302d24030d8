// Debian's Firefox ESR driven headless by puppeteer-core over WebDriver BiDi, beside
// Playwright's Chromium: the `firefox` fixture launches one per test with a fresh profile,
// fake camera and microphone, and every start-up connection to Mozilla switched off.
import { existsSync, readFileSync } from 'node:fs';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { framesOf } from './app';
import { expect, PAGE_PREFIX, test as parleyTest, testPageFile } from './fixtures';
import type { ParleyServer } from './parley';
import type { Person } from './person';
import { SDK_PATH, sdkBundle } from './sdk';

/** Debian's firefox-esr; override with PARLEY_E2E_FIREFOX. */
function firefoxPath(): string {
  const configured = process.env.PARLEY_E2E_FIREFOX;
  const found = configured ?? ['/usr/bin/firefox-esr', '/usr/bin/firefox'].find((p) => existsSync(p));
  if (!found || !existsSync(found)) {
    throw new Error(
      `No Firefox at ${found ?? '/usr/bin/firefox-esr'}: install it with ` +
        "'apt-get install -y firefox-esr', or set PARLEY_E2E_FIREFOX to a Firefox binary",
    );
  }
  return found;
}

/**
 * Preferences of every test profile, on top of those puppeteer writes for automation (which
 * already turn off updates, Safe Browsing and Normandy).
 */
const FIREFOX_PREFS: Readonly<Record<string, boolean | number | string>> = {
  // A fake camera (a moving pattern) and microphone (a tone), granted without a prompt.
  'media.navigator.streams.fake': true,
  'media.navigator.permission.disabled': true,
  // As if the person had allowed camera and microphone for good. Firefox then gathers ICE
  // candidates on every interface; otherwise (fake devices do not count as capturing) only on
  // the "default" one, found through a route to the internet, which the tests' network
  // namespace lacks: no candidate at all, and ICE fails at once.
  'permissions.default.camera': 1,
  'permissions.default.microphone': 1,
  // ICE on the loopback interface (left out by default), with addresses rather than mDNS
  // .local names, whose resolution would multicast on the LAN.
  'media.peerconnection.ice.loopback': true,
  'media.peerconnection.ice.obfuscate_host_addresses': false,
  // The callee's page never gets a user gesture; let its remote <video> (with sound) play.
  'media.autoplay.default': 0,
  'media.autoplay.blocking_policy': 0,
  // No connection that Firefox makes on its own at start or in the background: captive-portal
  // and connectivity checks, telemetry, the OpenH264 download (which would also change the
  // codecs under test), DNS over HTTPS, prefetching, region and geolocation lookups.
  'network.captive-portal-service.enabled': false,
  'network.connectivity-service.enabled': false,
  'captivedetect.canonicalURL': '',
  'toolkit.telemetry.enabled': false,
  'toolkit.telemetry.unified': false,
  'toolkit.telemetry.server': '',
  'datareporting.policy.dataSubmissionEnabled': false,
  'datareporting.healthreport.uploadEnabled': false,
  'app.normandy.enabled': false,
  'app.update.auto': false,
  'extensions.blocklist.enabled': false,
  'extensions.systemAddon.update.enabled': false,
  'media.gmp-manager.url': '',
  'media.gmp-gmpopenh264.autoupdate': false,
  'media.gmp-gmpopenh264.enabled': false,
  'network.trr.mode': 5,
  'network.dns.disablePrefetch': true,
  'network.prefetch-next': false,
  'network.predictor.enabled': false,
  'browser.region.network.url': '',
  'browser.region.update.enabled': false,
  'geo.provider.network.url': '',
  'browser.discovery.enabled': false,
  'security.OCSP.enabled': 0,
  // Remote settings (puppeteer points them at a host of its own, which a release build ignores
  // unless MOZ_DISABLE_NONLOCAL_CONNECTIONS is set, as below): a data: URL that turns them off.
  'services.settings.server': 'data:,#remote-settings-dummy/v1',
};

function launchFirefox(): Promise<Browser> {
  return puppeteer.launch({
    browser: 'firefox',
    executablePath: firefoxPath(),
    headless: true,
    extraPrefsFirefox: { ...FIREFOX_PREFS },
    // Firefox's own test switch: any connection to a non-local address fails (and the remote
    // settings override above is honoured). The tests' network namespace has only loopback anyway.
    env: { ...process.env, MOZ_DISABLE_NONLOCAL_CONNECTIONS: '1' },
  });
}

/** Parley's fixtures plus `firefox`: a Firefox of the test's own, closed after it. */
export const test = parleyTest.extend<{ firefox: Browser }>({
  firefox: async ({}, use) => {
    const browser = await launchFirefox();
    try {
      await use(browser);
    } finally {
      await browser.close();
    }
  },
});

/** A fresh Firefox user context (a separate person: own cookies and storage) and a page in it. */
async function newFirefoxPage(browser: Browser, who: string, log: string[]): Promise<Page> {
  const page = await (await browser.createBrowserContext()).newPage();
  // Playwright's default size: wide enough that the call shows its chat.
  await page.setViewport({ width: 1280, height: 720 });
  page.on('console', (msg) => log.push(`${who} (Firefox) ${msg.type()}: ${msg.text()}`));
  page.on('pageerror', (err) => log.push(`${who} (Firefox) pageerror: ${String(err)}`));
  return page;
}

/**
 * Opens the room link in Firefox and joins as a person would: the pre-join screen with its
 * preview running, the name, "Join call" (what support/app.ts's join does in Chromium).
 */
export async function joinInFirefox(
  browser: Browser,
  parley: Pick<ParleyServer, 'url'>,
  room: string,
  name: string,
  log: string[],
  /** Runs in the page before the app's scripts (as Playwright's addInitScript does). */
  initScript?: () => void,
): Promise<Person> {
  const page = await newFirefoxPage(browser, name, log);
  if (initScript) await page.evaluateOnNewDocument(initScript);
  await page.goto(`${parley.url}/r/${room}`);
  await expect.poll(() => page.title()).toBe(`${room} · Parley`);
  await expect.poll(() => framesOf(page, '.preview-video')).toBeGreaterThan(0);
  await page.locator('::-p-aria(Your name)').fill(name);
  await page.locator('::-p-aria([name="Join call"][role="button"])').click();
  await page.waitForSelector('.call', { visible: true });
  return firefoxPerson(page, name);
}

function firefoxPerson(page: Page, name: string): Person {
  return {
    name,
    browser: 'Firefox',
    page,
    async say(text) {
      await page.locator('::-p-aria([name="Message"][role="textbox"])').fill(text);
      await page.keyboard.press('Enter');
    },
    async sendFile(file) {
      const picker = await page.$('input[type="file"]');
      if (!picker) throw new Error(`${name}'s page has no file picker`);
      await picker.uploadFile(file);
    },
    async close() {
      await page.close();
      await page.browserContext().close();
    },
  };
}

/**
 * Opens e2e/pages/<file> in Firefox on the Parley origin, with the SDK bundle beside it: the
 * same pages and paths that fixtures.ts and sdk.ts serve to Chromium, answered here by
 * puppeteer's request interception instead of Playwright's routes.
 */
export async function openTestPageInFirefox(
  browser: Browser,
  parley: Pick<ParleyServer, 'url'>,
  file: string,
  log: string[],
): Promise<Page> {
  const page = await newFirefoxPage(browser, file, log);
  await page.setRequestInterception(true);
  page.on('request', (request) => {
    const url = new URL(request.url());
    const ours = url.origin === parley.url;
    if (ours && url.pathname === SDK_PATH) {
      // Looked up when asked for: a page that does without the SDK needs no bundle built.
      void request.respond({ status: 200, contentType: 'text/javascript', body: readFileSync(sdkBundle()) });
    } else if (ours && url.pathname.startsWith(PAGE_PREFIX)) {
      const found = testPageFile(url.pathname);
      void request.respond(
        found && existsSync(found)
          ? { status: 200, contentType: 'text/html', body: readFileSync(found) }
          : { status: 404, body: '' },
      );
    } else {
      void request.continue(); // the WebSocket and anything else: to Parley itself
    }
  });
  await page.goto(`${parley.url}${PAGE_PREFIX}${file}`);
  return page;
}
