// kubectl get -o yaml: managedFields and the last-applied annotation cut as YAML comments, the rest verbatim.
import assert from 'node:assert/strict';
import { kubectlYaml } from '../../../src/compressors/shell/kubectlYaml';
import type { Engines } from '../../../src/compressors/types';
import { testEngines } from '../../helpers/engines';
import { assertRedeemable, commandOf, compressAs, fixtureText, runCompressor } from '../../helpers/testRunnerCases';

describe('kubectlYaml', () => {
  let engines: Engines;
  before(async () => { engines = await testEngines(); });

  it('claims kubectl get -o yaml in all its spellings', () => {
    for (const c of ['kubectl get pod x -o yaml', 'kubectl get pod x -oyaml', 'kubectl get deploy --output=yaml', 'kubectl get pods -n shop --output yaml']) assert.ok(kubectlYaml.matches!(commandOf(c)), c);
    for (const c of ['kubectl get pod x -o json', 'kubectl get pods', 'kubectl apply -f x.yaml']) assert.ok(!kubectlYaml.matches!(commandOf(c)), c);
  });

  it('cuts the bookkeeping blocks and the injected token volume and tolerations; every other line is unchanged and in order', () => {
    const input = fixtureText('kubectlYaml', 'pod');
    const result = compressAs(input, 'kubectl get pod api-debug -o yaml', engines);
    const lines = input.split('\n');
    const managed = lines.indexOf('  managedFields:');
    const name = lines.indexOf('  name: api-debug');
    const applied = lines.findIndex((l) => l.includes('last-applied-configuration'));
    const tolerations = lines.indexOf('  tolerations:');
    const volumes = lines.indexOf('  volumes:');
    const status = lines.indexOf('status:');
    const cut = (i: number) => (i >= managed && i < name) || (i >= applied && i <= applied + 1) || (i > tolerations && i < volumes) || (i > volumes && i < status);
    const out = result.text.split('\n').filter((l) => !l.trimStart().startsWith('# '));
    assert.deepEqual(out, lines.filter((_, i) => !cut(i)));
    assert.match(result.text, /^ {2}# \[hr:[0-9a-f]{12} omitted 8 lines L159-166: the default not-ready and unreachable tolerations \(NoExecute, 300s\)\]$/m);
    assert.match(result.text, /^ {2}# - name: kube-api-access-r7x2m \[hr:[0-9a-f]{12} omitted 18 lines L168-185: the service-account token volume Kubernetes injects\]$/m);
    assertRedeemable(result, input);
  });

  it('keeps tolerations and volumes that are not the injected defaults', () => {
    const input = ['apiVersion: v1', 'kind: Pod', 'spec:', '  tolerations:', '  - effect: NoExecute', '    key: node.kubernetes.io/not-ready', '    operator: Exists', '    tolerationSeconds: 600', '  - effect: NoExecute', '    key: dedicated', '    operator: Equal', '    value: gpu',
      '  volumes:', '  - name: kube-api-access-abcde', '    secret:', '      secretName: my-own', 'status:', '  phase: Running', ''].join('\n');
    assert.equal(runCompressor(kubectlYaml, input, engines), undefined);
  });

  it('declines other YAML-looking text', () => {
    assert.equal(runCompressor(kubectlYaml, 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n', engines), undefined);
    assert.equal(runCompressor(kubectlYaml, 'error: the server doesn\'t have a resource type "podz"\n', engines), undefined);
    assert.doesNotThrow(() => runCompressor(kubectlYaml, `apiVersion: v1\n  managedFields:\n${'  - x\n'.repeat(100_000)}`, engines));
  });
});
