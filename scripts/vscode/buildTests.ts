// Compiles test/vscode (the extension-host suite, the deliberately failing self-test suite and the
// fake model extension) to out/test/vscode. The extension host loads plain CommonJS, file by file,
// so mocha can require each test file after it set up describe/it.
import { build } from 'esbuild';
import { copyFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { FAKE_MODEL_DIR, OUT_DIR, REPO_ROOT } from './config';

const SOURCE_DIR = join(REPO_ROOT, 'test', 'vscode');
/** Folders that run inside the extension host; the rest of test/vscode runs in Node beside it. */
const HOST_FOLDERS = ['suite', 'selfTest', 'fakeModel'];

export async function buildTests(): Promise<void> {
  rmSync(OUT_DIR, { recursive: true, force: true });
  const entryPoints = [join(SOURCE_DIR, 'mochaEntry.ts'), join(SOURCE_DIR, 'protocol.ts'), ...HOST_FOLDERS.flatMap((folder) => tsFiles(join(SOURCE_DIR, folder)))];
  await build({
    entryPoints,
    outbase: SOURCE_DIR,
    outdir: OUT_DIR,
    bundle: false,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: 'inline',
    logLevel: 'warning',
  });
  copyFileSync(join(SOURCE_DIR, 'fakeModel', 'package.json'), join(FAKE_MODEL_DIR, 'package.json'));
}

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return tsFiles(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

if (require.main === module) {
  buildTests().then(() => console.log(`built ${relative(REPO_ROOT, OUT_DIR)}`), (error: Error) => {
    console.error(error.message);
    process.exit(1);
  });
}
