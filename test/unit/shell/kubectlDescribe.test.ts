// kubectl describe: the fault-finding fields and Warning events kept, boilerplate and Normal events cut.
import assert from 'node:assert/strict';
import { kubectlDescribe } from '../../../src/compressors/shell/kubectlDescribe';
import type { Engines } from '../../../src/compressors/types';
import { testEngines } from '../../helpers/engines';
import { assertRedeemable, commandOf, compressAs, fixtureText, runCompressor } from '../../helpers/testRunnerCases';

describe('kubectlDescribe', () => {
  let engines: Engines;
  before(async () => { engines = await testEngines(); });

  it('claims kubectl describe', () => {
    assert.ok(kubectlDescribe.matches!(commandOf('kubectl describe pod api-1 -n shop')));
    assert.ok(kubectlDescribe.matches!(commandOf('kubectl -n shop describe deploy/api')));
    assert.ok(!kubectlDescribe.matches!(commandOf('kubectl get pods')));
  });

  it('keeps states, reasons, exit codes, restarts, limits, conditions and warnings', () => {
    const input = fixtureText('kubectlDescribe', 'pod-crashloop');
    const result = compressAs(input, 'kubectl describe pod api-7d9c6b5f4-2xkqp', engines);
    // Every line of the failing container (api) and of the pod's own fields stays as it was.
    const lines = input.split('\n');
    const api = lines.indexOf('  api:');
    const sidecar = lines.indexOf('  metrics-sidecar:');
    lines.forEach((line, i) => {
      const inApi = i > api && i < sidecar;
      if ((inApi && /^ +(State|Last State|Reason|Exit Code|Ready|Restart Count|Image|memory|cpu):/.test(line)) || /^(Name|Namespace|Node|Status):/.test(line) || / {2}Warning {2}/.test(line) || /^ {2}(Ready|ContainersReady) +\S/.test(line)) assert.ok(result.text.includes(line), line);
    });
    // Ready containers that never restarted are one line each, with the facts that say so.
    assert.match(result.text, /^ {2}wait-for-db: Image busybox:1\.36; State Terminated \(Completed, Exit Code 0\); Ready True; Restart Count 0 \[hr:[0-9a-f]{12} omitted 19 lines L22-40: the rest of this container\]$/m);
    assert.match(result.text, /^ {2}metrics-sidecar: Image registry\.invalid\/shop\/metrics-proxy:0\.4\.0; State Running; Ready True; Restart Count 0 \[hr:[0-9a-f]{12} omitted 17 lines L78-94: /m);
    for (const cut of ['Container ID:', 'Image ID:', 'kube-api-access-8xk2p', 'Tolerations:', 'Normal   Scheduled']) assert.ok(!result.text.includes(cut), cut);
    assertRedeemable(result, input);
  });

  it('keeps a container whole unless it is ready, never restarted and running or completed', () => {
    const block = (name: string, state: string[], ready: string, restarts: string) => [`  ${name}:`, `    Container ID:   containerd://${'a'.repeat(64)}`, '    Image:          app:1.0', '    Port:           8080/TCP', ...state, `    Ready:          ${ready}`, `    Restart Count:  ${restarts}`, '    Environment:    <none>'];
    const input = ['Name:         p', 'Namespace:    shop', 'Status:       Running', 'Containers:',
      ...block('restarted', ['    State:          Running', '      Started:      Mon, 10 Feb 2025 09:14:11 +0100', '    Last State:     Terminated', '      Reason:       Error', '      Exit Code:    1'], 'True', '2'),
      ...block('failed-init', ['    State:          Terminated', '      Reason:       Error', '      Exit Code:    1'], 'False', '0'),
      ...block('unready', ['    State:          Running', '      Started:      Mon, 10 Feb 2025 09:14:11 +0100'], 'False', '0'),
      ...block('fine', ['    State:          Running', '      Started:      Mon, 10 Feb 2025 09:14:11 +0100'], 'True', '0'),
      'Conditions:', '  Type    Status', '  Ready   False', ''].join('\n');
    const draft = runCompressor(kubectlDescribe, input, engines)!;
    for (const name of ['restarted', 'failed-init', 'unready']) assert.ok(draft.text.includes(`  ${name}:\n`), name);
    for (const line of ['      Reason:       Error', '      Exit Code:    1', '    Last State:     Terminated', '    Ready:          False', '    Restart Count:  2']) assert.ok(draft.text.includes(line), line);
    assert.match(draft.text, /^ {2}fine: Image app:1\.0; State Running; Ready True; Restart Count 0 \[hr:/m);
  });

  it('declines text that is not a describe, or has nothing to cut', () => {
    assert.equal(runCompressor(kubectlDescribe, 'Error from server (NotFound): pods "x" not found\n', engines), undefined);
    assert.equal(runCompressor(kubectlDescribe, 'Name:   x\nStatus: Running\n', engines), undefined);
    assert.doesNotThrow(() => runCompressor(kubectlDescribe, `Name: x\nContainers:\n  c:\n    State${' '.repeat(100_000)}x\n    ${'A '.repeat(50_000)}\n`, engines));
    assert.doesNotThrow(() => runCompressor(kubectlDescribe, `Name: x\nLabels: ${'a'.repeat(100_000)}\n${' '.repeat(100_000)}y\nEvents:\n  Type  Reason\n  ----  ------\n`, engines));
  });
});
