// The `headroom.*` settings, read in one place with their defaults (package.json declares the same
// keys; the contributions test checks VS Code knows each of them).
import * as vscode from 'vscode';
import { isTerseLevel, type TerseLevel } from './chatParticipant/terse';
import { DEFAULT_MAX_ENTRIES } from './stats/ledger';
import { DEFAULT_PRICE_MODEL, findPrice, priceTable, type CustomPrices, type ModelPrice } from './stats/pricing';
import { DEFAULT_STORE_AGE_MS, DEFAULT_STORE_BYTES } from './runtime/originalsStore';
import { DEFAULT_MIN_TOKENS } from './compressors/types';
import { DEFAULT_KEEP_RATIO } from './runtime/proseModel';
import type { ProseSetting } from './runtime/proseModelSource';

export const SECTION = 'headroom';

export interface Settings {
  /** Master switch: off, every surface passes text on unchanged (and records nothing). */
  readonly enabled: boolean;
  readonly surfaces: { readonly participant: boolean; readonly tools: boolean; readonly terminal: boolean; readonly instructions: boolean };
  /** Compressor ids never to use (the generic fallback takes their place). */
  readonly disabledCompressors: readonly string[];
  readonly minTokens: number;
  readonly chat: { readonly terse: TerseLevel; readonly includeTerminalOutput: boolean; readonly includeInstructionFiles: boolean; readonly maxToolRounds: number };
  readonly run: { readonly timeoutSeconds: number; readonly maxOutputBytes: number };
  readonly read: { readonly maxFileBytes: number };
  readonly terminal: { readonly commandsPerTerminal: number; readonly maxCharsPerCommand: number };
  readonly store: { readonly maxBytes: number; readonly maxAgeMs: number };
  readonly stats: { readonly maxEntries: number };
  readonly pricing: { readonly table: readonly ModelPrice[]; readonly model: ModelPrice; readonly useSelectedModel: boolean };
  /** Copilot's OpenTelemetry JSON-lines file, when one is configured. */
  readonly copilotTelemetryFile?: string;
  /** The user's own prose model (off while `model` is empty). */
  readonly prose: ProseSetting;
}

export function readSettings(): Settings {
  const c = vscode.workspace.getConfiguration(SECTION);
  const table = priceTable(c.get<CustomPrices>('pricing.custom') ?? {});
  const model = findPrice([c.get<string>('pricing.model')], table) ?? findPrice([DEFAULT_PRICE_MODEL], table)!;
  const terse = c.get<string>('chat.terse');
  return {
    enabled: c.get<boolean>('enabled') ?? true,
    surfaces: {
      participant: c.get<boolean>('surfaces.chatParticipant') ?? true,
      tools: c.get<boolean>('surfaces.tools') ?? true,
      terminal: c.get<boolean>('surfaces.terminalCommand') ?? true,
      instructions: c.get<boolean>('surfaces.instructions') ?? true,
    },
    disabledCompressors: (c.get<unknown[]>('compressors.disabled') ?? []).filter((id): id is string => typeof id === 'string'),
    minTokens: positive(c.get('minTokens'), DEFAULT_MIN_TOKENS),
    chat: {
      terse: isTerseLevel(terse) ? terse : 'off',
      includeTerminalOutput: c.get<boolean>('chat.includeTerminalOutput') ?? true,
      includeInstructionFiles: c.get<boolean>('chat.includeInstructionFiles') ?? true,
      maxToolRounds: positive(c.get('chat.maxToolRounds'), 8),
    },
    run: { timeoutSeconds: positive(c.get('run.timeoutSeconds'), 120), maxOutputBytes: positive(c.get('run.maxOutputMB'), 8) * 1024 * 1024 },
    read: { maxFileBytes: positive(c.get('read.maxFileMB'), 16) * 1024 * 1024 },
    terminal: { commandsPerTerminal: positive(c.get('terminal.commandsPerTerminal'), 5), maxCharsPerCommand: positive(c.get('terminal.maxOutputMB'), 1) * 1024 * 1024 },
    store: { maxBytes: positive(c.get('store.maxSizeMB'), DEFAULT_STORE_BYTES / 1024 / 1024) * 1024 * 1024, maxAgeMs: positive(c.get('store.expiryDays'), DEFAULT_STORE_AGE_MS / 86_400_000) * 86_400_000 },
    stats: { maxEntries: positive(c.get('stats.maxEntries'), DEFAULT_MAX_ENTRIES) },
    pricing: { table, model, useSelectedModel: c.get<boolean>('pricing.useSelectedModel') ?? true },
    copilotTelemetryFile: copilotTelemetryFile(c.get<string>('copilotTelemetryFile')),
    prose: {
      model: c.get<string>('prose.model') ?? '',
      modelSha256: c.get<string>('prose.modelSha256') ?? '',
      tokenizer: c.get<string>('prose.tokenizer') ?? '',
      tokenizerSha256: c.get<string>('prose.tokenizerSha256') ?? '',
      keepRatio: Math.min(1, positive(c.get('prose.keepRatio'), DEFAULT_KEEP_RATIO)),
    },
  };
}

/** Headroom's own setting first, then Copilot's file exporter (environment variable, then settings). */
function copilotTelemetryFile(own: string | undefined): string | undefined {
  if (own?.trim()) return own.trim();
  if (process.env.COPILOT_OTEL_FILE_EXPORTER_PATH) return process.env.COPILOT_OTEL_FILE_EXPORTER_PATH;
  const otel = vscode.workspace.getConfiguration('github.copilot.chat.otel');
  const outfile = otel.get<string>('outfile');
  return otel.get<boolean>('enabled') && outfile?.trim() ? outfile.trim() : undefined;
}

function positive(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : fallback;
}
