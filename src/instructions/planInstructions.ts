// Preview and apply for "Headroom: Compress Instruction Files": what each file would become (the
// deterministic instructions compressor), what that saves per request, and the careful write —
// byte-exact backup first, refusing files that changed since the preview or have unsaved edits.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Transform } from '../compressors/types';
import type { Runtime } from '../runtime/runtime';
import { parseFrontMatter } from '../skills/frontMatter';
import type { InstructionBackups } from './backups';

export type PlanStatus = 'compress' | 'unchanged' | 'skipped';

export interface InstructionPlan {
  /** Relative to the workspace root, `/`-separated. */
  readonly path: string;
  readonly status: PlanStatus;
  readonly reason: string;
  /** When Copilot reads the file: `every request`, `requests about src/**`, `when referenced`. */
  readonly scope: string;
  /** Read with every request (copilot-instructions, AGENTS.md, CLAUDE.md, applyTo `**`). */
  readonly alwaysOn: boolean;
  readonly tokensBefore: number;
  readonly tokensAfter: number;
  /** SHA-256 of the bytes the preview was made from. */
  readonly originalSha256: string;
  /** What would be written (line endings and byte-order mark as in the original). */
  readonly newText?: string;
  readonly transforms: readonly Transform[];
}

// `[hr:3f9a0c1b2d4e elided 412 chars]` — the compressor's marker line; the file on
// disk has a byte-exact backup instead, and the line would cost tokens on every request
const MARKER_LINE = /^\[hr:[0-9a-f]{12} [^\]\n]*\]$/;
// `**`, `**/*` — an applyTo that matches every file
const EVERYTHING = /^\*\*(?:\/\*)?$/;

