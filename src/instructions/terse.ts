// Terse output mode for Copilot itself: an instructions file with `applyTo: "**"` that asks for brief
// answers without losing code, errors, numbers or negations. Output tokens cost 5–8× input tokens,
// so shorter answers are where the money is; the file itself adds its own tokens to every request.
// The file says in its front matter that Headroom wrote it; a file there that Headroom did not
// write is never replaced or deleted.
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export const TERSE_FILE = '.github/instructions/headroom-terse.instructions.md';
export const TERSE_LEVELS = ['lite', 'full', 'ultra'] as const;
export type TerseLevel = (typeof TERSE_LEVELS)[number];
const OURS = 'description: "Headroom terse mode (';
// `description: "Headroom terse mode (full) …` — the level of a file Headroom wrote
const LEVEL_LINE = /^description: "Headroom terse mode \((lite|full|ultra)\)/m;

const COMMON = [
  'Answer tersely. Keep every technical fact.',
  '- Keep code, commands, file paths, error messages, numbers and versions exact; quote errors verbatim.',
  '- Never drop "not", "never", "no", "only", "except" or a condition.',
  '- No greetings, pleasantries, apologies, hedging, filler words or restating the question.',
  '- Do not narrate tool calls: act, then give the result.',
];
const BY_LEVEL: Readonly<Record<TerseLevel, readonly string[]>> = {
  lite: ['- Full sentences are fine; cut every sentence that adds no fact.'],
  full: ['- Drop articles; sentence fragments are fine. One point per line.', '- No decorative tables, emoji or summaries of what you just did.'],
  ultra: [
    '- Drop articles and conjunctions where the meaning stays clear; fragments are fine.',
    '- State each fact once, in the fewest words that stay unambiguous. Do not invent abbreviations.',
    '- No tables, emoji, headings or summaries unless asked.',
  ],
};
const EXCEPTIONS = [
  '- Write normally for security warnings, irreversible actions, steps whose order matters, and when asked for detail.',
  '- Code, comments, commit messages and documents you write keep their normal style.',
];

/** The file's full text for a level. */
export function terseInstructions(level: TerseLevel): string {
  return [
    '---',
    `description: "Headroom terse mode (${level}): brief answers, exact code, errors, numbers and negations. Written by the Headroom extension; turn off with Headroom: Turn Off Copilot Terse Mode."`,
    'applyTo: "**"',
    '---',
    ...COMMON,
    ...BY_LEVEL[level],
    ...EXCEPTIONS,
    '',
  ].join('\n');
}

/** The level of the terse file Headroom wrote, `foreign` when someone else wrote a file there, or undefined when there is none. */
export function terseLevel(root: string): TerseLevel | 'foreign' | undefined {
  const path = join(root, TERSE_FILE);
  if (!existsSync(path)) return undefined;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return 'foreign';
  }
  return (LEVEL_LINE.exec(text)?.[1] as TerseLevel | undefined) ?? 'foreign';
}

export type TerseResult =
  | { readonly ok: true; readonly status: 'created' | 'updated' | 'unchanged' | 'removed' | 'not-installed'; readonly path: string }
  | { readonly ok: false; readonly path: string; readonly error: string };

export function writeTerseFile(root: string, level: TerseLevel): TerseResult {
  const path = join(root, TERSE_FILE);
  const current = terseLevel(root);
  if (current === 'foreign') return { ok: false, path, error: `${TERSE_FILE} exists and was not written by Headroom; rename or remove it first` };
  const text = terseInstructions(level);
  if (current !== undefined && readFileSync(path, 'utf8') === text) return { ok: true, status: 'unchanged', path };
  if (current !== undefined && isReadOnly(path)) return { ok: false, path, error: `${TERSE_FILE} is read-only` };
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  } catch (error) {
    return { ok: false, path, error: `could not write ${TERSE_FILE}: ${(error as Error).message}` };
  }
  return { ok: true, status: current === undefined ? 'created' : 'updated', path };
}

export function removeTerseFile(root: string): TerseResult {
  const path = join(root, TERSE_FILE);
  const current = terseLevel(root);
  if (current === undefined) return { ok: true, status: 'not-installed', path };
  if (current === 'foreign') return { ok: false, path, error: `${TERSE_FILE} was not written by Headroom; Headroom leaves it alone` };
  if (isReadOnly(path)) return { ok: false, path, error: `${TERSE_FILE} is read-only` };
  try {
    rmSync(path);
  } catch (error) {
    return { ok: false, path, error: `could not delete ${TERSE_FILE}: ${(error as Error).message}` };
  }
  return { ok: true, status: 'removed', path };
}

/** True when the file's text starts with Headroom's own front matter (used by the instruction finder). */
export function isHeadroomTerseText(text: string): boolean {
  return text.includes(OURS);
}

function isReadOnly(path: string): boolean {
  try {
    return (statSync(path).mode & 0o222) === 0;
  } catch {
    return false;
  }
}
