// The newcomer's first run: compresses three real captured outputs with the built CLI, shows the
// savings, and proves that each cut comes back byte for byte.
import { execFileSync } from 'node:child_process';
import { readFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const store = mkdtempSync(join(tmpdir(), 'headroom-demo-'));
const cli = (args, input) => execFileSync(process.execPath, ['dist/cli.js', ...args, '--store', store], { input, maxBuffer: 64 << 20 });
const samples = [
  ['npm install log', 'test/fixtures/shell/npmInstall/npm-install-http.txt', 'npm install --loglevel=http express@4 lodash@3 request'],
  ['node --test run with 2 failures', 'test/fixtures/shell/nodeTest/node-test-spec-failures.txt', 'node --test --test-reporter=spec math.test.js'],
  ['npm view JSON array', 'test/fixtures/json/json/npm-view-versions.txt', "npm view 'express@>=4.21 <5' --json"],
];
for (const [label, file, command] of samples) {
  const original = readFileSync(file);
  const result = JSON.parse(cli(['compress', file, '--command', command, '--json']).toString());
  const back = result.markers.map((id) => cli(['retrieve', id]));
  const exact = back.some((bytes) => Buffer.compare(bytes, original) === 0);
  const saved = 100 * (1 - result.tokensAfter / result.tokensBefore);
  console.log(`${label}: ${result.tokensBefore} → ${result.tokensAfter} tokens (−${saved.toFixed(1)} %), ${result.cuts.length} cuts, ${result.ms.toFixed(1)} ms, original retrieved byte for byte: ${exact ? 'yes' : 'NO'}`);
}
console.log(`\nTry it yourself:\n  node dist/cli.js compress ${samples[0][1]} --command "npm install"\n  node dist/cli.js retrieve <id from a [hr:…] marker> --lines 10-20`);
