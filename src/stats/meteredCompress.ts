// Every surface (chat, tools, terminal command) compresses through here: the Runtime compresses,
// the ledger records what the model will read, and any failure passes the original on unchanged
// with a note, never an error the user has to deal with. No vscode.
import type { CompressOptions, MarkerInfo, Transform } from '../compressors/types';
import type { Runtime } from '../runtime/runtime';
import type { Ledger, LedgerEntry, Source } from './ledger';

export interface Metered {
  /** Exactly what the model reads. */
  readonly text: string;
  readonly tokensBefore: number;
  readonly tokensAfter: number;
  readonly compressor: string;
  readonly type: string;
  readonly markers: readonly MarkerInfo[];
  readonly transforms: readonly Transform[];
  /** Store id of the whole input when it was kept (retrievable, shown by "view original"). */
  readonly originalId?: string;
  /** Set when compression failed and the original was passed on. */
  readonly note?: string;
  readonly ms: number;
  readonly entry: LedgerEntry;
}

export interface MeterContext {
  readonly source: Source;
  /** What it is, for the audit trail: a command line, a file name, a tool name. */
  readonly label: string;
  readonly model?: string;
}

const utf8 = new TextDecoder();

export async function meteredCompress(
  runtime: () => Runtime,
  ledger: Ledger,
  input: string | Uint8Array,
  options: CompressOptions,
  context: MeterContext,
  log?: (message: string) => void,
): Promise<Metered> {
  try {
    const result = await runtime().compress(input, options);
    const originalId = result.originals[0]?.id;
    const entry = ledger.record({ ...context, compressor: result.compressor, type: result.type, tokensBefore: result.tokensBefore, tokensAfter: result.tokensAfter, transforms: result.transforms, markers: result.markers.length, originalId });
    log?.(`${context.source} ${context.label}: ${result.compressor} (${result.type}) ${result.tokensBefore} → ${result.tokensAfter} tokens, ${result.markers.length} markers, ${result.ms.toFixed(1)} ms; ${result.transforms.map((t) => t.step).join(', ')}`);
    if (result.unstored.length > 0) log?.(`${context.label}: originals kept in memory only (the store could not write them): ${result.unstored.join(', ')}`);
    return { text: result.text, tokensBefore: result.tokensBefore, tokensAfter: result.tokensAfter, compressor: result.compressor, type: result.type, markers: result.markers, transforms: result.transforms, originalId, ms: result.ms, entry };
  } catch (error) {
    return passOn(runtime, ledger, input, context, error, log);
  }
}

/** The original, unchanged, with a note saying why; recorded as a zero saving. */
async function passOn(runtime: () => Runtime, ledger: Ledger, input: string | Uint8Array, context: MeterContext, error: unknown, log?: (message: string) => void): Promise<Metered> {
  const text = typeof input === 'string' ? input : utf8.decode(input);
  const reason = error instanceof Error ? error.message : String(error);
  const note = `Headroom could not compress this (${reason}); the original is passed on unchanged.`;
  let tokens: number;
  try {
    tokens = await runtime().countTokens(text);
  } catch {
    tokens = 0; // unknown: recorded as 0 → 0, which claims nothing
  }
  log?.(`${context.source} ${context.label}: compression failed, original passed on: ${reason}`);
  const entry = ledger.record({ ...context, compressor: 'passthrough', type: 'auto', tokensBefore: tokens, tokensAfter: tokens, note });
  return { text, tokensBefore: tokens, tokensAfter: tokens, compressor: 'passthrough', type: 'auto', markers: [], transforms: [{ step: 'error', reason: note }], note, ms: 0, entry };
}
