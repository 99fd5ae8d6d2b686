// `kubectl get … -o yaml`: the objects exactly as printed, minus the two blocks that are bookkeeping
// rather than state — `metadata.managedFields` (server-side field ownership) and the
// `kubectl.kubernetes.io/last-applied-configuration` annotation (a JSON copy of the applied object) —
// and two list items Kubernetes adds to every pod on its own: the `kube-api-access-*` service-account
// token volume and the default not-ready/unreachable tolerations (NoExecute, Exists, 300 s).
// Each cut is a YAML comment holding its marker, so the rest stays valid YAML.
import type { CompressContext, Compressor, Draft, ParsedCommand, Source } from '../types';
import { LinePlan } from './linePlan';
import { positionals } from './positionals';
import { outputFormat } from './kubectlGet';

const VALUE_OPTIONS = new Set(['-n', '--namespace', '--context', '--cluster', '--kubeconfig', '-l', '--selector', '--field-selector', '-o', '--output', '--sort-by', '--server', '-s', '--user', '--token', '--request-timeout', '--chunk-size']);

// "  managedFields:" and "    kubectl.kubernetes.io/last-applied-configuration: |"
const BOOKKEEPING = /^( *)(managedFields|kubectl\.kubernetes\.io\/last-applied-configuration):/;
// "apiVersion: v1" / "kind: Pod" — what `-o yaml` prints first
const YAML_START = /^(?:apiVersion|kind): \S/;
// "  resourceVersion: \"4812337\"" — set by the API server on every object it returns, never in a manifest
const RESOURCE_VERSION = /^ +resourceVersion: "\d*"$/;
// "kind: Pod", "kind: List" — the top-level object's kind
const TOP_KIND = /^kind: [A-Z][A-Za-z]*$/;
// "  - name: kube-api-access-r7x2m": the projected service-account volume the API server injects
const TOKEN_VOLUME = /^( *)- name: (kube-api-access-[a-z0-9]+)$/;
// "  - effect: NoExecute": the first line of a toleration item
const TOLERATION = /^( *)- effect: NoExecute$/;
/** The default tolerations, as their item's other lines print them (key sorted order). */
const DEFAULT_TOLERATIONS = ['not-ready', 'unreachable'].map((taint) => ({ taint, body: [`key: node.kubernetes.io/${taint}`, 'operator: Exists', 'tolerationSeconds: 300'] }));

export const kubectlYaml: Compressor = {
  id: 'kubectlYaml',
  type: 'shell',
  matches(command: ParsedCommand): boolean {
    if (command.program !== 'kubectl' && command.program !== 'oc') return false;
    return positionals(command.args, VALUE_OPTIONS)[0] === 'get' && outputFormat(command.args) === 'yaml';
  },
  sniff(source: Source): boolean {
    // Without a command: YAML that starts like `-o yaml` does, names its kind, and carries the
    // server's resourceVersion (a manifest never does).
    const lines = source.lines;
    return YAML_START.test(lines[0] ?? '') && lines.some((line) => TOP_KIND.test(line)) && lines.some((line) => RESOURCE_VERSION.test(line));
  },
  compress(context: CompressContext): Draft | undefined {
    const { lines } = context.source;
    if (!YAML_START.test(lines[0] ?? '')) return undefined;
    const plan = new LinePlan(context);
    let cuts = 0;
    for (let i = 0; i < lines.length; i++) {
      const m = BOOKKEEPING.exec(lines[i]);
      if (!m) continue;
      const indent = m[1].length;
      let end = i + 1;
      // The block: deeper lines, and list items at the key's own indentation ("  - apiVersion: v1").
      while (end < lines.length && lines[end] !== '') {
        const depth = lines[end].length - lines[end].trimStart().length;
        if (depth > indent || (depth === indent && lines[end].startsWith('- ', depth) && m[2] === 'managedFields')) end++;
        else break;
      }
      const what = m[2] === 'managedFields' ? 'managedFields (field ownership bookkeeping)' : 'last-applied-configuration (JSON copy of the applied object)';
      const marker = plan.markerText({ verb: 'omitted', count: end - i, unit: 'lines', lines: [i + 1, end], detail: what });
      plan.write(i, `${m[1]}# ${m[2]}: ${marker}`);
      for (let k = i; k < end; k++) plan.absorb(k);
      cuts++;
      i = end - 1;
    }
    const injected = cutInjected(plan, lines);
    if (cuts === 0 && injected === 0) return undefined;
    return plan.render([['kubectl-yaml', `${cuts} bookkeeping blocks cut; ${injected} injected defaults cut`]]);
  },
};

/** The end (exclusive) of the list item whose dash is at column `indent` on line `start`. */
function itemEnd(lines: readonly string[], start: number, indent: number): number {
  let end = start + 1;
  while (end < lines.length && lines[end] !== '' && lines[end].length - lines[end].trimStart().length > indent) end++;
  return end;
}

/**
 * Cuts the injected service-account token volume (an item that projects a serviceAccountToken) and
 * a run of the two default tolerations, each as one YAML comment naming what it was. Returns how many.
 */
function cutInjected(plan: LinePlan, lines: readonly string[]): number {
  let cuts = 0;
  for (let i = 0; i < lines.length; i++) {
    const volume = TOKEN_VOLUME.exec(lines[i]);
    if (volume && lines[i + 1]?.trim() === 'projected:') {
      const end = itemEnd(lines, i, volume[1].length);
      if (!lines.slice(i, end).some((l) => l.trim() === '- serviceAccountToken:')) continue;
      const marker = plan.markerText({ verb: 'omitted', count: end - i, unit: 'lines', lines: [i + 1, end], detail: 'the service-account token volume Kubernetes injects' });
      plan.write(i, `${volume[1]}# - name: ${volume[2]} ${marker}`);
      for (let k = i; k < end; k++) plan.absorb(k);
      cuts++;
      i = end - 1;
      continue;
    }
    const toleration = TOLERATION.exec(lines[i]);
    if (!toleration) continue;
    // A run of items that are each one of the defaults, each default at most once.
    const indent = toleration[1].length;
    const seen = new Set<number>();
    let end = i;
    while (TOLERATION.exec(lines[end] ?? '')?.[1].length === indent) {
      const itemStop = itemEnd(lines, end, indent);
      const body = lines.slice(end + 1, itemStop).map((l) => l.trim());
      const which = DEFAULT_TOLERATIONS.findIndex((d, k) => !seen.has(k) && d.body.length === body.length && d.body.every((l, n) => l === body[n]));
      if (which < 0) break;
      seen.add(which);
      end = itemStop;
    }
    if (end === i) continue;
    const marker = plan.markerText({ verb: 'omitted', count: end - i, unit: 'lines', lines: [i + 1, end], detail: `the default ${[...seen].map((k) => DEFAULT_TOLERATIONS[k].taint).join(' and ')} tolerations (NoExecute, 300s)` });
    plan.write(i, `${toleration[1]}# ${marker}`);
    for (let k = i; k < end; k++) plan.absorb(k);
    cuts++;
    i = end - 1;
  }
  return cuts;
}
