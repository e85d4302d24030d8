import { defineConfig } from '@playwright/test';
import { chromiumArgs, chromiumPath } from './support/chromium';

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
      executablePath: chromiumPath,
      args: [
        ...chromiumArgs,
        // Let ICE use the loopback interface (Chromium leaves it out by default).
        '--allow-loopback-in-peer-connection',
      ],
    },
  },
});
