// "Headroom: New CLI-Optimized Skill": asks for a name and the data the skill works on, measures
// on that actual data what an agent would read raw against what it reads through the generated
// script, shows the numbers (tokens, cost per turn and per month), and on confirmation writes
// `.github/skills/<name>/SKILL.md` and `scripts/<name>.mjs`.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { Runtime } from '../runtime/runtime';
import { configureTemplate, DATA_KINDS, readTemplate, requestProblem, skillFiles, writeSkill, type DataKind, type SkillFiles, type SkillRequest } from '../skills/generateSkill';
import { measureSkill, type SkillMeasurement } from '../skills/measureSkill';
import { cost, count, usd, type PriceSettings } from '../skills/savings';
import { skillNameProblem, toSkillName } from '../skills/skillSpec';
import { previewUri } from './previewDocuments';
import { priceSettings, writableFolder } from './workspaceAccess';

export const NEW_SKILL_COMMAND = 'headroom.newSkill';

export interface NewSkillArgs extends Partial<SkillRequest> {
  readonly folder?: vscode.Uri | string;
  /** Write without asking once measured (tests, automation). */
  readonly confirm?: boolean;
}

export interface NewSkillResult {
  readonly request: SkillRequest;
  readonly measurement: SkillMeasurement;
  readonly files?: SkillFiles;
  readonly written: boolean;
  readonly report: string;
}

const KIND_LABELS: Readonly<Record<DataKind, { label: string; detail: string; example: string }>> = {
  logs: { label: 'Log files', detail: 'levels, error and warning groups, time range, the busiest files', example: 'logs/**/*.log' },
  json: { label: 'JSON files', detail: 'records, fields, value counts, outliers, problem records first', example: 'reports/**/*.json' },
  files: { label: 'Config or text files', detail: 'types, keys, shared and rare values, unparseable files first', example: 'config/**/*' },
  command: { label: 'A command\'s output', detail: 'exit code, error groups, the last lines', example: 'npm test' },
};

export function registerNewSkill(context: vscode.ExtensionContext, runtime: () => Runtime, log: vscode.LogOutputChannel): vscode.Disposable {
  return vscode.commands.registerCommand(NEW_SKILL_COMMAND, async (args: NewSkillArgs = {}): Promise<NewSkillResult | undefined> => {
    const folder = await writableFolder(vscode.l10n.t('create a skill'), args.folder);
    if (!folder) return undefined;
    const request = await ask(args);
    if (!request) return undefined;
    const problem = requestProblem(request);
    if (problem) {
      void vscode.window.showErrorMessage(vscode.l10n.t('No skill was created: {0}', problem));
      return undefined;
    }
    const root = folder.uri.fsPath;
    const template = readTemplate(context.extensionUri.fsPath);
    const prices = priceSettings('skillRuns');

    // Measure with a copy of the script in a temporary folder: nothing is written before the user agrees.
    const scratch = mkdtempSync(join(tmpdir(), 'headroom-skill-'));
    let measurement: SkillMeasurement;
    try {
      const script = join(scratch, `${request.name}.mjs`);
      writeFileSync(script, configureTemplate(template, request, root));
      const draft = skillFiles(request, template);
      measurement = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Headroom: measuring {0} on your data…', request.name), cancellable: true },
        (_progress, token) => {
          const abort = new AbortController();
          token.onCancellationRequested(() => abort.abort());
          return measureSkill({ root, script, skillMd: draft.skillMd, node: vsCodeNode(), countTokens: (t) => runtime().countTokens(t), signal: abort.signal, timeoutMs: request.kind === 'command' ? 600_000 : 120_000 });
        },
      );
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
    const report = measurementReport(request, measurement, prices);
    log.info(`skill ${request.name}: raw ${measurement.rawTokens} tokens, via the skill ${measurement.viaSkillTokens}${measurement.error ? `; ${measurement.error}` : ''}`);
    const reportUri = previewUri(`skills/${request.name}-measurement.md`, report);
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(reportUri), { preview: true, preserveFocus: args.confirm !== undefined });
    if (measurement.error) {
      void vscode.window.showErrorMessage(vscode.l10n.t('The skill was not created: {0}', measurement.error));
      return { request, measurement, written: false, report };
    }
    const ok = args.confirm ?? await confirmCreate(request, measurement, prices);
    if (!ok) return { request, measurement, written: false, report };
    const files = skillFiles(request, template, { rawTokens: measurement.rawTokens, scriptTokens: measurement.summaryTokens, estimated: measurement.estimated });
    const written = writeSkill(root, files);
    if (!written.ok) {
      void vscode.window.showErrorMessage(vscode.l10n.t('The skill was not created: {0}', written.error));
      return { request, measurement, files, written: false, report };
    }
    await vscode.window.showTextDocument(vscode.Uri.joinPath(folder.uri, ...files.skillMdPath.split('/')), { preview: false });
    void vscode.window.showInformationMessage(vscode.l10n.t('Created {0}: agents read {1} tokens through it instead of {2}.', files.skillDir, count(measurement.viaSkillTokens), count(measurement.rawTokens)));
    return { request, measurement, files, written: true, report };
  });
}