export function sha256(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export async function planInstructionFile(root: string, path: string, runtime: Pick<Runtime, 'compress' | 'countTokens'>): Promise<InstructionPlan> {
  const base = { path, scope: 'every request', alwaysOn: true, tokensBefore: 0, tokensAfter: 0, originalSha256: '', transforms: [] as Transform[] };
  let bytes: Buffer;
  try {
    bytes = readFileSync(join(root, path));
  } catch (error) {
    return { ...base, status: 'skipped', reason: `cannot read it: ${(error as Error).message}` };
  }
  const originalSha256 = sha256(bytes);
  let decoded: string;
  try {
    decoded = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return { ...base, originalSha256, status: 'skipped', reason: 'not UTF-8 text: left as it is (Headroom rewrites UTF-8 files only)' };
  }
  const bom = decoded.startsWith('\uFEFF');
  const crlf = decoded.includes('\r\n');
  const text = (bom ? decoded.slice(1) : decoded).replaceAll('\r\n', '\n');
  const { scope, alwaysOn } = scopeOf(path, text);
  const tokensBefore = await runtime.countTokens(text);
  const kept = { ...base, scope, alwaysOn, tokensBefore, tokensAfter: tokensBefore, originalSha256 };
  if (text.trim() === '') return { ...kept, status: 'unchanged', reason: 'empty' };
  if (text.includes('\r')) return { ...kept, status: 'skipped', reason: 'has carriage returns that are not line ends: left as it is' };

  const result = await runtime.compress(text, { type: 'instructions', fileName: path, minTokens: 0 });
  const originalLines = new Set(text.split('\n'));
  const rewritten = result.text.split('\n').filter((line) => !(MARKER_LINE.test(line) && !originalLines.has(line))).join('\n');
  if (rewritten === text) {
    const why = [...result.transforms].reverse().find((t) => t.step.startsWith('instructions-kept') || t.step === 'no-gain' || t.step.startsWith('passthrough'));
    return { ...kept, status: 'unchanged', reason: why?.reason ?? 'nothing to remove: already terse', transforms: result.transforms };
  }
  const tokensAfter = await runtime.countTokens(rewritten);
  if (tokensAfter >= tokensBefore) return { ...kept, status: 'unchanged', reason: `the rewrite saves no tokens (${tokensBefore} → ${tokensAfter})`, transforms: result.transforms };
  const body = crlf ? rewritten.replaceAll('\n', '\r\n') : rewritten;
  return { ...kept, status: 'compress', reason: `${tokensBefore} → ${tokensAfter} tokens`, tokensAfter, newText: (bom ? '\uFEFF' : '') + body, transforms: result.transforms };
}

/** When Copilot reads an instruction file, from its name and `applyTo`. */
export function scopeOf(path: string, text: string): { scope: string; alwaysOn: boolean } {
  if (!path.endsWith('.instructions.md')) return { scope: 'every request', alwaysOn: true };
  const applyTo = parseFrontMatter(text).data.applyTo;
  if (applyTo === undefined || applyTo === '') return { scope: 'when referenced or picked by its description', alwaysOn: false };
  const globs = typeof applyTo === 'string' ? applyTo.split(',').map((g) => g.trim()) : Array.isArray(applyTo) ? applyTo : [];
  if (globs.some((g) => EVERYTHING.test(g))) return { scope: 'every request', alwaysOn: true };
  return { scope: `requests about ${globs.join(', ')}`, alwaysOn: false };
}

export type ApplyResult = { readonly path: string; readonly ok: true; readonly tokensSaved: number } | { readonly path: string; readonly ok: false; readonly reason: string };

export interface ApplyOptions {
  /** True when the file is open in an editor with unsaved edits. */
  readonly isDirty?: (absolutePath: string) => boolean;
}

/** Writes the accepted plans: backup first (read back and compared), then the new text. */
export function applyInstructionPlans(root: string, plans: readonly InstructionPlan[], backups: InstructionBackups, options: ApplyOptions = {}): ApplyResult[] {
  return plans.filter((p) => p.status === 'compress' && p.newText !== undefined).map((plan): ApplyResult => {
    const absolute = join(root, plan.path);
    const refuse = (reason: string): ApplyResult => ({ path: plan.path, ok: false, reason });
    if (options.isDirty?.(absolute)) return refuse('it has unsaved edits in the editor: save or revert them, then run the command again');
    let current: Buffer;
    try {
      current = readFileSync(absolute);
    } catch (error) {
      return refuse(`cannot read it: ${(error as Error).message}`);
    }
    if (sha256(current) !== plan.originalSha256) return refuse('it changed since the preview: run the command again to see the new preview');
    if (isReadOnly(absolute)) return refuse('it is read-only');
    const written = Buffer.from(plan.newText!, 'utf8');
    const saved = backups.save(plan.path, current, written);
    if (!saved.ok) return refuse(`the backup failed, so nothing was written: ${saved.error}`);
    try {
      writeFileSync(absolute, written);
    } catch (error) {
      backups.forget(plan.path);
      return refuse(`writing failed (the file is unchanged): ${(error as Error).message}`);
    }
    return { path: plan.path, ok: true, tokensSaved: plan.tokensBefore - plan.tokensAfter };
  });
}

export type RestoreResult = { readonly path: string; readonly ok: true; readonly status: 'restored' | 'already-original' } | { readonly path: string; readonly ok: false; readonly reason: string };

export interface RestoreOptions extends ApplyOptions {
  /** Restore even files edited after Headroom compressed them (those edits are lost). */
  readonly force?: boolean;
}

/** Puts every backed-up original back, byte for byte, unless the file was edited since. */
export function restoreInstructionFiles(root: string, backups: InstructionBackups, options: RestoreOptions = {}): RestoreResult[] {
  return backups.list().map((entry): RestoreResult => {
    const absolute = join(root, entry.path);
    const refuse = (reason: string): RestoreResult => ({ path: entry.path, ok: false, reason });
    const original = backups.read(entry);
    if (!original.ok) return refuse(original.error);
    if (options.isDirty?.(absolute)) return refuse('it has unsaved edits in the editor: save or revert them first');
    if (existsSync(absolute)) {
      const now = sha256(readFileSync(absolute));
      if (now === entry.originalSha256) {
        backups.forget(entry.path);
        return { path: entry.path, ok: true, status: 'already-original' };
      }
      if (now !== entry.writtenSha256 && !options.force) return refuse('it was edited after Headroom compressed it; restoring would lose those edits');
      if (isReadOnly(absolute)) return refuse('it is read-only');
    }
    try {
      mkdirSync(dirname(absolute), { recursive: true });
      writeFileSync(absolute, original.bytes);
    } catch (error) {
      return refuse(`writing failed: ${(error as Error).message}`);
    }
    backups.forget(entry.path);
    return { path: entry.path, ok: true, status: 'restored' };
  });
}

function isReadOnly(path: string): boolean {
  try {
    return (statSync(path).mode & 0o222) === 0;
  } catch {
    return false;
  }
}
