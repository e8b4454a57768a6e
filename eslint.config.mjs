// Lint, including the layering rules that keep the architecture honest:
//   shared  → imports nothing of ours (only zod)
//   core    → shared only; never electron, never renderer/main
//   main    → core + shared; never renderer
//   preload → electron + shared only
//   renderer→ shared (types) only; never electron, node:*, core or main
//   no production file under src/ imports test code (test/, bench/, e2e/, *.test.ts)
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'child_process', 'crypto', 'worker_threads', 'net', 'http', 'https'];
// Test helpers, fixtures, oracles and benches live in test/, bench/ and e2e/ (and *.test.ts files):
// production code under src/ never imports them. Tests beside the code may.
const TESTS = ['**/*.test.ts', '**/*.test.tsx'];
const testCode = {
  group: ['**/test/**', '**/bench/**', '**/e2e/**', '**/*.test', '**/*.test.ts', '**/*.test.tsx'],
  message: 'Production code never imports test code (test/, bench/, e2e/, *.test.ts).',
};
// One entry for production files (the layer's rules + no test code), one for the tests beside them.
const layer = (files, patterns) => [
  { files, ignores: TESTS, rules: { 'no-restricted-imports': ['error', { patterns: [...patterns, testCode] }] } },
  { files: files.flatMap((f) => TESTS.map((t) => `${f.replace(/\*\*$/, '')}${t}`)), rules: { 'no-restricted-imports': ['error', { patterns }] } },
];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '.native/**', 'bench/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': [
        'error',
        { selector: "MemberExpression[property.name='innerHTML']", message: 'Never use innerHTML: build DOM nodes or text.' },
        { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'Never inject HTML into the page.' },
      ],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules, 'react-hooks/set-state-in-effect': 'off' },
  },
  ...layer(['src/**'], []),
  ...layer(['src/shared/**'], [
    { group: ['electron', ...nodeBuiltins], message: 'shared/ runs everywhere: no Electron or Node APIs.' },
    { group: ['**/core/**', '**/main/**', '**/renderer/**', '**/preload/**', '**/cli/**'], message: 'shared/ imports nothing of ours.' },
  ]),
  ...layer(['src/core/**'], [
    { group: ['electron'], message: 'core/ must run without Electron (CLI, tests).' },
    { group: ['**/main/**', '**/renderer/**', '**/preload/**', '**/cli/**'], message: 'core/ depends only on shared/.' },
  ]),
  ...layer(['src/main/**'], [{ group: ['**/renderer/**', '**/preload/**', '**/cli/**'], message: 'main/ never imports the renderer, preload or CLI.' }]),
  ...layer(['src/preload/**'], [
    { group: [...nodeBuiltins], message: 'A sandboxed preload has no Node APIs.' },
    { group: ['**/core/**', '**/main/**', '**/renderer/**', '**/cli/**'], message: 'The preload imports only electron and shared/.' },
  ]),
  ...layer(['src/renderer/**'], [
    { group: ['electron', ...nodeBuiltins], message: 'The renderer is sandboxed web content: no Electron or Node APIs.' },
    { group: ['**/core/**', '**/main/**', '**/preload/**', '**/cli/**'], message: 'The renderer reaches the app only through src/renderer/api.ts.' },
  ]),
  ...layer(['src/cli/**'], [{ group: ['electron', '**/main/**', '**/renderer/**', '**/preload/**'], message: 'The CLI runs on the core without Electron.' }]),
);
