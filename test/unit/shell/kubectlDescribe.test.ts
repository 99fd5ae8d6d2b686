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
    for (const line of input.split('\n')) {
      if (/^ +(State|Last State|Reason|Exit Code|Ready|Restart Count|Image|memory|cpu):/.test(line) || /^(Name|Namespace|Node|Status):/.test(line) || / {2}Warning {2}/.test(line) || /^ {2}(Ready|ContainersReady) +\S/.test(line)) assert.ok(result.text.includes(line), line);
    }
    for (const cut of ['Container ID:', 'Image ID:', 'kube-api-access-8xk2p', 'Tolerations:', 'Normal   Scheduled']) assert.ok(!result.text.includes(cut), cut);
    assertRedeemable(result, input);
  });

  it('declines text that is not a describe, or has nothing to cut', () => {
    assert.equal(runCompressor(kubectlDescribe, 'Error from server (NotFound): pods "x" not found\n', engines), undefined);
    assert.equal(runCompressor(kubectlDescribe, 'Name:   x\nStatus: Running\n', engines), undefined);
    assert.doesNotThrow(() => runCompressor(kubectlDescribe, `Name: x\nLabels: ${'a'.repeat(100_000)}\n${' '.repeat(100_000)}y\nEvents:\n  Type  Reason\n  ----  ------\n`, engines));
  });
});
