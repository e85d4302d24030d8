// ESLint for the browser tests: typescript-eslint's `strict` without the type-checked rules of
// web/eslint.config.js, because the e2e code does not type-check yet (tests/*.spec.ts declare
// `Window.e2e` three ways; Playwright only strips types) and typed rules would report that conflict.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

export default defineConfig(
  { ignores: ['test-results/', 'playwright-report/', 'target/'] },
  js.configs.recommended,
  tseslint.configs.strict,
  {
    rules: {
      // A test's `x!` is an assertion: a null there fails the test on the spot, as it should.
      '@typescript-eslint/no-non-null-assertion': 'off',
      // Playwright reads a fixture's dependencies from its first parameter, so `async ({}, use)`
      // is how a fixture or test that needs none is written.
      'no-empty-pattern': ['error', { allowObjectPatternsAsParameters: true }],
      // `const { a, ...rest } = x` is how a test leaves fields out of what it prints.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }],
    },
  },
);
