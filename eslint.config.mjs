// Lint enforces the folder promises of docs/ARCHITECTURE.md: where code runs decides what it may import.
import tseslint from 'typescript-eslint';
import { folderRules } from './scripts/lint/folder-rules.mjs';

const nodeBuiltins = ['node:*', 'fs', 'fs/*', 'path', 'os', 'child_process', 'crypto', 'net', 'tls', 'http', 'https', 'stream', 'events', 'url', 'util'];

/**
 * `no-restricted-imports` patterns with a message saying what to use instead.
 * @param {[string[], string][]} groups
 * @returns {['error', { patterns: { group: string[]; message: string }[] }]}
 */
function restrict(groups) {
  return ['error', { patterns: groups.map(([group, message]) => ({ group, message })) }];
}

const productTs = ['shared/**/*.ts', 'electron/**/*.ts', 'renderer/**/*.ts', 'renderer/**/*.tsx'];
const tests = ['**/*.test.ts', '**/*.test.tsx', '**/*.test-util.ts', '**/testing/**'];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'release/**', 'node_modules/**', 'test-results/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The JavaScript we ship or run: the installed command, build scripts, bundle stand-ins, configs.
    files: ['**/*.js', '**/*.cjs', '**/*.mjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Which folder may import which, and only through a folder's index.ts (scripts/lint/folder-rules.mjs).
    files: productTs,
    ignores: tests,
    plugins: { studio: folderRules },
    rules: { 'studio/layers': 'error', 'studio/through-index': 'error' },
  },
  {
    files: [...tests, 'test/**/*.ts', 'e2e/**/*.ts'],
    plugins: { studio: folderRules },
    rules: { 'studio/layers': 'error' },
  },
  {
    files: ['shared/**/*.ts'],
    ignores: ['shared/**/*.test.ts'],
    rules: {
      'no-restricted-imports': restrict([
        [nodeBuiltins, 'shared/ runs in the browser too: no Node built-ins. Put Node code in electron/core/.'],
        [['electron', 'electron/*'], 'shared/ never imports electron; the core must run in plain Node.'],
      ]),
    },
  },
  {
    files: ['electron/**/*.ts'],
    ignores: ['electron/desktop/main/**', 'electron/desktop/preload/**', '**/*.test.ts'],
    rules: {
      'no-restricted-imports': restrict([
        [['electron'], 'The core, the CLI, the desktop service, ipc and the loopback host run in plain Node: only electron/desktop/{main,preload} import electron.'],
      ]),
    },
  },
  {
    files: ['electron/desktop/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict([
        [nodeBuiltins, 'The preload is sandboxed: no Node built-ins.'],
        [['zod'], 'The preload only forwards allow-listed channels; logic lives in main.'],
      ]),
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    ignores: ['renderer/**/*.test.ts', 'renderer/**/*.test.tsx'],
    rules: {
      'no-restricted-imports': restrict([
        [nodeBuiltins, 'The renderer is a sandboxed page: no Node built-ins. Ask main through the typed api (renderer/src/api).'],
        [['electron'], 'The renderer never imports electron; use the typed api (renderer/src/api).'],
      ]),
    },
  },
);
