// `kubectl get` tables (pods, deployments, statefulsets, daemonsets, jobs, nodes, PVCs, events;
// `-o wide` and `get all` too). Objects that are not ready or not healthy keep their row verbatim,
// with their reason (CrashLoopBackOff, OOMKilled, ImagePullBackOff, Pending, Error, restarts…);
// healthy ones collapse to counts (by namespace when the table has one) and Normal events to counts
// by reason, their rows stashed behind a marker. Tables without a health column are left as they are.
import type { CompressContext, Compressor, Draft, ParsedCommand, Source } from '../types';
import { LinePlan } from './linePlan';
import { alignRows, isTableHeader, parseTable, type Table } from './columns';
import { positionals } from './positionals';

const VALUE_OPTIONS = new Set(['-n', '--namespace', '--context', '--cluster', '--kubeconfig', '-l', '--selector', '--field-selector', '-o', '--output', '--sort-by', '-L', '--label-columns', '--chunk-size', '--server', '-s', '--user', '--token', '--request-timeout']);

// "Running", "Completed" … statuses that are healthy for pods and other objects
const HEALTHY_STATUS = new Set(['Running', 'Ready', 'Bound', 'Active', 'Available', 'Complete']);
const DONE_STATUS = new Set(['Completed', 'Succeeded']);
// "2/3" in READY or COMPLETIONS
const FRACTION = /^(\d+)\/(\d+)$/;
/** Header columns `kubectl get` starts its tables with: objects (an AGE column follows) and events. */
const OBJECT_COLUMNS = ['NAME'];
const EVENT_COLUMNS = ['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE'];
// the two or more spaces between a header's column names
const COLUMN_GAP = / {2,}/;

interface Collapsed {
  readonly label: string;
  readonly rows: Table['rows'][number][];
}

export const kubectlGet: Compressor = {
  id: 'kubectlGet',
  type: 'shell',
  matches(command: ParsedCommand): boolean {
    if (command.program !== 'kubectl' && command.program !== 'oc') return false;
    if (positionals(command.args, VALUE_OPTIONS)[0] !== 'get') return false;
    const output = outputFormat(command.args);
    return output === undefined || output === 'wide';
  },
  sniff(source: Source): boolean {
    // Without a command: the first line is a kubectl table header — "[NAMESPACE] NAME … AGE" or
    // "[NAMESPACE] LAST SEEN TYPE REASON OBJECT MESSAGE" — and rows line up under it.
    const lines = source.lines;
    const first = lines.findIndex((line) => line.trim() !== '');
    if (first < 0 || !isTableHeader(lines[first])) return false;
    const columns = lines[first].trim().split(COLUMN_GAP);
    const own = columns[0] === 'NAMESPACE' ? columns.slice(1) : columns;
    const objects = startsWith(own, OBJECT_COLUMNS) && own.includes('AGE');
    if (!objects && !startsWith(own, EVENT_COLUMNS)) return false;
    return (parseTable(lines, first)?.rows.length ?? 0) > 0;
  },
  compress(context: CompressContext): Draft | undefined {
    const { lines } = context.source;
    const plan = new LinePlan(context);
    const stashed: string[] = [];
    const pending: { at: number; text: (id: string) => string }[] = [];
    let collapsedRows = 0;
    for (let i = 0; i < lines.length; i++) {
      if (!isTableHeader(lines[i]) || (i > 0 && lines[i - 1].trim() !== '')) continue;
      const table = parseTable(lines, i);
      if (!table) return undefined;
      i = table.rows.at(-1)?.index ?? i;
      const groups = classify(table);
      if (!groups || groups.every((g) => g.rows.length === 0)) continue;
      const hidden = new Set(groups.flatMap((g) => g.rows.map((r) => r.index)));
      const kept = table.rows.filter((r) => !hidden.has(r.index));
      const aligned = alignRows([table.columns, ...kept.map((r) => r.cells)]);
      plan.replace(table.header, aligned[0]);
      kept.forEach((row, k) => plan.replace(row.index, aligned[k + 1]));
      const end = (table.rows.at(-1)?.index ?? table.header) + 1;
      for (const g of groups) {
        if (g.rows.length === 0) continue;
        stashed.push(lines[table.header]);
        const from = stashed.length + 1;
        for (const row of g.rows) {
          stashed.push(lines[row.index]);
          plan.absorb(row.index);
        }
        const range = [from, stashed.length] as const;
        const summary = `${g.rows.length} ${g.label}${breakdown(table, g)}`;
        pending.push({ at: end, text: (id) => `${summary} ${plan.markerText({ verb: 'omitted', count: g.rows.length, unit: 'rows', lines: range, id, detail: 'their rows' })}` });
        collapsedRows += g.rows.length;
      }
    }
    if (pending.length === 0) return undefined;
    const stashId = context.stash(stashed.join('\n') + '\n');
    for (const p of pending) plan.write(p.at, p.text(stashId));
    return plan.render([['kubectl-get', `${collapsedRows} healthy rows collapsed to counts; every other row kept`]]);
  },
};

