// `find` (and `fd`) path lists, grouped by directory through the shared listing renderer: every
// directory keeps its line and complete count, rare and query-matching names are always shown, the
// rest of a big directory is stashed and marked. Error lines (`find: ‘x’: Permission denied`) are kept
// verbatim. Actions and formats that change what a line is (-exec, -printf, -ls, -print0) are not parsed.
import type { CompressContext, Compressor, Draft, ParsedCommand } from '../types';
import { LinePlan } from './linePlan';
import { renderListing, type ListingDirectory, type ListingEntry } from './listing';

/** Options after which a line is no longer one path. */
const OTHER_OUTPUT = new Set(['-exec', '-execdir', '-ok', '-okdir', '-printf', '-fprintf', '-ls', '-fls', '-print0', '-fprint', '-fprint0', '-delete', '-x', '--exec', '-X', '--exec-batch', '-0', '--print0', '-l', '--list-details']);

// "find: ‘/proc/1/fd’: Permission denied", "fd: error: …"
const ERROR_LINE = /^(?:find|fd|fdfind): /;

export const find: Compressor = {
  id: 'find',
  type: 'shell',
  matches(command: ParsedCommand): boolean {
    if (!['find', 'fd', 'fdfind'].includes(command.program)) return false;
    return !command.args.some((arg) => OTHER_OUTPUT.has(arg));
  },
  compress(context: CompressContext): Draft | undefined {
    const { lines } = context.source;
    const paths: { index: number; path: string }[] = [];
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i];
      if (line === '' || ERROR_LINE.test(line)) continue;
      if (line.includes('\t')) return undefined; // not a plain path list
      paths.push({ index: i, path: line });
    }
    if (paths.length === 0) return undefined;

    // A path is a directory when another path lies under it.
    const dirs = new Set<string>();
    for (const { path } of paths) for (let slash = path.indexOf('/', 1); slash > 0; slash = path.indexOf('/', slash + 1)) dirs.add(path.slice(0, slash));
    const directories = new Map<string, { index: number; subdirs: number }>();
    const entries: ListingEntry[] = [];
    const ensure = (dir: string, index: number) => {
      if (!directories.has(dir)) directories.set(dir, { index, subdirs: 0 });
    };
    for (const { index, path } of paths) {
      const bare = path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
      const slash = bare.lastIndexOf('/');
      const parent = slash >= 0 ? bare.slice(0, slash + 1) : '';
      if (dirs.has(bare)) {
        ensure(`${bare}/`, index);
        if (slash >= 0) {
          ensure(parent, -1);
          directories.get(parent)!.subdirs++;
        }
        continue;
      }
      ensure(parent, -1);
      entries.push({ index, dir: parent, name: bare.slice(slash + 1) });
    }
    const list: ListingDirectory[] = [...directories].map(([dir, d]) => ({ dir, ...d }));
    const plan = new LinePlan(context);
    const typeFiles = (context.options.command ?? '').includes('-type f');
    plan.write(0, `${entries.length} ${typeFiles ? 'files' : 'paths'} in ${directories.size} director${directories.size === 1 ? 'y' : 'ies'}, one line per directory (counts complete):`);
    const result = renderListing(context, plan, list, entries, typeFiles ? 'files' : 'entries');
    // Directory paths that head their own line are replaced by it; those that did not get one are absorbed.
    const headed = new Set(list.map((d) => d.index));
    for (const { index, path } of paths) if (dirs.has(path.endsWith('/') ? path.slice(0, -1) : path) && !headed.has(index)) plan.absorb(index);
    if (result.hidden === 0) plan.writeMarker(lines.length, { verb: 'elided', count: paths.length, unit: 'lines', detail: 'paths grouped by directory' });
    return plan.render([['find', `${paths.length} paths in ${directories.size} directories; ${result.hidden} names stashed behind markers`]]);
  },
};
