// `npm ls` / `pnpm ls` / `yarn list` dependency trees. Every package@version that appears in its own
// right is kept, with every problem (UNMET, invalid, extraneous, missing, npm error lines); `deduped`
// back-references to a package listed elsewhere are cut (retrievable), and the box-drawing prefix
// becomes plain two-space indentation, which keeps the same tree in far fewer tokens.
import type { CompressContext, Compressor, Draft, ParsedCommand } from '../types';
import { LinePlan, type DropKind } from './linePlan';
import { positionals } from './positionals';

const SUBCOMMANDS: Record<string, ReadonlySet<string>> = {
  npm: new Set(['ls', 'list', 'la', 'll']),
  pnpm: new Set(['ls', 'list', 'll', 'la']),
  yarn: new Set(['list']),
};
const VALUE_OPTIONS = new Set(['--prefix', '-C', '--dir', '--cwd', '--filter', '-F', '-w', '--workspace', '--depth', '--pattern']);

// "│ │ ├─┬ import-fresh@3.3.1" (npm, pnpm) or "│  ├─ abab@2.0.6" (yarn): the drawing, then the entry
const TREE_LINE = /^([│ ]*)([├└])(─┬ |── |─ )(\S.*)$/;
// "│ │ ├── eslint-visitor-keys@3.4.3 deduped": a package already listed elsewhere in the tree
const DEDUPED = / deduped$/;
// "│ │   " (npm, pnpm: two columns a level) and "│  │  " (yarn: three)
const LEVELS_2 = /^(?:[│ ] )*$/;
const LEVELS_3 = /^(?:[│ ] {2})*$/;
const DEDUPED_KIND: DropKind = { detail: '"deduped" references to packages listed elsewhere', grep: 'deduped', atEnd: true };

export const npmLs: Compressor = {
  id: 'npmLs',
  type: 'shell',
  matches(command: ParsedCommand): boolean {
    const sub = positionals(command.args, VALUE_OPTIONS)[0];
    return sub !== undefined && (SUBCOMMANDS[command.program]?.has(sub) ?? false);
  },
  compress(context: CompressContext): Draft | undefined {
    const { lines } = context.source;
    const tree = lines.map((line) => TREE_LINE.exec(line));
    const treeLines = tree.filter((m) => m !== null);
    if (treeLines.length < 2) return undefined;
    const unit = indentUnit(treeLines);
    if (unit === undefined) return undefined;

    const plan = new LinePlan(context);
    let deduped = 0;
    for (let i = 0; i < lines.length; i++) {
      const m = tree[i];
      if (!m) continue;
      if (DEDUPED.test(m[4])) {
        plan.drop(i, DEDUPED_KIND);
        deduped++;
        continue;
      }
      const depth = m[1].length / unit;
      plan.replace(i, `${'  '.repeat(depth + 1)}${m[4]}`);
    }
    return plan.render([['npm-ls', `${treeLines.length - deduped} tree lines redrawn with two-space indentation; ${deduped} deduped references cut`]]);
  },
};

/**
 * Columns per tree level (2 for npm and pnpm, 3 for yarn), or undefined when the prefixes are not a
 * consistent drawing: then the text is not a tree this compressor understands.
 */
function indentUnit(tree: readonly RegExpExecArray[]): number | undefined {
  const firstIndented = tree.find((m) => m[1].length > 0);
  const unit = firstIndented ? firstIndented[1].length : 2;
  if (unit !== 2 && unit !== 3) return undefined;
  const level = unit === 2 ? LEVELS_2 : LEVELS_3;
  return tree.every((m) => m[1].length % unit === 0 && level.test(m[1])) ? unit : undefined;
}