/** The groups of rows to collapse, or undefined when the table has no column that says what is healthy. */
function classify(table: Table): Collapsed[] | undefined {
  const col = (name: string) => table.columns.indexOf(name);
  const [status, ready, restarts, type, reason, completions, desired, available] = ['STATUS', 'READY', 'RESTARTS', 'TYPE', 'REASON', 'COMPLETIONS', 'DESIRED', 'AVAILABLE'].map(col);
  if (type >= 0 && reason >= 0 && table.columns.includes('MESSAGE')) {
    const normal = table.rows.filter((r) => r.cells[type] === 'Normal');
    return [{ label: 'Normal events', rows: normal }];
  }
  const healthy: Collapsed = { label: status >= 0 && restarts >= 0 ? 'Running and ready, no restarts' : 'healthy (all ready)', rows: [] };
  const done: Collapsed = { label: 'Completed', rows: [] };
  if (status < 0 && ready < 0 && completions < 0 && desired < 0) return undefined;
  for (const row of table.rows) {
    const s = status >= 0 ? row.cells[status] : undefined;
    const r = ready >= 0 ? FRACTION.exec(row.cells[ready]) : null;
    const fullyReady = r ? r[1] === r[2] : ready < 0;
    const noRestarts = restarts < 0 || row.cells[restarts] === '0';
    if (s !== undefined && DONE_STATUS.has(s) && noRestarts) done.rows.push(row);
    else if (s !== undefined && HEALTHY_STATUS.has(s) && fullyReady && noRestarts) healthy.rows.push(row);
    else if (s === undefined && completions >= 0) {
      const c = FRACTION.exec(row.cells[completions]);
      if (c && c[1] === c[2]) done.rows.push(row);
    } else if (s === undefined && desired >= 0 && available >= 0) {
      if (ready >= 0 && row.cells[desired] === row.cells[ready] && row.cells[desired] === row.cells[available]) healthy.rows.push(row);
    } else if (s === undefined && r && fullyReady) healthy.rows.push(row);
  }
  return [healthy, done];
}

/** ` (kube-system 15, shop 12)` by namespace, or the names when they are few and the table has none. */
function breakdown(table: Table, group: Collapsed): string {
  const namespace = table.columns.indexOf('NAMESPACE');
  if (namespace >= 0) {
    const counts = new Map<string, number>();
    for (const row of group.rows) counts.set(row.cells[namespace], (counts.get(row.cells[namespace]) ?? 0) + 1);
    return `: ${[...counts].map(([ns, n]) => `${ns} ${n}`).join(', ')}`;
  }
  const name = table.columns.indexOf('NAME');
  const reason = table.columns.indexOf('REASON');
  if (reason >= 0) {
    const counts = new Map<string, number>();
    for (const row of group.rows) counts.set(row.cells[reason], (counts.get(row.cells[reason]) ?? 0) + 1);
    return `: ${[...counts].map(([r, n]) => `${r} ${n}`).join(', ')}`;
  }
  return name >= 0 && group.rows.length <= 20 ? `: ${group.rows.map((r) => r.cells[name]).join(' ')}` : '';
}

/** The value of `-o` / `--output` (`-owide`, `--output=yaml`), if given. */
export function outputFormat(args: readonly string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '-o' || arg === '--output') return args[i + 1];
    if (arg.startsWith('--output=')) return arg.slice('--output='.length);
    if (arg.startsWith('-o') && arg.length > 2 && !arg.startsWith('--')) return arg.slice(2).replace(/^=/, '');
  }
  return undefined;
}

/** The header's first columns are exactly `expected`. */
function startsWith(columns: readonly string[], expected: readonly string[]): boolean {
  return expected.every((name, k) => columns[k] === name);
}
