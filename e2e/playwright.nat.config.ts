import { defineConfig } from '@playwright/test';

// The NAT lab (nat/lab.ts): needs root, iproute2 and iptables. Each test launches its own
// Chromiums inside the lab's client namespaces, so no browser is configured here.
export default defineConfig({
  testDir: './nat',
  workers: 1,
  fullyParallel: false,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: [['list']],
  timeout: 90_000,
  globalTimeout: 10 * 60_000,
  expect: { timeout: 10_000 },
  outputDir: './test-results/nat',
  use: {
    headless: true,
    actionTimeout: 10_000,
    navigationTimeout: 15_000,
    trace: 'off',
  },
});
