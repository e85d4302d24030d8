import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    environment: 'node',
    include: ['tests/**/*.test.ts'],
    // Fake timers cover setTimeout/setInterval/Date; tests never sleep.
    testTimeout: 10_000,
  },
});