/** VS Code's own Node: the extension host's executable, run as plain Node. */
function vsCodeNode(): { command: string; env: NodeJS.ProcessEnv } {
  const exe = process.platform === 'win32' ? `"${process.execPath}"` : `'${process.execPath.replaceAll("'", `'\\''`)}'`;
  return { command: exe, env: { ELECTRON_RUN_AS_NODE: '1' } };
}

async function ask(args: NewSkillArgs): Promise<SkillRequest | undefined> {
  const name = args.name ?? await vscode.window.showInputBox({
    title: vscode.l10n.t('New CLI-optimized skill (1/3): name'),
    prompt: vscode.l10n.t('Lowercase letters, digits and hyphens; it becomes the folder name .github/skills/<name>.'),
    placeHolder: 'summarize-build-logs',
    validateInput: (value) => skillNameProblem(value) && vscode.l10n.t('{0} (try {1})', skillNameProblem(value)!, toSkillName(value) || 'summarize-logs'),
    ignoreFocusOut: true,
  });
  if (name === undefined) return undefined;
  let kind = args.kind;
  if (kind === undefined) {
    const picked = await vscode.window.showQuickPick(DATA_KINDS.map((k) => ({ label: vscode.l10n.t(KIND_LABELS[k].label), detail: vscode.l10n.t(KIND_LABELS[k].detail), dataKind: k })), {
      title: vscode.l10n.t('New CLI-optimized skill (2/3): what data does it work on?'),
      ignoreFocusOut: true,
    });
    if (!picked) return undefined;
    kind = picked.dataKind;
  }
  let inputs = args.inputs;
  let command = args.command;
  if (kind === 'command' && command === undefined) {
    command = await vscode.window.showInputBox({ title: vscode.l10n.t('New CLI-optimized skill (3/3): the command'), prompt: vscode.l10n.t('It runs in the workspace folder now, to measure, and whenever the agent uses the skill.'), placeHolder: KIND_LABELS.command.example, ignoreFocusOut: true });
    if (command === undefined) return undefined;
  } else if (kind !== 'command' && inputs === undefined) {
    const globs = await vscode.window.showInputBox({ title: vscode.l10n.t('New CLI-optimized skill (3/3): which files?'), prompt: vscode.l10n.t('Glob patterns relative to the workspace folder, separated by commas.'), value: KIND_LABELS[kind].example, ignoreFocusOut: true });
    if (globs === undefined) return undefined;
    inputs = globs.split(',').map((g) => g.trim()).filter(Boolean);
  }
  const purpose = args.purpose ?? await vscode.window.showInputBox({ title: vscode.l10n.t('What is the skill for? (optional)'), prompt: vscode.l10n.t('One sentence for the description agents pick skills by, e.g. "Triage the payment service logs".'), ignoreFocusOut: true });
  return { name, kind, inputs: inputs ?? [], ...(command !== undefined ? { command } : {}), ...(purpose ? { purpose } : {}) };
}

async function confirmCreate(request: SkillRequest, m: SkillMeasurement, prices: PriceSettings): Promise<boolean> {
  const raw = cost(m.rawTokens, prices);
  const via = cost(m.viaSkillTokens, prices);
  const create = { label: vscode.l10n.t('$(add) Create the skill'), detail: vscode.l10n.t('Writes .github/skills/{0}/SKILL.md and scripts/{0}.mjs', request.name), create: true };
  const cancel = { label: vscode.l10n.t('Cancel'), detail: vscode.l10n.t('Nothing is written'), create: false };
  const picked = await vscode.window.showQuickPick([create, cancel], {
    title: vscode.l10n.t('{0}: {1} tokens raw → {2} through the skill ({3} → {4} a month at {5} runs a day)', request.name, count(m.rawTokens), count(m.viaSkillTokens), usd(raw.perMonth), usd(via.perMonth), prices.usesPerDay),
    ignoreFocusOut: true,
  });
  return picked?.create === true;
}

/** The measurement as a Markdown page: the seed's table, filled in with this data. */
export function measurementReport(request: SkillRequest, m: SkillMeasurement, prices: PriceSettings): string {
  const raw = cost(m.rawTokens, prices);
  const via = cost(m.viaSkillTokens, prices);
  const saved = cost(m.rawTokens - m.viaSkillTokens, prices);
  const ratio = m.viaSkillTokens > 0 ? m.rawTokens / m.viaSkillTokens : 0;
  const lines = [
    `# ${request.name}: measured on your data`,
    '',
    m.error ? `**The script failed: ${m.error}**\n` : '',
    `| | input tokens per use | cost per use | per month (${prices.usesPerDay} uses a day, ${prices.workingDaysPerMonth} days) |`,
    '|---|---:|---:|---:|',
    `| agent reads the raw data | ${m.estimated ? '≈' : ''}${count(m.rawTokens)} | ${usd(raw.perUse)} | ${usd(raw.perMonth)} |`,
    `| agent runs the skill (SKILL.md body ${count(m.bodyTokens)} + summary ${count(m.summaryTokens)}) | ${count(m.viaSkillTokens)} | ${usd(via.perUse)} | ${usd(via.perMonth)} |`,
    `| saved | ${count(m.rawTokens - m.viaSkillTokens)}${ratio ? ` (${ratio.toFixed(1)}× fewer)` : ''} | ${usd(saved.perUse)} | ${usd(saved.perMonth)} |`,
    '',
    `Input tokens counted with o200k_base at $${prices.inputPricePerMillion} per 1M input tokens (the model in setting \`headroom.pricing.model\`). ${m.estimated ? `The raw data was ${m.rawBytes.toLocaleString('en-US')} bytes, more than was read for counting, so its tokens are estimated from its size. ` : ''}The script ran in ${(m.scriptMs / 1000).toFixed(1)} s.`,
    '',
    '## What the agent reads through the skill',
    '',
    '```text',
    m.summary.replaceAll('```', '`\u200b``').trimEnd(),
    '```',
    '',
  ];
  return lines.filter((l, i) => l !== '' || lines[i - 1] !== '').join('\n');
}
