// Playwright fixtures: a Parley server per worker, and test pages served from its origin.
import { test as base, type Browser, type BrowserContext, type Page } from '@playwright/test';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startParley, type ParleyServer } from './parley';

const pagesDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'pages');

/** Path under the Parley origin where the test pages are served (by Playwright, not Parley). */
export const PAGE_PREFIX = '/__e2e/';

/**
 * A fresh browser context (a separate user: own cookies, storage, camera permission) whose
 * requests to <parley>/__e2e/<file> are answered with e2e/pages/<file>. The page thus lives on
 * the Parley origin, so its WebSocket passes the server's same-origin check unchanged.
 */
export async function newUserContext(browser: Browser, parley: Pick<ParleyServer, 'url'>): Promise<BrowserContext> {
  // camera, microphone: as if the user clicked "Allow". Chromium then puts the machine's own
  // addresses in host candidates; without a media grant it hides them behind mDNS .local
  // names, whose resolution would multicast on the LAN.
  // local-network-access: a page that Playwright fulfils has no server address, so Chromium's
  // Local Network Access checks count it as public and block its WebSocket to localhost.
  // Loaded from Parley itself it would be a loopback page talking to loopback, needing no grant.
  const context = await browser.newContext({
    permissions: ['camera', 'microphone', 'local-network-access'],
  });
  await context.route(`${parley.url}${PAGE_PREFIX}**`, (route) => {
    const file = testPageFile(new URL(route.request().url()).pathname);
    return file ? route.fulfill({ path: file }) : route.fulfill({ status: 404 });
  });
  return context;
}

/** The file in e2e/pages/ that answers a request for `pathname` under PAGE_PREFIX, or null (404). */
export function testPageFile(pathname: string): string | null {
  const name = pathname.slice(PAGE_PREFIX.length);
  return pathname.startsWith(PAGE_PREFIX) && /^[\w.-]+$/.test(name) ? path.join(pagesDir, name) : null;
}

/** Opens a test page; keeps the page's console output for failure reports. */
export async function openPage(
  context: BrowserContext,
  parley: ParleyServer,
  file: string,
): Promise<{ page: Page; console: string[] }> {
  const page = await context.newPage();
  const started = Date.now();
  const lines: string[] = [];
  page.on('console', (msg) => lines.push(`${Date.now() - started}ms ${msg.type()}: ${msg.text()}`));
  page.on('pageerror', (err) => lines.push(`${Date.now() - started}ms pageerror: ${err.message}`));
  await page.goto(`${parley.url}${PAGE_PREFIX}${file}`);
  return { page, console: lines };
}

type WorkerFixtures = {
  /** Extra flags for the worker's server; set with test.use({ parleyArgs: [...] }). */
  parleyArgs: string[];
  parley: ParleyServer;
};

// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- Playwright's types: no test fixtures
export const test = base.extend<{}, WorkerFixtures>({
  parleyArgs: [[], { scope: 'worker', option: true }],
  parley: [
    async ({ parleyArgs }, use, workerInfo) => {
      const server = await startParley({
        args: parleyArgs,
        logFile: path.join(workerInfo.project.outputDir, `parley-worker${workerInfo.workerIndex}.log`),
      });
      try {
        await use(server);
      } finally {
        await server.stop();
      }
    },
    // Start (up to 60 s) and stop (up to 20 s) both fall within it.
    { scope: 'worker', timeout: 90_000 },
  ],
});

export { expect } from '@playwright/test';
