// The browser benchmarks (bench/browser.sh): the same browser and flags as the tests, the
// benchmarks in ./bench. Measurements only: nothing here asserts a speed.
import { defineConfig } from '@playwright/test';
import tests from './playwright.config';

export default defineConfig({
  ...tests,
  testDir: './bench',
  testMatch: '*.bench.ts',
  timeout: 30 * 60_000,
  outputDir: './test-results/bench',
});
