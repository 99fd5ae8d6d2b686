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

  it('cuts only the two bookkeeping blocks; every other line is unchanged and in order', () => {
    const input = fixtureText('kubectlYaml', 'pod');
    const result = compressAs(input, 'kubectl get pod api-debug -o yaml', engines);
    const lines = input.split('\n');
    const managed = lines.indexOf('  managedFields:');
    const name = lines.indexOf('  name: api-debug');
    const applied = lines.findIndex((l) => l.includes('last-applied-configuration'));
    const kept = lines.filter((_, i) => !(i >= managed && i < name) && !(i >= applied && i <= applied + 1));
    const out = result.text.split('\n').filter((l) => !l.trimStart().startsWith('# '));
    assert.deepEqual(out, kept);
    assertRedeemable(result, input);
  });

  it('declines other YAML-looking text', () => {
    assert.equal(runCompressor(kubectlYaml, 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n', engines), undefined);
    assert.equal(runCompressor(kubectlYaml, 'error: the server doesn\'t have a resource type "podz"\n', engines), undefined);
    assert.doesNotThrow(() => runCompressor(kubectlYaml, `apiVersion: v1\n  managedFields:\n${'  - x\n'.repeat(100_000)}`, engines));
  });
});
