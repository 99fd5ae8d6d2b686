// "Headroom: Check Skills": validates every workspace skill (front matter, links, body size),
// flags scripts that print raw data, and — in a trusted workspace, when the user agrees — runs the
// command lines the skills tell agents to run and counts their output. Problems go to the Problems
// panel on each SKILL.md, and a report opens beside the editor.
import * as vscode from 'vscode';
import type { Runtime } from '../runtime/runtime';
import { checkSkill, findSkills, LARGE_OUTPUT_TOKENS, type SkillReport } from '../skills/checkSkills';
import { count } from '../skills/savings';
import { previewUri } from './previewDocuments';
import { pickFolder } from './workspaceAccess';

export const CHECK_SKILLS_COMMAND = 'headroom.checkSkills';

export interface CheckSkillsArgs {
  readonly folder?: vscode.Uri | string;
  /** Run the skills' script commands to measure their output (default: ask; never in Restricted Mode). */
  readonly runScripts?: boolean;
}

export function registerCheckSkills(runtime: () => Runtime, log: vscode.LogOutputChannel): vscode.Disposable {
  const diagnostics = vscode.languages.createDiagnosticCollection('headroom-skills');
  const command = vscode.commands.registerCommand(CHECK_SKILLS_COMMAND, async (args: CheckSkillsArgs = {}): Promise<readonly SkillReport[] | undefined> => {
    // Reading and validating writes nothing, so it works in Restricted Mode too; running scripts does not.
    const folder = await pickFolder(args.folder);
    if (!folder) return undefined;
    const root = folder.uri.fsPath;
    const paths = findSkills(root);
    if (paths.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('No skills in {0} (.github/skills, .claude/skills, .agents/skills). Headroom: New CLI-Optimized Skill makes one.', folder.name));
      return [];
    }
    const countTokens = (text: string) => runtime().countTokens(text);
    const firstPass = await Promise.all(paths.map((p) => checkSkill(root, p, { countTokens })));
    const commands = firstPass.reduce((n, r) => n + Math.min(3, r.commands.length), 0);
    let runScripts = args.runScripts ?? false;
    if (commands > 0 && vscode.workspace.isTrusted && args.runScripts === undefined) {
      const run = vscode.l10n.t('Run Them');
      const choice = await vscode.window.showInformationMessage(
        vscode.l10n.t('The skills tell agents to run {0} script commands. Run them now (in {1}, up to 60 s each) to measure how much they print?', commands, folder.name),
        run, vscode.l10n.t('Skip'),
      );
      runScripts = choice === run;
    }
    if (!vscode.workspace.isTrusted) runScripts = false;
    const reports = runScripts
      ? await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Headroom: running the skills\' scripts…'), cancellable: true }, (_p, token) => {
        const abort = new AbortController();
        token.onCancellationRequested(() => abort.abort());
        return Promise.all(paths.map((p) => checkSkill(root, p, { countTokens, runScripts: true, signal: abort.signal })));
      })
      : firstPass;
    publish(diagnostics, folder, reports);
    for (const r of reports) log.info(`skills: ${r.path}: ${r.errors.length} errors, ${r.warnings.length} warnings, ${r.findings.length} script findings`);
    const doc = await vscode.workspace.openTextDocument(previewUri(`skills/check-${folder.name}.md`, reportText(reports, runScripts)));
    await vscode.window.showTextDocument(doc, { preview: true, viewColumn: vscode.ViewColumn.Beside, preserveFocus: true });
    const bad = reports.filter((r) => r.errors.length > 0).length;
    const flagged = reports.filter((r) => r.findings.length > 0).length;
    void vscode.window.showInformationMessage(vscode.l10n.t('Checked {0} skills: {1} with errors (they do not load), {2} with scripts that print raw data.', reports.length, bad, flagged));
    return reports;
  });
  return vscode.Disposable.from(command, diagnostics);
}

function publish(collection: vscode.DiagnosticCollection, folder: vscode.WorkspaceFolder, reports: readonly SkillReport[]): void {
  for (const report of reports) {
    const uri = vscode.Uri.joinPath(folder.uri, ...report.path.split('/'));
    collection.set(uri, [
      ...report.errors.map((m) => diagnostic(m, vscode.DiagnosticSeverity.Error)),
      ...report.warnings.map((m) => diagnostic(m, vscode.DiagnosticSeverity.Warning)),
      ...report.findings.map((f) => diagnostic(`${f.path}: ${f.message}`, vscode.DiagnosticSeverity.Warning)),
    ]);
  }
}

// `line 3: a plain value containing ": " …` — a front matter problem with its line
const LINE_PREFIX = /^line (\d+):/;

function diagnostic(message: string, severity: vscode.DiagnosticSeverity): vscode.Diagnostic {
  const line = LINE_PREFIX.exec(message);
  const row = line ? Number(line[1]) - 1 : 0;
  const d = new vscode.Diagnostic(new vscode.Range(row, 0, row, 1000), message, severity);
  d.source = 'Headroom';
  return d;
}

function reportText(reports: readonly SkillReport[], ran: boolean): string {
  const out = ['# Skills check', ''];
  for (const r of reports) {
    const status = r.errors.length ? 'does not load' : r.findings.length ? 'loads; its scripts print raw data' : 'OK';
    out.push(`## ${r.path.split('/').slice(-2, -1)[0]} — ${status}`, '', `\`${r.path}\`${r.bodyTokens !== undefined ? `; body ${count(r.bodyTokens)} tokens, read whenever the skill is used` : ''}`, '');
    for (const e of r.errors) out.push(`- ❌ ${e}`);
    for (const w of r.warnings) out.push(`- ⚠️ ${w}`);
    for (const f of r.findings) out.push(`- ⚠️ \`${f.path}\`: ${f.message}`);
    for (const m of r.measured) out.push(`- measured \`${m.command}\`: ${count(m.tokens)} tokens, exit code ${m.exitCode}${m.note ? ` (${m.note})` : ''}`);
    if (!ran && r.commands.length) out.push(`- not run: ${r.commands.map((c) => `\`${c}\``).join(', ')}`);
    out.push('');
  }
  out.push(`Scripts that print more than ${count(LARGE_OUTPUT_TOKENS)} tokens are flagged: an agent reads all of it. Aggregate in the script (counts, groups, the errors) and let the agent ask for details.`);
  return out.join('\n') + '\n';
}
