// ESLint for the browser tests: typescript-eslint's type-checked `strict` rules, as for web/
// (web/eslint.config.js), with the types of e2e's tsconfig.json.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

export default defineConfig(
  { ignores: ['test-results/', 'playwright-report/', 'target/'] },
  js.configs.recommended,
  tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // A test's `x!` is an assertion: a null there fails the test on the spot, as it should.
      '@typescript-eslint/no-non-null-assertion': 'off',
      // Playwright reads a fixture's dependencies from its first parameter, so `async ({}, use)`
      // is how a fixture or test that needs none is written.
      'no-empty-pattern': ['error', { allowObjectPatternsAsParameters: true }],
      // `const { a, ...rest } = x` is how a test leaves fields out of what it prints.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }],
      // As in web/eslint.config.js, for the reasons given there.
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-unnecessary-condition': 'off',
      '@typescript-eslint/require-await': 'off',
    },
  },
  { files: ['**/*.js', '**/*.mjs'], ...tseslint.configs.disableTypeChecked },
);
