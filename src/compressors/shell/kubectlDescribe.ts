// `kubectl describe` output. Keeps what says why an object is unhealthy — status, conditions, every
// container's image, state, last state, reason, exit code, readiness, restart count, limits and
// requests, and every Warning event — and cuts the boilerplate around it: container and image ids,
// mounts, volumes, tolerations, label and annotation lists, and Normal events (counted by reason).
import type { CompressContext, Compressor, Draft, ParsedCommand } from '../types';
import { LinePlan, type DropKind } from './linePlan';
import { isTableHeader, parseTable } from './columns';
import { positionals } from './positionals';

const VALUE_OPTIONS = new Set(['-n', '--namespace', '--context', '--cluster', '--kubeconfig', '-l', '--selector', '--server', '-s', '--user', '--token', '--request-timeout', '--chunk-size']);

// "    Container ID:   containerd://4f0c…" — a field and its indentation
const FIELD = /^( *)([A-Z][A-Za-z -]*):(?: |$)/;
/** Fields whose value (and the more-indented lines under them) is boilerplate for finding a fault. */
const BOILERPLATE = new Set(['Container ID', 'Image ID', 'Host Port', 'Mounts', 'Volumes', 'Tolerations', 'Labels', 'Annotations', 'IPs', 'Node-Selectors', 'QoS Class', 'Priority', 'Priority Class Name', 'Service Account', 'Environment Variables from', 'Host Ports', 'Seccomp Profile', 'Runtime Class Name']);
// "Events:" and its table ("  Type     Reason     Age   From   Message")
const EVENTS = /^Events:\s*$/;
// "Name:             api-7d9c6b5f4-2xkqp" — the first line of every object kubectl describes
const NAME = /^Name: +\S/;

const NORMAL_EVENTS: DropKind = { detail: 'Normal events', grep: 'Normal' };
const FIELDS: DropKind = { detail: 'describe boilerplate (ids, mounts, volumes, tolerations, labels, annotations)' };

export const kubectlDescribe: Compressor = {
  id: 'kubectlDescribe',
  type: 'shell',
  matches(command: ParsedCommand): boolean {
    return (command.program === 'kubectl' || command.program === 'oc') && positionals(command.args, VALUE_OPTIONS)[0] === 'describe';
  },
  compress(context: CompressContext): Draft | undefined {
    const { lines } = context.source;
    if (!lines.some((line) => NAME.test(line))) return undefined;
    const plan = new LinePlan(context);
    let normalEvents = 0;
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i];
      if (EVENTS.test(line)) {
        normalEvents += countNormalEvents(plan, lines, i);
        continue;
      }
      const field = FIELD.exec(line);
      if (!field || !BOILERPLATE.has(field[2])) continue;
      // The field and every line indented deeper than its name (or aligned under its value) go.
      const indent = field[1].length;
      let end = i + 1;
      while (end < lines.length && lines[end] !== '' && (lines[end].length - lines[end].trimStart().length) > indent) end++;
      plan.dropRange(i, end, FIELDS);
      i = end - 1;
    }
    if (plan.droppedCount === 0) return undefined;
    return plan.render([['kubectl-describe', `boilerplate fields cut; ${normalEvents} Normal events counted by reason`]]);
  },
};

/**
 * Under "Events:" comes a table indented two spaces, a "----" rule under its header. Normal events
 * are dropped and counted by reason in one line; Warning events stay. Returns how many were dropped.
 */
function countNormalEvents(plan: LinePlan, lines: readonly string[], at: number): number {
  const header = lines[at + 1]?.slice(2) ?? '';
  if (!isTableHeader(header, true) || !lines[at + 2]?.trimStart().startsWith('----')) return 0;
  const first = at + 3;
  let end = first;
  while (end < lines.length && lines[end].startsWith('  ') && lines[end].trim() !== '') end++;
  const table = parseTable([header, ...lines.slice(first, end).map((l) => l.slice(2))], 0);
  if (!table) return 0;
  const type = table.columns.indexOf('Type');
  const reason = table.columns.indexOf('Reason');
  if (type < 0 || reason < 0) return 0;
  const counts = new Map<string, number>();
  let dropped = 0;
  for (const row of table.rows) {
    if (row.cells[type] !== 'Normal') continue;
    counts.set(row.cells[reason], (counts.get(row.cells[reason]) ?? 0) + 1);
    plan.drop(first + row.index - 1, NORMAL_EVENTS);
    dropped++;
  }
  if (dropped > 0) plan.write(first, `  (${dropped} Normal events: ${[...counts].map(([r, n]) => `${r} ${n}`).join(', ')})`);
  return dropped;
}
