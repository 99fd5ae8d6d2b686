// `kubectl get … -o yaml`: the objects exactly as printed, minus the two blocks that are bookkeeping
// rather than state — `metadata.managedFields` (server-side field ownership) and the
// `kubectl.kubernetes.io/last-applied-configuration` annotation (a JSON copy of the applied object).
// Each cut is a YAML comment holding its marker, so the rest stays valid YAML.
import type { CompressContext, Compressor, Draft, ParsedCommand } from '../types';
import { LinePlan } from './linePlan';
import { positionals } from './positionals';
import { outputFormat } from './kubectlGet';

const VALUE_OPTIONS = new Set(['-n', '--namespace', '--context', '--cluster', '--kubeconfig', '-l', '--selector', '--field-selector', '-o', '--output', '--sort-by', '--server', '-s', '--user', '--token', '--request-timeout', '--chunk-size']);

// "  managedFields:" and "    kubectl.kubernetes.io/last-applied-configuration: |"
const BOOKKEEPING = /^( *)(managedFields|kubectl\.kubernetes\.io\/last-applied-configuration):/;
// "apiVersion: v1" / "kind: Pod" — what `-o yaml` prints first
const YAML_START = /^(?:apiVersion|kind): \S/;

export const kubectlYaml: Compressor = {
  id: 'kubectlYaml',
  type: 'shell',
  matches(command: ParsedCommand): boolean {
    if (command.program !== 'kubectl' && command.program !== 'oc') return false;
    return positionals(command.args, VALUE_OPTIONS)[0] === 'get' && outputFormat(command.args) === 'yaml';
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
    if (cuts === 0) return undefined;
    return plan.render([['kubectl-yaml', `${cuts} bookkeeping blocks cut`]]);
  },
};
