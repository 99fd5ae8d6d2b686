// `git blame` in its default form. Consecutive lines from the same commit form one run: the run's
// first line keeps the commit, author and date (time and zone cut), the others keep only their line
// number and code. Every line of code is kept verbatim. Porcelain and incremental formats are not parsed.
import type { CompressContext, Compressor, Draft, ParsedCommand } from '../types';
import { LinePlan } from './linePlan';
import { positionals } from './positionals';

const GIT_VALUE_OPTIONS = new Set(['-C', '-c', '--git-dir', '--work-tree', '--namespace']);

// "^86f8b47 (Ada Lovelace   2023-11-15 11:10:45 +0100   1) """orders module."""",
// "2d5a75ef src/shop/reports.py (Ken Thompson 2023-11-23 13:02:50 +0100  6) def step_14(x):" (with -C or after a rename)
const BLAME = /^(\^?[0-9a-f]{7,40}) (?:(\S+) +)?\((.+?) +(\d{4}-\d{2}-\d{2}) \d{2}:\d{2}:\d{2} [+-]\d{4} +(\d+)\) ?(.*)$/;

export const gitBlame: Compressor = {
  id: 'gitBlame',
  type: 'shell',
  matches(command: ParsedCommand): boolean {
    if (command.program !== 'git' || positionals(command.args, GIT_VALUE_OPTIONS)[0] !== 'blame') return false;
    return !command.args.some((arg) => ['-p', '--porcelain', '--line-porcelain', '--incremental'].includes(arg));
  },
  compress(context: CompressContext): Draft | undefined {
    const { lines } = context.source;
    let end = lines.length;
    while (end > 0 && lines[end - 1] === '') end--;
    if (end === 0) return undefined;
    const parsed = lines.slice(0, end).map((line) => BLAME.exec(line));
    if (parsed.some((m) => m === null)) return undefined;

    const plan = new LinePlan(context);
    let runs = 0;
    let previous = '';
    parsed.forEach((m, i) => {
      const [, hash, file, author, date, number, code] = m!;
      const origin = `${hash}\u0000${file ?? ''}`;
      if (origin !== previous) {
        runs++;
        plan.replace(i, `${hash}${file ? ` ${file}` : ''} (${author.trimEnd()} ${date} ${number}) ${code}`);
      } else plan.replace(i, `${number}) ${code}`);
      previous = origin;
    });
    if (runs === end) return undefined;
    plan.writeMarker(lines.length, { verb: 'elided', count: end, unit: 'lines', lines: [1, end], detail: 'commit prefix once per run of its lines; times cut' });
    return plan.render([['git-blame', `${end} lines in ${runs} runs of one commit each`]]);
  },
};
