// @ts-check
import tseslint from 'typescript-eslint';
import pluginVue from 'eslint-plugin-vue';

/**
 * Lint rules that keep the project's shape: services never import Electron, only the
 * IPC layer and the preload touch ipcMain/ipcRenderer, and the renderer never imports
 * Node or main-process code.
 */
export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '.tmp/**'] },
  ...tseslint.configs.recommended,
  ...pluginVue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser, sourceType: 'module' } },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'vue/multi-word-component-names': 'off',
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
    },
  },
  {
    // Services and shared code run in tests, the CLI and the app alike: no Electron.
    files: ['src/shared/**', 'src/main/**', 'src/cli/**'],
    ignores: ['src/main/index.ts', 'src/main/window.ts', 'src/main/electron/**', 'src/main/ipc/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'Services do not import Electron; only src/main/index.ts, window.ts, electron/ and ipc/ may.' }] }],
    },
  },
  {
    files: ['src/renderer/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['electron', 'fs', 'path', 'child_process'],
          patterns: [
            { group: ['node:*'], message: 'No Node in the renderer.' },
            { group: ['**/main/**', '**/preload/**'], message: 'The renderer reaches the services only through src/renderer/src/api.' },
          ],
        },
      ],
    },
  },
);
