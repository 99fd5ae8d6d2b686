// `tree` output, redrawn as one line per directory through the shared listing renderer: every
// directory with its complete count, in tree order; rare names, symlinks, executables and huge files
// always shown; the rest of a big directory stashed behind a marker. tree's own closing count line
// ("24 directories, 439 files") is kept verbatim.
import type { CompressContext, Compressor, Draft, ParsedCommand } from '../types';
import { LinePlan } from './linePlan';
import { renderListing, type ListingDirectory, type ListingEntry } from './listing';
import { hasFlag } from './positionals';

// "│   ├── accessor-pairs.js", "    └── [5.0M]  rules-cache.bin"; tree pads levels with "│" and no-break spaces
const TREE_LINE = /^((?:[│ \u00a0]{3} )*)([├└])── (.*)$/;
// "[-rwxr-xr-x root      30]  generate-index.sh" (-p, -u, -s, -h, -D): the bracket tree prints before a name
const INFO = /^\[([^\]]*)\] {2}(.*)$/;
// "24 directories, 439 files", "1 directory, 0 files", "3 directories"
const SUMMARY = /^\d+ director(?:y|ies)(?:, \d+ files?)?$/;
// "[5.0M]", "[ 11K]", "[    5242880]": the size in an info bracket
const SIZE = /(?:^|\s)(\d+(?:\.\d+)?)([KMGTPE]?)$/;

/** A file this large, and this many times the median, is always shown. */
const HUGE_BYTES = 100 * 1024;
const HUGE_FACTOR = 10;

interface Node {
  readonly index: number;
  readonly depth: number;
  readonly name: string;
  readonly info?: string;
  readonly target?: string;
}

export const tree: Compressor = {
  id: 'tree',
  type: 'shell',
  matches(command: ParsedCommand): boolean {
    return command.program === 'tree' && !hasFlag(command.args, ['-J', '-X', '--json', '--xml', '-H', '--html'], '');
  },
  compress(context: CompressContext): Draft | undefined {
    const { lines } = context.source;
    const nodes: Node[] = [];
    let rootIndex = -1;
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i];
      const m = TREE_LINE.exec(line);
      if (m) {
        nodes.push({ index: i, depth: m[1].length / 4 + 1, ...parseName(m[3]) });
        continue;
      }
      if (line === '' || SUMMARY.test(line)) continue;
      if (rootIndex >= 0 && nodes.length > 0) return undefined; // a second tree or text tree does not print
      rootIndex = i;
    }
    if (rootIndex < 0 || nodes.length === 0) return undefined;

    const root = parseName(lines[rootIndex]).name;
    const rootDir = `${root.replace(/\/$/, '')}/`;
    const stack: string[] = [rootDir];
    const directories: ListingDirectory[] = [{ dir: rootDir, index: rootIndex, subdirs: 0 }];
    const subdirs = new Map<string, number>();
    const entries: ListingEntry[] = [];
    const median = medianSize(nodes);
    for (let n = 0; n < nodes.length; n++) {
      const node = nodes[n];
      if (node.depth > stack.length) return undefined; // a level skipped: not a drawing this parser knows
      stack.length = node.depth;
      const parent = stack[node.depth - 1];
      const isDir = nodes[n + 1] !== undefined && nodes[n + 1].depth > node.depth;
      if (isDir) {
        const dir = `${parent}${node.name.replace(/\/$/, '')}/`;
        stack.push(dir);
        directories.push({ dir, index: node.index, subdirs: 0 });
        subdirs.set(parent, (subdirs.get(parent) ?? 0) + 1);
        continue;
      }
      const bytes = sizeOf(node.info);
      const huge = bytes !== undefined && bytes >= HUGE_BYTES && bytes >= HUGE_FACTOR * median;
      const executable = /[*@]$/.test(node.name) || /^[-l][rwxsStT-]{2}[xsS]/.test(node.info ?? '');
      const note = [node.info !== undefined ? `[${node.info.trim()}]` : '', node.target !== undefined ? `-> ${node.target}` : ''].filter(Boolean).join(' ');
      entries.push({ index: node.index, dir: parent, name: node.name, ...(note ? { note } : {}), notable: huge || executable || node.target !== undefined });
    }
    const withCounts = directories.map((d) => ({ ...d, subdirs: subdirs.get(d.dir) ?? 0 }));
    const plan = new LinePlan(context);
    const result = renderListing(context, plan, withCounts, entries, 'entries');
    if (result.hidden === 0) plan.writeMarker(lines.length, { verb: 'elided', count: nodes.length, unit: 'lines', detail: 'tree as one line per directory' });
    return plan.render([['tree', `${nodes.length} tree lines in ${directories.length} directories; ${result.hidden} names stashed behind markers`]]);
  },
};

function parseName(text: string): { name: string; info?: string; target?: string } {
  const info = INFO.exec(text);
  const rest = info ? info[2] : text;
  const arrow = rest.indexOf(' -> ');
  const name = arrow >= 0 ? rest.slice(0, arrow) : rest;
  return { name, ...(info ? { info: info[1] } : {}), ...(arrow >= 0 ? { target: rest.slice(arrow + 4) } : {}) };
}

/** Bytes of `[5.0M]`-style info, when it has a size. */
function sizeOf(info: string | undefined): number | undefined {
  const m = info === undefined ? null : SIZE.exec(info.trim());
  if (!m) return undefined;
  const power = ' KMGTPE'.indexOf(m[2] || ' ');
  return Number(m[1]) * 1024 ** Math.max(0, power);
}

function medianSize(nodes: readonly Node[]): number {
  const sizes = nodes.map((n) => sizeOf(n.info)).filter((s) => s !== undefined).sort((a, b) => a - b);
  return sizes.length ? sizes[Math.floor(sizes.length / 2)] : 0;
}
