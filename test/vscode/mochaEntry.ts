// Runs inside the VS Code extension host: mocha over the compiled `*.test.js` files of one folder,
// printing the spec report and a closing `N passed, N failed` line that the runner forwards.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { STARTED_LINE } from './protocol';


type MochaClass = typeof import('mocha');

export function runFolder(dir: string, options: { readonly last?: readonly string[] } = {}): Promise<void> {
  // mocha 12 is an ES module; Node 24 (the extension host's) returns its namespace from require().
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const loaded = require('mocha') as { default?: MochaClass; Mocha?: MochaClass };
  const Mocha = loaded.default ?? loaded.Mocha;
  if (!Mocha) throw new Error('mocha could not be loaded in the extension host');
  const mocha = new Mocha({ ui: 'bdd', reporter: 'spec', color: false, timeout: 60_000 });
  if (process.env.HEADROOM_VSCODE_GREP) mocha.grep(process.env.HEADROOM_VSCODE_GREP);
  const last = options.last ?? [];
  const files = readdirSync(dir).filter((name) => name.endsWith('.test.js')).sort((a, b) => last.indexOf(a) - last.indexOf(b) || a.localeCompare(b));
  for (const file of files) mocha.addFile(join(dir, file));
  console.log(`${STARTED_LINE} (VS Code ${vscode.version}, Node ${process.version}, ${files.length} files)`);
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const { passes = 0, pending = 0 } = runner.stats ?? {};
      console.log(`extension-host: ${passes} passed, ${failures} failed${pending ? `, ${pending} skipped` : ''}`);
      if (failures > 0) reject(new Error(`${failures} test(s) failed`));
      else if (passes === 0) reject(new Error('no test ran'));
      else resolve();
    });
  });
}
