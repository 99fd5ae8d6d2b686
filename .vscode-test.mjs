// For developers with a desktop VS Code: runs the same extension-host suite as `npm run test:vscode`,
// but in a desktop VS Code that @vscode/test-electron downloads (`npm run test:desktop`). CI and these
// machines cannot download VS Code; they use code-server (scripts/vscode/runTests.ts) instead.
//   HEADROOM_VSCODE_VERSION  the desktop version to download (default: the one code-server runs)
import { runTests } from '@vscode/test-electron';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = import.meta.dirname;
const out = join(root, 'out', 'test', 'vscode');
execFileSync(process.execPath, ['--import', 'tsx', join(root, 'scripts', 'vscode', 'buildTests.ts')], { stdio: 'inherit' });
const workspace = join(mkdtempSync(join(tmpdir(), 'headroom-vscode-desktop-')), 'workspace');
cpSync(join(root, 'test', 'vscode', 'sampleWorkspace'), workspace, { recursive: true });
try {
  process.exitCode = await runTests({
    version: process.env.HEADROOM_VSCODE_VERSION ?? '1.139.1',
    // Desktop VS Code takes several development extensions: Headroom and the fake test model.
    extensionDevelopmentPath: [root, join(out, 'fakeModel')],
    extensionTestsPath: join(out, 'suite', 'index.js'),
    launchArgs: [workspace, '--disable-workspace-trust', '--disable-extensions'],
  });
} catch (error) {
  console.error(`test:desktop: ${error instanceof Error ? error.message : error}`);
  process.exitCode = 1;
}
