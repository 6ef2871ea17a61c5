import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['error'] }],
    },
  },
  { files: ['bench/**', 'emulator/cli.ts', 'test/**', 'sandbox/main.ts'], rules: { 'no-console': 'off' } },
  {
    // The sandbox's page runs in the browser, as plain modules with no build step.
    files: ['sandbox/page/**/*.js'],
    languageOptions: {
      sourceType: 'module',
      globals: Object.fromEntries(['window', 'document', 'location', 'localStorage', 'fetch', 'EventSource', 'FormData', 'URLSearchParams', 'setTimeout', 'clearTimeout', 'console'].map((name) => [name, 'readonly'])),
    },
  },
);
