// onnxruntime-web, loaded once per process for every model Headroom runs (the content detector, the
// user's prose model): the WASM CPU backend, single-threaded, no proxy worker, WASM given as bytes.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type * as Ort from 'onnxruntime-web';

/** ORT's WASM in dist/assets (copied there by esbuild.mjs). */
export const ORT_WASM = 'ort-wasm-simd-threaded.wasm';

let loading: Promise<typeof Ort> | undefined;

/** The ORT module, its WASM read from `assetDir` the first time; later calls share it (env settings apply once). */
export function loadOrt(assetDir: string): Promise<typeof Ort> {
  loading ??= (async () => {
    const wasm = await readFile(join(assetDir, ORT_WASM));
    // require(), not import: esbuild aliases this to ORT's build with the glue inlined (no import(), no
    // file:// fetch), and in plain Node it resolves to the CJS build. Both take the WASM as bytes.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const ort = require('onnxruntime-web/wasm') as typeof Ort;
    ort.env.wasm.wasmBinary = new Uint8Array(wasm);
    ort.env.wasm.numThreads = 1;
    ort.env.wasm.proxy = false;
    ort.env.logLevel = 'error';
    return ort;
  })();
  loading.catch(() => (loading = undefined));
  return loading;
}
