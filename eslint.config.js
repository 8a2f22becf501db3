// Type-aware lint for the whole workspace, plus the dependency direction of DESIGN §3:
// core and text import nothing from the workspace; storage imports core only; contracts
// imports core only; the web app imports contracts and pure core/text helpers, never
// storage or server.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const workspace = (...names) =>
  names.map((n) => ({ group: [`@lianxin/${n}`, `@lianxin/${n}/*`], message: `this package must not depend on @lianxin/${n} (DESIGN §3)` }));

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'data/**', 'bench/results/**', 'e2e/artifacts/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['*.js', '*.mjs', 'apps/server/bin/*.mjs', 'scripts/*.mjs', '.ci/*.mjs'] },
        tsconfigRootDir: import.meta.dirname,
      },
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/only-throw-error': 'error',
      'no-console': 'off',
    },
  },
  // Plain JavaScript scripts read untyped JSON; type-aware rules only add noise there.
  { files: ['**/*.js', '**/*.mjs'], ...tseslint.configs.disableTypeChecked },
  {
    files: ['**/*.test.ts', 'e2e/**', 'bench/**', 'apps/server/test/**'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['packages/core/**', 'packages/text/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: workspace('contracts', 'storage', 'server', 'web', 'core', 'text') }],
      // Pure code takes time from an injected Clock, never from the machine.
      'no-restricted-properties': ['error', { object: 'Date', property: 'now', message: 'take time from an injected Clock' }],
      'no-restricted-syntax': ['error', { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'take time from an injected Clock' }],
    },
  },
  { files: ['packages/core/src/clock.ts', 'packages/*/src/**/*.test.ts'], rules: { 'no-restricted-properties': 'off', 'no-restricted-syntax': 'off' } },
  { files: ['packages/contracts/**'], rules: { 'no-restricted-imports': ['error', { patterns: workspace('storage', 'server', 'web', 'text') }] } },
  { files: ['packages/storage/**'], rules: { 'no-restricted-imports': ['error', { patterns: workspace('contracts', 'server', 'web', 'text') }] } },
  // A migration keeps doing what it did when it was written: it reads nothing outside migrations/
  // (no repositories, no schema.ts) — code it needs is frozen beside it in migrations/shared/.
  {
    files: ['packages/storage/src/migrations/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...workspace('contracts', 'server', 'web', 'text', 'storage'),
            {
              regex: '^\\.\\./\\.\\./',
              message: 'a migration must not import code outside migrations/ (repositories, schema): freeze a copy in migrations/shared/',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['apps/web/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': ['error', { patterns: [...workspace('storage', 'server'), { group: ['node:*'], message: 'the web app runs in browsers' }] }],
      // Types come from the contracts (z.infer); zod itself stays out of the bundles.
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: ['@lianxin/contracts', 'zod'].map((name) => ({
            name,
            allowTypeImports: true,
            message: 'the web app imports only types from here (import type)',
          })),
        },
      ],
    },
  },
);
