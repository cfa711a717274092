// One lint configuration for the workspace: TypeScript (typescript-eslint recommended) everywhere, and the
// Vue single-file components with eslint-plugin-vue's essential rules (correctness, not formatting) and
// TypeScript inside <script setup lang="ts">.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import pluginVue from 'eslint-plugin-vue';

export default tseslint.config(
  {
    ignores: ['**/node_modules/**', '**/dist/**', '**/generated/**', 'bench/results/**', 'e2e/test-results/**', 'e2e/playwright-report/**', '.dev/**', '**/.scratch/**', 'docs/**', 'server/src/engine/wasm/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...pluginVue.configs['flat/essential'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.vue'], sourceType: 'module' } },
    // vue-tsc type-checks the components: undefined names (DOM types such as HTMLElement) are its job
    rules: { 'no-undef': 'off' },
  },
  {
    languageOptions: {
      globals: {
        process: 'readonly', console: 'readonly', Buffer: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly',
        setInterval: 'readonly', clearInterval: 'readonly', setImmediate: 'readonly', performance: 'readonly', fetch: 'readonly',
        globalThis: 'readonly', window: 'readonly', document: 'readonly', navigator: 'readonly', structuredClone: 'readonly',
        AbortController: 'readonly', TextEncoder: 'readonly', TextDecoder: 'readonly', queueMicrotask: 'readonly', WebSocket: 'readonly',
        Blob: 'readonly', sessionStorage: 'readonly', localStorage: 'readonly', requestAnimationFrame: 'readonly', Response: 'readonly', Request: 'readonly', Headers: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-expressions': ['error', { allowShortCircuit: true, allowTernary: true }],
      'no-constant-condition': ['error', { checkLoops: false }],
    },
  },
  {
    // tests may poke at loosely typed JSON responses
    files: ['**/test/**', '**/*.test.ts', 'e2e/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
