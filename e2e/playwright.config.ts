import { defineConfig } from '@playwright/test';
import { existsSync } from 'node:fs';

// The system's Chromium: Playwright never downloads a browser here
// (PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 at install time). Override with PARLEY_E2E_CHROMIUM.
const chromium = process.env.PARLEY_E2E_CHROMIUM ??
  ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
if (!chromium) {
  console.warn('No system Chromium found (apt-get install -y chromium, or set PARLEY_E2E_CHROMIUM)');
}

export default defineConfig({
  testDir: './tests',
  // One browser and one server at a time: the calls measure the server, not a crowded CPU.
  workers: 1,
  fullyParallel: false,
  // A retry would hide exactly the intermittent failures these tests are here to count.
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: [['list']],
  timeout: 60_000,
  // A safety net for CI; the calls test sets its own timeout from LEGACY_CALLS.
  globalTimeout: 30 * 60_000,
  expect: { timeout: 10_000 },
  outputDir: './test-results',
  use: {
    browserName: 'chromium',
    headless: true,
    actionTimeout: 10_000,
    navigationTimeout: 15_000,
    trace: 'off',
    launchOptions: {
      executablePath: chromium,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--use-fake-ui-for-media-stream',
        // Two fake cameras (fake_device_0 and _1) beside the three fake microphones, so device
        // pickers have something to switch between.
        '--use-fake-device-for-media-stream=device-count=2',
        // The callee's page never gets a user gesture; let its remote <video> play.
        '--autoplay-policy=no-user-gesture-required',
        // Let ICE use the loopback interface (Chromium leaves it out by default).
        '--allow-loopback-in-peer-connection',
      ],
    },
  },
});
