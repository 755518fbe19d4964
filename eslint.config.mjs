// Lint enforces the folder promises of docs/ARCHITECTURE.md: where code runs decides what it may import.
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['node:*', 'fs', 'fs/*', 'path', 'os', 'child_process', 'crypto', 'net', 'tls', 'http', 'https', 'stream', 'events', 'url', 'util'];

/** `no-restricted-imports` patterns with a message saying what to use instead. */
function restrict(groups) {
  return ['error', { patterns: groups.map(([group, message]) => ({ group, message })) }];
}

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'release/**', 'node_modules/**', 'test-results/**', '**/*.js', '**/*.cjs', '**/*.mjs'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['shared/**/*.ts'],
    ignores: ['shared/**/*.test.ts'],
    rules: {
      'no-restricted-imports': restrict([
        [nodeBuiltins, 'shared/ runs in the browser too: no Node built-ins. Put Node code in electron/<core>/.'],
        [['electron', 'electron/*'], 'shared/ never imports electron; the core must run in plain Node.'],
        [['**/electron/**', '**/renderer/**'], 'shared/ imports only shared/ (and zod).'],
      ]),
    },
  },
  {
    files: ['electron/**/*.ts'],
    ignores: ['electron/main/**', 'electron/ipc/**', 'electron/preload/**', '**/*.test.ts'],
    rules: {
      'no-restricted-imports': restrict([
        [['electron'], 'The core, the CLI and the loopback host run in plain Node: only electron/{main,ipc,preload} may import electron.'],
        [['**/renderer/**'], 'The main side never imports renderer code; share types through shared/.'],
      ]),
    },
  },
  {
    files: ['electron/main/**/*.ts', 'electron/ipc/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': restrict([[['**/renderer/**'], 'Electron main never imports renderer code; share types through shared/.']]),
    },
  },
  {
    files: ['electron/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict([
        [nodeBuiltins, 'The preload is sandboxed: no Node built-ins.'],
        [['**/services/**', '**/registry/**', '**/credentials/**', '**/drafts/**', 'zod'], 'The preload only forwards allow-listed channels; logic lives in main.'],
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
        [['**/electron/**'], 'The renderer never imports main-process code; share types through shared/.'],
      ]),
    },
  },
);
