// Instruction-file compression without VS Code: finding the files, the preview, the careful write,
// byte-exact backups and restore, and the terse-mode file. Real instruction files from the
// instructions compressor's fixtures, the real tokenizer.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { InstructionBackups } from '../../src/instructions/backups';
import { findInstructionFiles } from '../../src/instructions/findInstructionFiles';
import { applyInstructionPlans, planInstructionFile, restoreInstructionFiles, scopeOf, sha256 } from '../../src/instructions/planInstructions';
import { removeTerseFile, TERSE_FILE, terseInstructions, terseLevel, writeTerseFile } from '../../src/instructions/terse';
import { Runtime } from '../../src/runtime/runtime';
import { cost, usd } from '../../src/skills/savings';
import { ASSET_DIR, ROOT } from '../helpers/engines';

const FIXTURES = join(ROOT, 'test', 'fixtures', 'content', 'instructions');
const fixture = (name: string) => readFileSync(join(FIXTURES, `${name}.md`));
const needles = (name: string): string[] => JSON.parse(readFileSync(join(FIXTURES, `${name}.json`), 'utf8')).needles;

describe('instruction files', function () {
  this.timeout(30_000);
  let runtime: Runtime;
  let root: string;
  let backups: InstructionBackups;
  const write = (path: string, bytes: Buffer | string) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), bytes);
  };
  const read = (path: string) => readFileSync(join(root, path));

  before(() => { runtime = new Runtime({ assetDir: ASSET_DIR }); });
  after(() => runtime.dispose());
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'hr-instr-'));
    backups = new InstructionBackups(join(root, '..', `${root.split('/').pop()}-backups`));
  });
  afterEach(() => {
    for (const p of [root, backups.dir]) {
      if (existsSync(p)) {
        spawnChmod(p);
        rmSync(p, { recursive: true, force: true });
      }
    }
  });

  it('finds the files Copilot reads, and not Headroom\'s terse file or files behind a symbolic link', () => {
    assert.deepEqual(findInstructionFiles(root), [], 'an empty workspace, no .github folder');
    write('.github/copilot-instructions.md', 'x');
    write('AGENTS.md', 'x');
    write('CLAUDE.md', 'x');
    write('.github/instructions/react.instructions.md', 'x');
    write('.github/instructions/deep/er/api.instructions.md', 'x');
    write('.github/instructions/notes.md', 'x');
    write(TERSE_FILE, terseInstructions('full'));
    const outside = mkdtempSync(join(tmpdir(), 'hr-outside-'));
    writeFileSync(join(outside, 'evil.instructions.md'), 'x');
    symlinkSync(outside, join(root, '.github/instructions/linked'));
    assert.deepEqual(findInstructionFiles(root), ['.github/copilot-instructions.md', 'AGENTS.md', 'CLAUDE.md', '.github/instructions/deep/er/api.instructions.md', '.github/instructions/react.instructions.md']);
    rmSync(outside, { recursive: true });
  });

  it('previews a real copilot-instructions.md: fewer tokens, every needle kept, no marker line, idempotent', async () => {
    write('.github/copilot-instructions.md', fixture('copilot-instructions-webapp'));
    const plan = await planInstructionFile(root, '.github/copilot-instructions.md', runtime);
    assert.equal(plan.status, 'compress', plan.reason);
    assert.equal(plan.scope, 'every request');
    assert.ok(plan.tokensAfter < plan.tokensBefore);
    assert.equal(plan.originalSha256, sha256(fixture('copilot-instructions-webapp')));
    for (const needle of needles('copilot-instructions-webapp')) assert.ok(plan.newText!.includes(needle), needle);
    assert.doesNotMatch(plan.newText!, /\[hr:[0-9a-f]{12}/);
    write('.github/copilot-instructions.md', plan.newText!);
    const again = await planInstructionFile(root, '.github/copilot-instructions.md', runtime);
    assert.equal(again.status, 'unchanged', 'compressing the compressed file changes nothing');
  });

  it('keeps a byte-order mark and CRLF line ends', async () => {
    const text = fixture('claude-md-cli-tool').toString('utf8');
    write('CLAUDE.md', '\uFEFF' + text.replaceAll('\n', '\r\n'));
    const plan = await planInstructionFile(root, 'CLAUDE.md', runtime);
    assert.equal(plan.status, 'compress', plan.reason);
    assert.ok(plan.newText!.startsWith('\uFEFF'));
    assert.equal(plan.newText!.split('\r\n').length, plan.newText!.split('\n').length, 'every line ends in CRLF');
    const lf = await planInstructionFile((write('AGENTS.md', text), root), 'AGENTS.md', runtime);
    assert.equal(plan.newText!.slice(1).replaceAll('\r\n', '\n'), lf.newText);
  });

  it('skips non-UTF-8 and unreadable files, leaves empty ones', async () => {
    write('AGENTS.md', Buffer.from([0x23, 0x20, 0xff, 0xfe, 0x0a, 0x52, 0xe9, 0x73]));
    const latin1 = await planInstructionFile(root, 'AGENTS.md', runtime);
    assert.equal(latin1.status, 'skipped');
    assert.match(latin1.reason, /not UTF-8/);
    write('CLAUDE.md', '');
    assert.equal((await planInstructionFile(root, 'CLAUDE.md', runtime)).status, 'unchanged');
    assert.equal((await planInstructionFile(root, 'missing.md', runtime)).status, 'skipped');
  });

  it('tells when a file is read: every request, by applyTo, or on demand', () => {
    assert.deepEqual(scopeOf('AGENTS.md', ''), { scope: 'every request', alwaysOn: true });
    assert.deepEqual(scopeOf('.github/instructions/a.instructions.md', '---\napplyTo: "**"\n---\n'), { scope: 'every request', alwaysOn: true });
    assert.deepEqual(scopeOf('.github/instructions/a.instructions.md', '---\napplyTo: "src/**/*.tsx, web/**"\n---\n'), { scope: 'requests about src/**/*.tsx, web/**', alwaysOn: false });
    assert.equal(scopeOf('.github/instructions/a.instructions.md', '# no front matter').alwaysOn, false);
  });

  it('writes accepted files after a verified backup, and restores them byte for byte', async () => {
    const names = ['copilot-instructions-webapp', 'agents-md-python-monorepo', 'react-components-instructions'];
    const paths = ['.github/copilot-instructions.md', 'AGENTS.md', '.github/instructions/react.instructions.md'];
    paths.forEach((p, i) => write(p, fixture(names[i])));
    const plans = await Promise.all(paths.map((p) => planInstructionFile(root, p, runtime)));
    const results = applyInstructionPlans(root, plans, backups);
    assert.deepEqual(results.map((r) => r.ok), [true, true, true]);
    paths.forEach((p, i) => assert.equal(read(p).toString(), plans[i].newText));
    assert.equal(backups.list().length, 3);
    const restored = restoreInstructionFiles(root, backups);
    assert.deepEqual(restored.map((r) => r.ok && r.status), ['restored', 'restored', 'restored']);
    paths.forEach((p, i) => assert.ok(read(p).equals(fixture(names[i])), p));
    assert.deepEqual(backups.list(), []);
  });

  it('refuses a file changed since the preview, one with unsaved edits, and a read-only one', async () => {
    write('AGENTS.md', fixture('agents-md-python-monorepo'));
    write('CLAUDE.md', fixture('claude-md-cli-tool'));
    write('.github/copilot-instructions.md', fixture('copilot-instructions-webapp'));
    const plans = await Promise.all(['AGENTS.md', 'CLAUDE.md', '.github/copilot-instructions.md'].map((p) => planInstructionFile(root, p, runtime)));
    write('AGENTS.md', Buffer.concat([fixture('agents-md-python-monorepo'), Buffer.from('\n- One more rule.\n')]));
    chmodSync(join(root, '.github/copilot-instructions.md'), 0o444);
    const results = applyInstructionPlans(root, plans, backups, { isDirty: (p) => p.endsWith('CLAUDE.md') });
    assert.deepEqual(results.map((r) => (r.ok ? 'ok' : r.reason.split(':')[0].split(' since')[0])), ['it changed', 'it has unsaved edits in the editor', 'it is read-only']);
    assert.ok(read('CLAUDE.md').equals(fixture('claude-md-cli-tool')));
    assert.ok(read('.github/copilot-instructions.md').equals(fixture('copilot-instructions-webapp')));
    assert.deepEqual(backups.list(), [], 'no backups for files not written');
  });

  it('does not restore over edits made after compressing, unless forced', async () => {
    write('AGENTS.md', fixture('agents-md-python-monorepo'));
    applyInstructionPlans(root, [await planInstructionFile(root, 'AGENTS.md', runtime)], backups);
    write('AGENTS.md', 'my own edit\n');
    const refused = restoreInstructionFiles(root, backups);
    assert.equal(refused[0].ok, false);
    assert.match((refused[0] as { reason: string }).reason, /edited after Headroom compressed it/);
    assert.equal(read('AGENTS.md').toString(), 'my own edit\n');
    const forced = restoreInstructionFiles(root, backups, { force: true });
    assert.ok(forced[0].ok);
    assert.ok(read('AGENTS.md').equals(fixture('agents-md-python-monorepo')));
  });

  it('restores a file that was deleted, and notices one already back to the original', async () => {
    write('AGENTS.md', fixture('agents-md-python-monorepo'));
    write('CLAUDE.md', fixture('claude-md-cli-tool'));
    applyInstructionPlans(root, await Promise.all(['AGENTS.md', 'CLAUDE.md'].map((p) => planInstructionFile(root, p, runtime))), backups);
    rmSync(join(root, 'AGENTS.md'));
    write('CLAUDE.md', fixture('claude-md-cli-tool'));
    const results = restoreInstructionFiles(root, backups);
    assert.deepEqual(results.map((r) => r.ok && r.status), ['restored', 'already-original']);
    assert.ok(read('AGENTS.md').equals(fixture('agents-md-python-monorepo')));
  });

  it('writes, changes and removes the terse file, and never touches one it did not write', () => {
    assert.equal(terseLevel(root), undefined);
    assert.deepEqual(writeTerseFile(root, 'lite'), { ok: true, status: 'created', path: join(root, TERSE_FILE) });
    assert.equal(terseLevel(root), 'lite');
    assert.match(read(TERSE_FILE).toString(), /^---\ndescription: "Headroom terse mode \(lite\)[^\n]*\napplyTo: "\*\*"\n---\n/);
    assert.equal((writeTerseFile(root, 'lite') as { status: string }).status, 'unchanged');
    assert.equal((writeTerseFile(root, 'ultra') as { status: string }).status, 'updated');
    assert.equal(terseLevel(root), 'ultra');
    assert.equal((removeTerseFile(root) as { status: string }).status, 'removed');
    assert.equal(existsSync(join(root, TERSE_FILE)), false);
    write(TERSE_FILE, '---\napplyTo: "**"\n---\nMy own rules.\n');
    assert.equal(terseLevel(root), 'foreign');
    assert.equal(writeTerseFile(root, 'full').ok, false);
    assert.equal(removeTerseFile(root).ok, false);
    assert.equal(read(TERSE_FILE).toString(), '---\napplyTo: "**"\n---\nMy own rules.\n');
  });

  it('every level keeps the rules that protect facts', () => {
    for (const level of ['lite', 'full', 'ultra'] as const) {
      const text = terseInstructions(level);
      for (const rule of ['code, commands, file paths, error messages, numbers and versions exact', 'Never drop "not", "never", "no", "only", "except"', 'security warnings, irreversible actions']) assert.ok(text.includes(rule), `${level}: ${rule}`);
    }
  });

  it('turns tokens into money per use and per month', () => {
    const c = cost(1000, { inputPricePerMillion: 3, usesPerDay: 50, workingDaysPerMonth: 20 });
    assert.equal(c.perUse, 0.003);
    assert.equal(c.perMonthTokens, 1_000_000);
    assert.equal(c.perMonth, 3);
    assert.equal(usd(0.003), '$0.00300');
    assert.equal(usd(3), '$3.00');
    assert.equal(usd(0.185), '$0.185');
    assert.equal(usd(16128000), '$16,128,000');
  });
});

/** Makes everything under `dir` writable again so it can be removed. */
function spawnChmod(dir: string): void {
  spawnSync('chmod', ['-R', 'u+w', dir]);
}
