// docker ps: containers needing attention kept as rows, healthy ones collapsed to names with a marker.
import assert from 'node:assert/strict';
import { dockerPs } from '../../../src/compressors/shell/dockerPs';
import type { Engines } from '../../../src/compressors/types';
import { testEngines } from '../../helpers/engines';
import { assertRedeemable, commandOf, compressAs, fixtureText, runCompressor } from '../../helpers/testRunnerCases';

describe('dockerPs', () => {
  let engines: Engines;
  before(async () => { engines = await testEngines(); });

  it('claims container listings in table form', () => {
    for (const c of ['docker ps', 'docker ps -a', 'docker container ls --all', 'docker compose ps', 'docker-compose ps', 'podman ps -a']) assert.ok(dockerPs.matches!(commandOf(c)), c);
    for (const c of ['docker ps -q', 'docker ps --format "{{.Names}}"', 'docker images', 'docker logs web', 'ps aux']) assert.ok(!dockerPs.matches!(commandOf(c)), c);
  });

  it('keeps every container that is not running cleanly as a row, with its status', () => {
    const input = fixtureText('dockerPs', 'ps-a');
    const result = compressAs(input, 'docker ps -a', engines);
    const rows = input.split('\n').slice(1).filter(Boolean);
    for (const row of rows) {
      const name = row.trim().split(/\s+/).at(-1)!;
      assert.ok(result.text.includes(name), name);
      const attention = !/ {3}(Up [^(]*?(\(healthy\))? {3}|Exited \(0\)|Created {3})/.test(row);
      if (attention) assert.ok(result.text.split('\n').some((l) => l.endsWith(name) && l.includes(row.slice(0, 12))), row);
    }
    assertRedeemable(result, input);
  });

  it('declines text without a STATUS column, and other text', () => {
    const images = ['REPOSITORY   TAG       IMAGE ID       CREATED      SIZE', 'nginx        1.25      a8758716bb6a   2 days ago   187MB', ''].join('\n');
    assert.equal(runCompressor(dockerPs, images, engines), undefined);
    assert.equal(runCompressor(dockerPs, 'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?\n', engines), undefined);
    assert.equal(runCompressor(dockerPs, '', engines), undefined);
    assert.doesNotThrow(() => runCompressor(dockerPs, `CONTAINER ID   STATUS   NAMES\n${'x'.repeat(100_000)}\n${' '.repeat(100_000)}\n`, engines));
  });
});
