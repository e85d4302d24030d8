import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Served from the root of the Parley origin; /r/<room> falls back to index.html there.
  base: '/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // Hashed names under assets/: the server caches those as immutable.
    assetsDir: 'assets',
  },
  server: {
    // `npm run dev` against a Parley on :8080.
    proxy: { '/ws': { target: 'ws://localhost:8080', ws: true } },
  },
  test: {
    environment: 'node',
    include: ['tests/**/*.test.ts'],
  },
});
