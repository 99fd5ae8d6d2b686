// Lint rules, including the layering rule (also enforced by test/unit/architecture.test.ts).
import tseslint from 'typescript-eslint';

const CORE_FORBIDDEN = {
  paths: [
    { name: 'vscode', message: 'src/compressors is the pure core: no vscode. Pass what you need in through Engines.' },
    { name: 'web-tree-sitter', message: 'Load WASM engines in src/runtime and pass them in through Engines.' },
    { name: 'onnxruntime-web', message: 'Load WASM engines in src/runtime and pass them in through Engines.' },
    { name: '@dqbd/tiktoken', message: 'Load WASM engines in src/runtime and pass them in through Engines.' },
  ],
  patterns: [
    { group: ['node:*', 'fs', 'fs/*', 'path', 'os', 'child_process', 'crypto', 'http', 'https', 'net', 'worker_threads'], message: 'src/compressors is pure: no Node I/O.' },
  ],
};

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', 'media/**/*.js', '.test-artifacts/**', 'test/fixtures/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-control-regex': 'off',
      eqeqeq: ['error', 'smart'],
    },
  },
  { files: ['src/compressors/**/*.ts'], rules: { 'no-restricted-imports': ['error', CORE_FORBIDDEN] } },
  {
    files: ['src/runtime/**/*.ts', 'src/cli/**/*.ts', 'src/skills/**/*.ts', 'src/instructions/**/*.ts', 'src/hook/**/*.ts', 'src/mcp/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [{ name: 'vscode', message: 'Only the VS Code glue may import vscode.' }] }] },
  },
);
