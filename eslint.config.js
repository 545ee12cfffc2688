// Lint: recommended JS + TypeScript rules, React hooks in the web app, and the import
// direction of DESIGN.md (web → contracts → domain; server → contracts, domain, solver).
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const forbid = (...groups) => ['error', { patterns: groups.map(([group, message]) => ({ group, message })) }];

export default tseslint.config(
  { ignores: ['node_modules/', 'web/dist/', 'data/', 'server/db/migrations/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['domain/**/*.ts'],
    rules: { 'no-restricted-imports': forbid([['**/contracts/**', '**/server/**', '**/web/**', '**/solver/**'], 'domain/ imports nothing of ours']) },
  },
  {
    files: ['solver/**/*.ts'],
    rules: { 'no-restricted-imports': forbid([['**/contracts/**', '**/server/**', '**/web/**', '**/domain/**'], 'solver/ imports nothing of ours']) },
  },
  {
    files: ['contracts/**/*.ts'],
    rules: { 'no-restricted-imports': forbid([['**/server/**', '**/web/**', '**/solver/**'], 'contracts/ may import only domain/']) },
  },
  {
    files: ['server/**/*.ts'],
    rules: { 'no-restricted-imports': forbid([['**/web/**'], 'the server does not import the web app']) },
  },
  {
    files: ['web/src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': forbid([['**/server/**', '**/solver/**'], 'the web app may import only contracts/ and domain/']),
    },
  },
);
