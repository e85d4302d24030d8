// ESLint for the SDK and the app (the workspace's two packages; `npm run lint` in each).
// Type-checked: each file is linted with the types of its package's tsconfig.json.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

export default defineConfig(
  { ignores: ['**/dist/', '**/coverage/'] },
  js.configs.recommended,
  tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // `() => emit(x)` as a callback that returns nothing is the house idiom, not a confusion.
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
      // Numbers in messages are what templates are for; objects and undefined stay errors.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      // Off: it trusts narrowing across `await`, so it calls re-checks such as `if (this.closed)`
      // after an await "always falsy", and it trusts DOM types that say `globalThis.location` or
      // `navigator.mediaDevices` exist where they may not (Node, insecure contexts). Each of its
      // findings here was one of those.
      '@typescript-eslint/no-unnecessary-condition': 'off',
      // Off: an `async` function without `await` is how the code (and the tests' fakes of browser
      // APIs) turns a throw into a rejected promise, as the APIs they stand for do.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    // The SDK's public API is typed all the way down: no `any` for a caller to inherit.
    files: ['sdk/src/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'error' },
  },
  { files: ['**/*.js'], ...tseslint.configs.disableTypeChecked },
);
