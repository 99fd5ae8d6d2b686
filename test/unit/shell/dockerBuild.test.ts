// docker build (BuildKit plain progress, classic builder): steps and failures kept, progress cut.
import assert from 'node:assert/strict';
import { dockerBuild } from '../../../src/compressors/shell/dockerBuild';
import type { Engines } from '../../../src/compressors/types';
import { testEngines } from '../../helpers/engines';
import { assertRedeemable, commandOf, compressAs, fixtureText, runCompressor } from '../../helpers/testRunnerCases';

describe('dockerBuild', () => {
  let engines: Engines;
  before(async () => { engines = await testEngines(); });

  it('claims docker builds', () => {
    for (const c of ['docker build -t x .', 'docker buildx build --platform linux/amd64 .', 'docker compose build api', 'docker-compose build', 'DOCKER_BUILDKIT=1 docker build .']) assert.ok(dockerBuild.matches!(commandOf(c)), c);
    for (const c of ['docker run x', 'docker ps', 'docker compose up', 'docker buildx ls']) assert.ok(!dockerBuild.matches!(commandOf(c)), c);
  });

  it('keeps every step, the failed step\'s output, the Dockerfile excerpt and the final error', () => {
    const input = fixtureText('dockerBuild', 'failed-step');
    const result = compressAs(input, 'docker build .', engines);
    for (const line of input.split('\n')) {
      if (/^#\d+ \[(?!internal)/.test(line) || line.startsWith('#10 ') || /^ {2}\d+ \|/.test(line) || line.startsWith('ERROR: ')) assert.ok(result.text.includes(line), line);
    }
    assert.ok(!result.text.includes('extracting sha256'));
    assertRedeemable(result, input);
  });

  it('folds CACHED into its step and keeps the image id and tag', () => {
    const result = compressAs(fixtureText('dockerBuild', 'cached-and-pip'), 'docker build .', engines);
    assert.ok(result.text.includes('#7 [base 3/5] RUN apt-get update && apt-get install -y --no-install-recommends libpq5 && rm -rf /var/lib/apt/lists/* (CACHED)'));
    assert.match(result.text, /#12 naming to registry\.invalid\/shop\/api:1\.9\.0 done/);
  });

  it('reads the classic builder too', () => {
    const input = ['Sending build context to Docker daemon  2.048kB', 'Step 1/3 : FROM node:20-alpine', ' ---> 1a2b3c4d5e6f', 'Step 2/3 : RUN npm ci', ' ---> Running in 8d7c6b5a4f3e', 'added 12 packages in 2s', 'Removing intermediate container 8d7c6b5a4f3e', ' ---> 9f8e7d6c5b4a', 'Step 3/3 : CMD ["node", "index.js"]', ' ---> Running in 0a1b2c3d4e5f', 'Removing intermediate container 0a1b2c3d4e5f', ' ---> 5e6f7a8b9c0d', 'Successfully built 5e6f7a8b9c0d', 'Successfully tagged app:latest', ''].join('\n');
    const draft = runCompressor(dockerBuild, input, engines)!;
    for (const line of ['Step 1/3 : FROM node:20-alpine', 'Step 2/3 : RUN npm ci', 'added 12 packages in 2s', 'Successfully built 5e6f7a8b9c0d', 'Successfully tagged app:latest']) assert.ok(draft.text.includes(line), line);
    assert.ok(!draft.text.includes('Removing intermediate container'));
  });

  it('declines other text', () => {
    assert.equal(runCompressor(dockerBuild, '', engines), undefined);
    assert.equal(runCompressor(dockerBuild, 'ERROR: Cannot connect to the Docker daemon\n', engines), undefined);
    assert.doesNotThrow(() => runCompressor(dockerBuild, `#1 [${'['.repeat(100_000)}\n#1 ${'9'.repeat(50_000)}.1 x\n`, engines));
  });
});
