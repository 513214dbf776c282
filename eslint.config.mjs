// Lint: typescript-eslint's recommended rules, no `any`, and a hard wall that
// keeps the core free of VS Code so the CLI and tests can use it in plain Node.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', 'test/harness/**', '.e2e/**', 'examples/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/core/**/*.ts', 'src/cli/**/*.ts', 'src/preview/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'vscode', message: 'The core, the CLI and the preview must not depend on VS Code; adapt in src/extension/.' }],
        patterns: [{ group: ['**/extension/**'], message: 'The core, the CLI and the preview must not import the VS Code layer.' }],
      }],
    },
  },
  {
    // Rules see the workspace through IndexView (lookups only); they never hold the index itself.
    files: ['src/core/rules/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [
          { name: 'vscode', message: 'The core must not depend on VS Code.' },
          { name: '../workspace', importNames: ['WorkspaceIndex'], message: 'Rules see the workspace as an IndexView (src/core/rule.ts).' },
          { name: '../engine', message: 'Rules see the workspace as an IndexView (src/core/rule.ts).' },
        ],
        patterns: [{ group: ['**/extension/**', '**/service/**'], message: 'Rules see the workspace as an IndexView (src/core/rule.ts).' }],
      }],
    },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly' } },
  },
);
