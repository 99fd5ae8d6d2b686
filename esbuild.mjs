// Builds the two bundles (extension host and CLI) and copies the WASM engines' data files beside them.
// WASM libraries are required lazily inside the bundles, so activation never pays for them.
import * as esbuild from 'esbuild';
import { copyFileSync, mkdirSync, chmodSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** Files copied to dist/assets/: [source under node_modules, name in dist/assets]. */
export const ASSETS = [
  ['@dqbd/tiktoken/lite/tiktoken_bg.wasm', 'tiktoken_bg.wasm'],
  ['@dqbd/tiktoken/encoders/o200k_base.json', 'o200k_base.json'],
  ['@dqbd/tiktoken/encoders/cl100k_base.json', 'cl100k_base.json'],
  // web-tree-sitter and its grammars (names as in src/runtime/treeSitter.ts GRAMMAR_FILES)
  ['web-tree-sitter/web-tree-sitter.wasm', 'web-tree-sitter.wasm'],
  ...['typescript', 'tsx', 'javascript', 'python', 'go', 'rust', 'java', 'cpp', 'c-sharp', 'ruby', 'php', 'bash'].map((g) => [`@vscode/tree-sitter-wasm/wasm/tree-sitter-${g}.wasm`, `grammars/tree-sitter-${g}.wasm`]),
  ['tree-sitter-c/tree-sitter-c.wasm', 'grammars/tree-sitter-c.wasm'],
  ['tree-sitter-json/tree-sitter-json.wasm', 'grammars/tree-sitter-json.wasm'],
  // onnxruntime-web's CPU backend and the content detector (src/runtime/detector.ts); the model is the project's own
  ['onnxruntime-web/dist/ort-wasm-simd-threaded.wasm', 'ort-wasm-simd-threaded.wasm'],
  ['../models/detector/contentDetector.onnx', 'contentDetector.onnx'],
  ['../models/detector/contentDetector.json', 'contentDetector.json'],
];

function copyAssets() {
  const out = join('dist', 'assets');
  mkdirSync(out, { recursive: true });
  for (const [from, to] of ASSETS) {
    mkdirSync(dirname(join(out, to)), { recursive: true });
    copyFileSync(join('node_modules', from), join(out, to));
  }
}

const { version } = JSON.parse(readFileSync('package.json', 'utf8'));

const common = {
  define: { VERSION: JSON.stringify(version) },
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  // Lower import() to require(): older and forked extension hosts lack a dynamic-import callback.
  supported: { 'dynamic-import': false },
  // ORT's build with its WASM glue inlined: no import() of an .mjs, no createRequire(import.meta.url) at load.
  alias: { 'onnxruntime-web/wasm': './node_modules/onnxruntime-web/dist/ort.wasm.bundle.min.mjs' },
};

const builds = [
  { ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
  { ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  // The user's prose model runs in this worker thread (src/runtime/proseModelWorker.ts), off the extension host's thread.
  { ...common, entryPoints: ['src/runtime/proseModelWorkerMain.ts'], outfile: 'dist/proseModelWorker.js' },
];

copyAssets();
if (watch) {
  for (const options of builds) await (await esbuild.context(options)).watch();
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
  chmodSync('dist/cli.js', 0o755);
}
