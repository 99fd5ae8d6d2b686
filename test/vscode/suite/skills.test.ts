// "Headroom: New CLI-Optimized Skill" and "Headroom: Check Skills" in a real VS Code, on a real data
// folder (real service logs): the measured savings, the written skill, its script run as an agent
// would run it, and Check Skills' report and Problems-panel entries for a broken skill.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { headroomExtension, writeWorkspaceFile } from './helpers';

interface Measurement { rawTokens: number; summaryTokens: number; bodyTokens: number; viaSkillTokens: number; summary: string; error?: string }
interface NewSkillResult { measurement: Measurement; written: boolean; report: string; files?: { skillMdPath: string; scriptPath: string; runCommand: string } }
interface SkillReport { name: string; path: string; errors: string[]; warnings: string[]; findings: { message: string }[]; measured: { command: string; tokens: number }[] }

const LOGS = ['java-ledger-sync', 'go-shipping-quotes', 'python-invoice-worker', 'pino-orders-api', 'rust-thumbnailer-panic'];

describe('CLI-optimized skills', () => {
  let root: vscode.Uri;
  before(async () => {
    await headroomExtension().activate();
    root = vscode.workspace.workspaceFolders![0].uri;
    const fixtures = join(headroomExtension().extensionPath, 'test', 'fixtures', 'log', 'log');
    for (const name of LOGS) await writeWorkspaceFile(`service-logs/${name}.log`, readFileSync(join(fixtures, `${name}.txt`), 'utf8'));
  });
  after(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  it('measures a new skill on the workspace\'s real logs, shows the numbers, and writes a skill that works', async () => {
    const result = await vscode.commands.executeCommand<NewSkillResult>('headroom.newSkill', { name: 'triage-service-logs', kind: 'logs', inputs: ['service-logs/**/*.log'], purpose: 'Triage the service logs', confirm: true });
    assert.equal(result.measurement.error, undefined);
    assert.equal(result.written, true);
    const m = result.measurement;
    console.log(`      skill on real logs: ${m.rawTokens} tokens raw → ${m.viaSkillTokens} through the skill (${(m.rawTokens / m.viaSkillTokens).toFixed(1)}×)`);
    assert.ok(m.rawTokens > 10 * m.viaSkillTokens, `${m.rawTokens} vs ${m.viaSkillTokens}`);
    // The measurement page is open, the seed's table filled in with this data.
    const page = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'headroom-preview' && d.uri.path.endsWith('triage-service-logs-measurement.md'));
    assert.ok(page, 'the measurement opens in an editor');
    assert.match(page.getText(), /\| agent reads the raw data \| [\d,]+ \| \$[\d.]+ \| \$[\d.,]+ \|/);
    assert.match(page.getText(), /\| saved \| [\d,]+ \([\d.]+× fewer\)/);
    // SKILL.md is open in an editor; the files are on disk.
    assert.ok(vscode.window.visibleTextEditors.some((e) => e.document.uri.path.endsWith('.github/skills/triage-service-logs/SKILL.md')));
    const skillMd = Buffer.from(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(root, '.github', 'skills', 'triage-service-logs', 'SKILL.md'))).toString('utf8');
    assert.match(skillMd, /^---\nname: triage-service-logs\ndescription: 'Triage the service logs\. Summarizes/);
    assert.match(skillMd, new RegExp(`reading the raw data took ${m.rawTokens.toLocaleString('en-US')} tokens and the summary ${m.summaryTokens.toLocaleString('en-US')}`));
    // The agent's command, run from the workspace root with a plain Node, prints the summary.
    const summary = execFileSync(process.execPath, [join(root.fsPath, result.files!.scriptPath)], { cwd: root.fsPath, env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' } }).toString();
    assert.equal(summary, m.summary);
    assert.match(summary, /java\.lang\.IllegalStateException: overdraft limit exceeded for ACC-1000: -100000/);
  });

  it('checks skills: a good one passes, a broken one is reported in the Problems panel', async () => {
    await writeWorkspaceFile('.github/skills/broken-skill/SKILL.md', '---\nname: other-name\ndescription: Use when: logs\n---\nRun [it](./scripts/missing.mjs).\n');
    const reports = await vscode.commands.executeCommand<SkillReport[]>('headroom.checkSkills', { runScripts: true });
    const good = reports.find((r) => r.path === '.github/skills/triage-service-logs/SKILL.md')!;
    assert.deepEqual(good.errors, []);
    assert.deepEqual(good.findings, []);
    assert.ok(good.measured.length === 1 && good.measured[0].tokens < 5000, JSON.stringify(good.measured));
    const broken = reports.find((r) => r.path === '.github/skills/broken-skill/SKILL.md')!;
    assert.match(broken.errors.join('\n'), /"name" is "other-name" but the folder is "broken-skill"/);
    assert.match(broken.errors.join('\n'), /put the value in quotes/);
    assert.match(broken.errors.join('\n'), /missing\.mjs points to a file that does not exist/);
    const problems = vscode.languages.getDiagnostics(vscode.Uri.joinPath(root, '.github', 'skills', 'broken-skill', 'SKILL.md'));
    assert.ok(problems.some((d) => d.severity === vscode.DiagnosticSeverity.Error && d.source === 'Headroom' && d.message.includes('other-name')));
    assert.ok(problems.some((d) => d.range.start.line === 2 && d.message.includes('quotes')), 'a front matter error points at its line');
    const report = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'headroom-preview' && d.uri.path.includes('skills/check-'));
    assert.match(report!.getText(), /## broken-skill — does not load/);
  });

  it('never overwrites an existing skill', async () => {
    const again = await vscode.commands.executeCommand<NewSkillResult>('headroom.newSkill', { name: 'triage-service-logs', kind: 'logs', inputs: ['service-logs/**/*.log'], purpose: '', confirm: true });
    assert.equal(again.written, false);
  });
});
