// kubectl get tables: objects that are not ready or healthy kept as rows with their reason; healthy
// ones collapsed to counts; Normal events to counts by reason.
import assert from 'node:assert/strict';
import { kubectlGet } from '../../../src/compressors/shell/kubectlGet';
import type { Engines } from '../../../src/compressors/types';
import { testEngines } from '../../helpers/engines';
import { assertRedeemable, commandOf, compressAs, fixtureText, runCompressor } from '../../helpers/testRunnerCases';

describe('kubectlGet', () => {
  let engines: Engines;
  before(async () => { engines = await testEngines(); });

  it('claims table output of kubectl get', () => {
    for (const c of ['kubectl get pods', 'kubectl get pods -A -o wide', 'kubectl -n shop get deploy', 'kubectl get events --sort-by=.lastTimestamp', 'oc get pods']) assert.ok(kubectlGet.matches!(commandOf(c)), c);
    for (const c of ['kubectl get pods -o json', 'kubectl get pod x -oyaml', 'kubectl get pods --output=name', 'kubectl describe pod x', 'kubectl logs x']) assert.ok(!kubectlGet.matches!(commandOf(c)), c);
  });

  it('keeps every pod that is not Running-and-ready without restarts, by name with its status', () => {
    const input = fixtureText('kubectlGet', 'pods-all-namespaces');
    const result = compressAs(input, 'kubectl get pods -A', engines);
    for (const row of input.split('\n').slice(1).filter(Boolean)) {
      const [, name, ready, status, restarts] = row.split(/\s{2,}/);
      const [a, b] = ready.split('/');
      const healthy = (status === 'Running' && a === b && restarts === '0') || (status === 'Completed' && restarts === '0');
      if (!healthy) assert.ok(result.text.split('\n').some((l) => l.includes(name) && l.includes(status) && l.includes(restarts)), row);
      else assert.ok(!result.text.includes(name), name);
    }
    assert.ok(result.text.includes('32 Running and ready, no restarts: kube-system 11, ingress-nginx 1, shop 11, monitoring 9'));
    assertRedeemable(result, input);
  });

  it('keeps every Warning event and counts Normal ones by reason', () => {
    const input = fixtureText('kubectlGet', 'events');
    const result = compressAs(input, 'kubectl get events', engines);
    const warnings = input.split('\n').filter((l) => / {2}Warning {2}/.test(l));
    for (const w of warnings) assert.ok(result.text.includes(w.split(/\s{2,}/).at(-1)!), w);
    const normals = input.split('\n').filter((l) => / {2}Normal {2}/.test(l)).length;
    assert.ok(result.text.includes(`${normals} Normal events: `));
  });

  it('reads deployments, nodes and several tables, and leaves tables without health alone', () => {
    const input = ['NAME                          READY   UP-TO-DATE   AVAILABLE   AGE', 'deployment.apps/api           2/3     3            2           52m', 'deployment.apps/web           2/2     2            2           3d', 'deployment.apps/worker        7/7     7            7           3d', '', 'NAME                 TYPE        CLUSTER-IP      EXTERNAL-IP   PORT(S)    AGE', 'service/api          ClusterIP   10.96.14.2      <none>        8080/TCP   41d', '', 'NAME       STATUS                     ROLES           AGE   VERSION', 'worker-1   Ready                      <none>          41d   v1.32.4', 'worker-2   NotReady                   <none>          41d   v1.32.4', 'worker-3   Ready,SchedulingDisabled   <none>          41d   v1.32.4', ''].join('\n');
    const draft = runCompressor(kubectlGet, input, engines)!;
    for (const keep of ['deployment.apps/api', '2/3', 'service/api', 'worker-2   NotReady', 'worker-3   Ready,SchedulingDisabled']) assert.ok(draft.text.includes(keep), keep);
    assert.ok(draft.text.includes('2 healthy (all ready): deployment.apps/web deployment.apps/worker'));
    assert.ok(draft.text.includes('1 healthy (all ready): worker-1'));
  });

  it('declines misaligned rows and other text', () => {
    assert.equal(runCompressor(kubectlGet, 'NAME   READY   STATUS\nx  1/1 Running\n', engines), undefined);
    assert.equal(runCompressor(kubectlGet, 'No resources found in shop namespace.\n', engines), undefined);
    assert.equal(runCompressor(kubectlGet, '', engines), undefined);
    assert.doesNotThrow(() => runCompressor(kubectlGet, `NAME   STATUS\n${'a '.repeat(100_000)}\n`, engines));
  });
});
