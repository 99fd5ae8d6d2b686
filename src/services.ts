// What the Copilot surfaces (chat participant, tools, terminal command, status bar, dashboard) share:
// the lazily loaded Runtime, the savings ledger, the settings and the log. `compress` is the one way
// they compress, so every surface honours the same switches and records the same way.
import * as vscode from 'vscode';
import type { CompressOptions } from './compressors/types';
import type { Runtime } from './runtime/runtime';
import type { Ledger, LedgerEntry, Source } from './stats/ledger';
import { meteredCompress, type Metered } from './stats/meteredCompress';
import type { Settings } from './settings';

export interface Services {
  readonly runtime: () => Runtime;
  readonly ledger: Ledger;
  readonly log: vscode.LogOutputChannel;
  readonly settings: () => Settings;
}

/** What a surface gets back: Metered, or the text unchanged when Headroom is switched off for it. */
export type Compressed = Omit<Metered, 'entry' | 'ms'> & { readonly entry?: LedgerEntry; readonly off?: true };

const SURFACE_OF: Readonly<Record<Source, keyof Settings['surfaces']>> = { participant: 'participant', tools: 'tools', terminal: 'terminal', instructions: 'instructions' };

export async function compress(
  services: Services,
  input: string | Uint8Array,
  options: CompressOptions,
  context: { readonly source: Source; readonly label: string; readonly model?: string },
): Promise<Compressed> {
  const settings = services.settings();
  if (!settings.enabled || !settings.surfaces[SURFACE_OF[context.source]]) {
    services.log.debug(`${context.source} ${context.label}: Headroom is off for this surface; passed on unchanged`);
    const text = typeof input === 'string' ? input : new TextDecoder().decode(input);
    return { text, tokensBefore: 0, tokensAfter: 0, compressor: 'off', type: 'auto', markers: [], transforms: [], off: true };
  }
  const merged: CompressOptions = { minTokens: settings.minTokens, ...withDisabled(settings), ...options };
  return meteredCompress(services.runtime, services.ledger, input, merged, context, (message) => services.log.debug(message));
}

/** The compressors switched off in settings, in the form the engine takes. */
function withDisabled(settings: Settings): Partial<CompressOptions> {
  return settings.disabledCompressors.length > 0 ? { disabled: settings.disabledCompressors } : {};
}
