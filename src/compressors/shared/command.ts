// Reduces a command line to the program whose output we are reading: the last command of an
// `&&`/`;` chain, the last pipeline stage that changes the format, with wrappers (`npx`, `time`,
// env assignments, `python -m`, …) removed. A tiny shell tokenizer, not a shell: on doubt it keeps words.
import type { ParsedCommand } from '../types';

type Stage = { program: string; args: string[] };

/** Stages that pass lines through without changing their format. */
const PASS_THROUGH = new Set(['tail', 'head', 'tee', 'cat', 'less', 'more']);
/** Wrappers that run the rest of the line as the real command. */
const PREFIX_WRAPPERS = new Set(['time', 'sudo', 'nice', 'nohup', 'command', 'exec', 'npx', 'pnpx', 'bunx', 'stdbuf', 'xvfb-run', 'dotenv']);
const SUBCOMMAND_WRAPPERS: Record<string, readonly string[]> = {
  pnpm: ['exec', 'dlx'],
  yarn: ['dlx', 'exec'],
  npm: ['exec'],
  uv: ['run'],
  poetry: ['run'],
  pipenv: ['run'],
  bundle: ['exec'],
};

export function parseCommand(raw: string): ParsedCommand {
  const words = tokenize(raw);
  const lastCommand = splitOn(words, ['&&', ';', '||']).at(-1) ?? [];
  const stages = splitOn(lastCommand, ['|', '|&'])
    .map(stripRedirections)
    .map(unwrap)
    .filter((stage): stage is Stage => stage !== undefined);
  let main = stages.at(-1);
  for (let i = stages.length - 1; i > 0 && main && PASS_THROUGH.has(main.program); i--) main = stages[i - 1];
  return { raw, program: main?.program ?? '', args: main?.args ?? [], stages };
}

function tokenize(line: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quote) {
      if (ch === quote) quote = undefined;
      else if (ch === '\\' && quote === '"' && i + 1 < line.length) word += line[++i];
      else word += ch;
      continue;
    }
    if (ch === '"' || ch === "'") { quote = ch; inWord = true; continue; }
    if (ch === '\\' && i + 1 < line.length) { word += line[++i]; inWord = true; continue; }
    if (/\s/.test(ch)) { if (inWord) words.push(word); word = ''; inWord = false; continue; }
    const op = operatorAt(line, i);
    if (op) {
      if (inWord) words.push(word);
      words.push(op);
      word = '';
      inWord = false;
      i += op.length - 1;
      continue;
    }
    word += ch;
    inWord = true;
  }
  if (inWord) words.push(word);
  return words;
}

function operatorAt(line: string, i: number): string | undefined {
  for (const op of ['&&', '||', '|&', '|', ';']) if (line.startsWith(op, i)) return op;
  return undefined;
}

function splitOn(words: string[], separators: string[]): string[][] {
  const parts: string[][] = [[]];
  for (const w of words) {
    if (separators.includes(w)) parts.push([]);
    else parts[parts.length - 1].push(w);
  }
  return parts.filter((p) => p.length > 0);
}

// `2>&1`, `>out.txt`, `2> err.log`, `<in`, `&>all.log`
function stripRedirections(words: string[]): string[] {
  const kept: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    const redirect = /^(\d*|&)(>>?|<)(&\d+)?(.*)$/.exec(w);
    if (redirect && (redirect[1] !== '' || w.startsWith('>') || w.startsWith('<'))) {
      if (redirect[3] === undefined && redirect[4] === '') i++; // the target is the next word
      continue;
    }
    kept.push(w);
  }
  return kept;
}

function unwrap(words: string[]): Stage | undefined {
  let rest = words;
  for (let guard = 0; guard < 8 && rest.length > 0; guard++) {
    while (rest.length > 0 && /^[A-Za-z_][A-Za-z0-9_]*=/.test(rest[0])) rest = rest.slice(1);
    if (rest.length === 0) return undefined;
    const program = basename(rest[0]);
    if (program === 'env') { rest = rest.slice(1).filter((w, i) => i > 0 || !w.startsWith('-')); continue; }
    if (program === 'timeout') { rest = skipOptions(rest.slice(1)).slice(1); continue; }
    if (PREFIX_WRAPPERS.has(program)) { rest = skipOptions(rest.slice(1)); continue; }
    if (SUBCOMMAND_WRAPPERS[program]?.includes(rest[1])) { rest = skipOptions(rest.slice(2)); continue; }
    if (/^python[0-9.]*$/.test(program) && rest[1] === '-m' && rest[2]) { rest = rest.slice(2); continue; }
    break;
  }
  if (rest.length === 0) return undefined;
  return { program: basename(rest[0]), args: rest.slice(1) };
}

function skipOptions(words: string[]): string[] {
  let i = 0;
  while (i < words.length && words[i].startsWith('-')) i++;
  return words.slice(i);
}

function basename(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash >= 0 ? path.slice(slash + 1) : path;
}
