// `kubectl describe` output. Keeps what says why an object is unhealthy — status, conditions, every
// container's image, state, last state, reason, exit code, readiness, restart count, limits and
// requests, and every Warning event — and cuts the boilerplate around it: container and image ids,
// mounts, volumes, tolerations, label and annotation lists, and Normal events (counted by reason).
// A container that is ready, never restarted and running (or, for an init container, completed with
// exit code 0) becomes one line with its image, state, readiness and restart count.
import type { CompressContext, Compressor, Draft, ParsedCommand, Source } from '../types';
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
// "Containers:" / "Init Containers:" / "Ephemeral Containers:" — a pod's container sections
const CONTAINERS = /^(?:Init |Ephemeral )?Containers:$/;
// "  metrics-sidecar:" — a container's name line inside such a section
const CONTAINER_NAME = /^ {2}([a-z0-9][a-z0-9.-]*):$/;
// "    State:          Running", "      Exit Code:    0" — a field of a container block
const CONTAINER_FIELD = /^( {4}| {6})([A-Z][A-Za-z ]*):\s*(.*)$/;
// "Events:  <none>" or "Events:" over its table — the section every `kubectl describe` ends an object with
const EVENTS_SECTION = /^Events:[ \t]*(?:<none>[ \t]*)?$/;

const NORMAL_EVENTS: DropKind = { detail: 'Normal events', grep: 'Normal' };
const FIELDS: DropKind = { detail: 'ids, mounts, volumes, tolerations, labels, annotations' };

export const kubectlDescribe: Compressor = {
  id: 'kubectlDescribe',
  type: 'shell',
  matches(command: ParsedCommand): boolean {
    return (command.program === 'kubectl' || command.program === 'oc') && positionals(command.args, VALUE_OPTIONS)[0] === 'describe';
  },
  sniff(source: Source): boolean {
    // Without a command: it starts with "Name:" and has an "Events:" section, as every object it describes.
    const lines = source.lines;
    const first = lines.findIndex((line) => line.trim() !== '');
    return first >= 0 && NAME.test(lines[first]) && lines.some((line) => EVENTS_SECTION.test(line));
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
    const collapsed = collapseHealthyContainers(plan, lines);
    if (plan.droppedCount === 0 && collapsed === 0) return undefined;
    return plan.render([['kubectl-describe', `boilerplate fields cut; ${collapsed} ready containers in one line each; ${normalEvents} Normal events counted by reason`]]);
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

/**
 * A container block (its name line and every deeper line) whose container is Ready, has 0 restarts
 * and is Running, or Terminated with reason Completed and exit code 0, becomes one line stating those
 * facts; the block's lines are one marked range. Returns how many containers were collapsed.
 */
function collapseHealthyContainers(plan: LinePlan, lines: readonly string[]): number {
  let collapsed = 0;
  let inSection = false;
  for (let i = 0; i < lines.length; i++) {
    if (CONTAINERS.test(lines[i])) {
      inSection = true;
      continue;
    }
    if (lines[i] !== '' && !lines[i].startsWith(' ')) inSection = false;
    const name = inSection ? CONTAINER_NAME.exec(lines[i]) : null;
    if (!name) continue;
    let end = i + 1;
    while (end < lines.length && lines[end].startsWith('   ')) end++;
    const fields = new Map<string, string>();
    for (let k = i + 1; k < end; k++) {
      const f = CONTAINER_FIELD.exec(lines[k]);
      // Only the first Reason / Exit Code (those under State) count; a Last State would show restarts anyway.
      if (f && !fields.has(f[2])) fields.set(f[2], f[3].trim());
    }
    const state = fields.get('State');
    const finished = state === 'Terminated' && fields.get('Reason') === 'Completed' && fields.get('Exit Code') === '0';
    const healthy = fields.get('Ready') === 'True' && fields.get('Restart Count') === '0' && !fields.has('Last State') && (state === 'Running' || finished);
    if (healthy && fields.has('Image') && end - i > 2) {
      const stateText = finished ? 'Terminated (Completed, Exit Code 0)' : 'Running';
      const marker = plan.markerText({ verb: 'omitted', count: end - i - 1, unit: 'lines', lines: [i + 2, end], detail: 'the rest of this container' });
      plan.replace(i, `  ${name[1]}: Image ${fields.get('Image')}; State ${stateText}; Ready True; Restart Count 0 ${marker}`);
      for (let k = i + 1; k < end; k++) plan.absorb(k);
      collapsed++;
    }
    i = end - 1;
  }
  return collapsed;
}
