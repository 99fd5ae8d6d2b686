// "Headroom: Compress Instruction Files": finds the instruction files Copilot reads, shows a diff
// preview of each with its savings per request and per month, and writes the accepted ones after a
// byte-exact backup. Files with unsaved edits, or changed since the preview, are refused.
import * as vscode from 'vscode';
import { findInstructionFiles } from '../instructions/findInstructionFiles';
import { applyInstructionPlans, planInstructionFile, type ApplyResult, type InstructionPlan } from '../instructions/planInstructions';
import type { Runtime } from '../runtime/runtime';
import { cost, count, usd } from '../skills/savings';
import { backupsFor } from './backupsFor';
import { pickMany } from './pickMany';
import { closePreviews, previewUri } from './previewDocuments';
import { RESTORE_INSTRUCTION_FILES_COMMAND } from './restoreInstructionFiles';
import { hasUnsavedEdits, priceSettings, writableFolder } from './workspaceAccess';

export const COMPRESS_INSTRUCTION_FILES_COMMAND = 'headroom.compressInstructionFiles';

export interface CompressInstructionFilesArgs {
  /** The workspace folder (default: the only one, or ask). */
  readonly folder?: vscode.Uri | string;
  /** Skip the confirmation: `all`, or the relative paths to write. */
  readonly accept?: 'all' | readonly string[];
}

export interface CompressInstructionFilesResult {
  readonly plans: readonly InstructionPlan[];
  readonly results: readonly ApplyResult[];
  /** The diff editors' right-hand sides that were opened. */
  readonly previews: readonly string[];
}

export function registerCompressInstructionFiles(context: vscode.ExtensionContext, runtime: () => Runtime, log: vscode.LogOutputChannel): vscode.Disposable {
  return vscode.commands.registerCommand(COMPRESS_INSTRUCTION_FILES_COMMAND, async (args: CompressInstructionFilesArgs = {}): Promise<CompressInstructionFilesResult | undefined> => {
    const folder = await writableFolder(vscode.l10n.t('compress instruction files'), args.folder);
    if (!folder) return undefined;
    const root = folder.uri.fsPath;
    const paths = findInstructionFiles(root);
    if (paths.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('No instruction files in {0}: Headroom looks for .github/copilot-instructions.md, .github/instructions/**/*.instructions.md, AGENTS.md and CLAUDE.md.', folder.name));
      return { plans: [], results: [], previews: [] };
    }
    const plans = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Headroom: compressing {0} instruction files…', paths.length) },
      () => Promise.all(paths.map((p) => planInstructionFile(root, p, runtime()))),
    );
    for (const plan of plans) log.info(`instructions: ${plan.path}: ${plan.status} (${plan.reason}); read ${plan.scope}`);
    const candidates = plans.filter((p) => p.status === 'compress');
    const prices = priceSettings('requests');
    if (candidates.length === 0) {
      const why = plans.map((p) => `${p.path}: ${p.reason}`).join('; ');
      void vscode.window.showInformationMessage(vscode.l10n.t('Nothing to compress: {0}', why));
      return { plans, results: [], previews: [] };
    }

    // One diff per file: the original on the left, what Headroom would write on the right.
    const previews: vscode.Uri[] = [];
    for (const plan of candidates) {
      const right = previewUri(`compressed/${folder.name}/${plan.path}`, plan.newText!);
      previews.push(right);
      const saved = plan.tokensBefore - plan.tokensAfter;
      const title = vscode.l10n.t('{0}: {1} → {2} tokens (−{3} per request; compressed by Headroom)', plan.path, count(plan.tokensBefore), count(plan.tokensAfter), count(saved));
      await vscode.commands.executeCommand('vscode.diff', vscode.Uri.joinPath(folder.uri, ...plan.path.split('/')), right, title, { preview: false, preserveFocus: true });
    }

    const accepted = args.accept !== undefined
      ? candidates.filter((p) => args.accept === 'all' || args.accept!.includes(p.path))
      : await confirm(candidates, prices);
    if (!accepted || accepted.length === 0) {
      await closePreviews(previews);
      return { plans, results: [], previews: previews.map(String) };
    }
    const results = applyInstructionPlans(root, accepted, backupsFor(context, folder), { isDirty: hasUnsavedEdits });
    for (const r of results) log.info(`instructions: ${r.path}: ${r.ok ? `written, ${r.tokensSaved} tokens saved per request` : `not written: ${r.reason}`}`);
    await closePreviews(previews);
    report(results, accepted, prices);
    return { plans, results, previews: previews.map(String) };
  });
}

/** A multi-select list of the files, all picked, with the savings in the title; undefined when dismissed. */
async function confirm(candidates: readonly InstructionPlan[], prices: ReturnType<typeof priceSettings>): Promise<readonly InstructionPlan[] | undefined> {
  const always = candidates.filter((p) => p.alwaysOn).reduce((n, p) => n + p.tokensBefore - p.tokensAfter, 0);
  const month = cost(always, prices);
  const items = candidates.map((plan) => {
    const saved = plan.tokensBefore - plan.tokensAfter;
    return {
      label: plan.path,
      description: plan.alwaysOn
        ? vscode.l10n.t('−{0} tokens per request · −{1}/month', count(saved), usd(cost(saved, prices).perMonth))
        : vscode.l10n.t('−{0} tokens on {1}', count(saved), plan.scope),
      detail: vscode.l10n.t('{0} → {1} tokens; read on {2}', count(plan.tokensBefore), count(plan.tokensAfter), plan.scope),
      picked: true,
      plan,
    };
  });
  const picked = await pickMany(items, {
    title: vscode.l10n.t('Write the compressed instruction files? −{0} tokens per request = −{1} tokens and −{2} a month ({3} requests a day, {4} days, ${5} per 1M input tokens)', count(always), count(month.perMonthTokens), usd(month.perMonth), prices.usesPerDay, prices.workingDaysPerMonth, prices.inputPricePerMillion),
    placeholder: vscode.l10n.t('The diffs are open beside this list. Originals are backed up; Headroom: Restore Instruction Files brings them back.'),
  });
  return picked?.map((item) => item.plan);
}

function report(results: readonly ApplyResult[], accepted: readonly InstructionPlan[], prices: ReturnType<typeof priceSettings>): void {
  const written = results.filter((r): r is Extract<ApplyResult, { ok: true }> => r.ok);
  const refused = results.filter((r): r is Extract<ApplyResult, { ok: false }> => !r.ok);
  const always = written.filter((r) => accepted.find((p) => p.path === r.path)?.alwaysOn).reduce((n, r) => n + r.tokensSaved, 0);
  const parts: string[] = [];
  if (written.length) parts.push(vscode.l10n.t('Compressed {0} files: −{1} tokens per request (−{2} a month). The originals are backed up.', written.length, count(always), usd(cost(always, prices).perMonth)));
  for (const r of refused) parts.push(vscode.l10n.t('{0} was not written: {1}.', r.path, r.reason));
  const restore = vscode.l10n.t('Restore Originals');
  const show = refused.length ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
  void show(parts.join(' '), ...(written.length ? [restore] : [])).then((choice) => {
    if (choice === restore) void vscode.commands.executeCommand(RESTORE_INSTRUCTION_FILES_COMMAND);
  });
}
