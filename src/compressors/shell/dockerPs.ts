// `docker ps` / `docker compose ps` / `podman ps` tables. Rows of containers that need attention
// (restarting, unhealthy, paused, exited with a non-zero code, dead) are kept verbatim under the
// header; running containers, those that exited with code 0 and those never started collapse to one
// line each with their count and names, their full rows stashed behind a marker.
import type { CompressContext, Compressor, Draft, ParsedCommand, Source } from '../types';
import { LinePlan } from './linePlan';
import { alignRows, isTableHeader, parseTable } from './columns';
import { positionals } from './positionals';

const VALUE_OPTIONS = new Set(['--context', '-c', '--host', '-H', '-f', '--file', '-p', '--project-name', '--filter', '--format', '--profile', '--env-file', '--project-directory']);

// "Up 2 hours", "Up 5 days (healthy)" — running; "(unhealthy)", "(health: starting)" and "(Paused)" need attention
const RUNNING = /^Up\b/;
const ATTENTION = /\((?:unhealthy|health: starting|Paused)\)/;
// "Exited (0) 2 hours ago" — finished cleanly
const EXITED_OK = /^Exited \(0\)/;
const CREATED = /^Created$/;
// "CONTAINER ID   IMAGE   COMMAND   CREATED   STATUS   PORTS   NAMES" (docker ps, podman ps) or
// "NAME   IMAGE   COMMAND   SERVICE   CREATED   STATUS   PORTS" (docker compose ps): the header, unique to them
const PS_HEADER = /^(?:CONTAINER ID {2,}IMAGE {2,}COMMAND {2,}CREATED {2,}STATUS|NAME {2,}IMAGE {2,}COMMAND {2,}SERVICE {2,}CREATED {2,}STATUS)(?: {2,}|$)/;

interface Group {
  readonly label: string;
  readonly rows: { index: number; name: string }[];
}

export const dockerPs: Compressor = {
  id: 'dockerPs',
  type: 'shell',
  matches(command: ParsedCommand): boolean {
    const words = positionals(command.args, VALUE_OPTIONS);
    if (command.program === 'docker-compose') return words[0] === 'ps';
    if (command.program !== 'docker' && command.program !== 'podman') return false;
    if (command.args.some((arg) => arg === '--format' || arg.startsWith('--format=') || arg === '-q' || arg === '--quiet')) return false;
    return words[0] === 'ps' || (words[0] === 'container' && ['ls', 'list', 'ps'].includes(words[1])) || (words[0] === 'compose' && words[1] === 'ps');
  },
  sniff(source: Source): boolean {
    // Without a command: the first line is docker's header and the rows line up under it.
    const lines = source.lines;
    const first = lines.findIndex((line) => line.trim() !== '');
    return first >= 0 && PS_HEADER.test(lines[first]) && (parseTable(lines, first)?.rows.length ?? 0) > 0;
  },
  compress(context: CompressContext): Draft | undefined {
    const { lines } = context.source;
    const headerIndex = lines.findIndex((line) => isTableHeader(line));
    if (headerIndex < 0) return undefined;
    const table = parseTable(lines, headerIndex);
    if (!table) return undefined;
    const status = table.columns.indexOf('STATUS');
    const name = table.columns.findIndex((c) => c === 'NAMES' || c === 'NAME');
    if (status < 0 || name < 0) return undefined;

    const groups: Group[] = [
      { label: 'running (Up, not unhealthy)', rows: [] },
      { label: 'exited with code 0', rows: [] },
      { label: 'created, never started', rows: [] },
    ];
    for (const row of table.rows) {
      const state = row.cells[status];
      const group = RUNNING.test(state) && !ATTENTION.test(state) ? 0 : EXITED_OK.test(state) ? 1 : CREATED.test(state) ? 2 : -1;
      if (group >= 0) groups[group].rows.push({ index: row.index, name: row.cells[name] });
    }
    const collapsed = groups.filter((g) => g.rows.length > 0);
    if (collapsed.length === 0) return undefined;

    // One stash: the header, then each group's rows, so every marker names an exact range of it.
    const stashed = [lines[headerIndex]];
    const ranges = collapsed.map((g) => {
      const from = stashed.length + 1;
      for (const row of g.rows) stashed.push(lines[row.index]);
      return [from, stashed.length] as const;
    });
    const stashId = context.stash(stashed.join('\n') + '\n');
    const plan = new LinePlan(context);
    const end = table.rows.at(-1)!.index + 1;
    // The rows kept are laid out again without the width the collapsed rows needed.
    const hidden = new Set(collapsed.flatMap((g) => g.rows.map((r) => r.index)));
    const kept = table.rows.filter((r) => !hidden.has(r.index));
    const aligned = alignRows([table.columns, ...kept.map((r) => r.cells)]);
    plan.replace(headerIndex, aligned[0]);
    kept.forEach((row, k) => plan.replace(row.index, aligned[k + 1]));
    collapsed.forEach((g, k) => {
      for (const row of g.rows) plan.absorb(row.index);
      const marker = plan.markerText({ verb: 'omitted', count: g.rows.length, unit: 'rows', lines: ranges[k], id: stashId, detail: 'their rows; stash line 1 is the header' });
      plan.write(end, `${g.rows.length} ${g.label}: ${g.rows.map((r) => r.name).join(' ')} ${marker}`);
    });
    return plan.render([['docker-ps', `${kept.length} containers needing attention kept as rows; ${hidden.size} collapsed to names`]]);
  },
};
