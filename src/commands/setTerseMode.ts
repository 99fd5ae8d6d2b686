// "Headroom: Turn On Copilot Terse Mode…": writes `.github/instructions/headroom-terse.instructions.md`
// (applyTo "**") at the chosen level, so Copilot's own answers get brief while code, errors,
// numbers and negations stay exact. Says what the file costs: its tokens ride along on every request.
import { readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { TERSE_FILE, TERSE_LEVELS, terseLevel, writeTerseFile, type TerseLevel, type TerseResult } from '../instructions/terse';
import type { Runtime } from '../runtime/runtime';
import { count } from '../skills/savings';
import { writableFolder } from './workspaceAccess';

export const SET_TERSE_MODE_COMMAND = 'headroom.setTerseMode';

export interface SetTerseModeArgs {
  readonly folder?: vscode.Uri | string;
  readonly level?: TerseLevel;
}

const DESCRIPTIONS: Readonly<Record<TerseLevel, string>> = {
  lite: 'no filler, pleasantries or hedging; full sentences',
  full: 'also no articles; fragments, one point per line',
  ultra: 'also each fact once, fewest words, no tables',
};

export function registerSetTerseMode(runtime: () => Runtime, log: vscode.LogOutputChannel): vscode.Disposable {
  return vscode.commands.registerCommand(SET_TERSE_MODE_COMMAND, async (args: SetTerseModeArgs = {}): Promise<(TerseResult & { tokens?: number }) | undefined> => {
    const folder = await writableFolder(vscode.l10n.t('turn on terse mode'), args.folder);
    if (!folder) return undefined;
    const root = folder.uri.fsPath;
    const current = terseLevel(root);
    let level = args.level;
    if (level === undefined) {
      const picked = await vscode.window.showQuickPick(
        TERSE_LEVELS.map((l) => ({ label: l, description: vscode.l10n.t(DESCRIPTIONS[l]), detail: current === l ? vscode.l10n.t('current level') : undefined, level: l })),
        { title: vscode.l10n.t('Copilot terse mode: how brief should answers be?'), placeHolder: vscode.l10n.t('Code, errors, numbers and negations always stay exact.') },
      );
      if (!picked) return undefined;
      level = picked.level;
    }
    if (!TERSE_LEVELS.includes(level)) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Unknown terse level "{0}": use lite, full or ultra.', String(level)));
      return undefined;
    }
    const result = writeTerseFile(root, level);
    if (!result.ok) {
      log.warn(`terse mode: ${result.error}`);
      void vscode.window.showErrorMessage(vscode.l10n.t('Terse mode was not turned on: {0}', result.error));
      return result;
    }
    // Count what the file adds to every request; an honest price for shorter answers.
    const tokens = await runtime().countTokens(readFileSync(result.path, 'utf8'));
    log.info(`terse mode: ${level} (${result.status}); ${tokens} tokens per request`);
    const open = vscode.l10n.t('Open File');
    void vscode.window.showInformationMessage(
      vscode.l10n.t('Copilot terse mode is {0} ({1}). The instructions add {2} input tokens to every request; answers get shorter, and output tokens cost several times more than input.', level, TERSE_FILE, count(tokens)),
      open,
    ).then((choice) => { if (choice === open) void vscode.window.showTextDocument(vscode.Uri.file(result.path)); });
    return { ...result, tokens };
  });
}
