// pip install: errors, conflicts and the final "Successfully installed" kept; progress cut;
// satisfied requirements folded; repeated warnings shown once.
import assert from 'node:assert/strict';
import { pipInstall } from '../../../src/compressors/shell/pipInstall';
import type { Engines } from '../../../src/compressors/types';
import { testEngines } from '../../helpers/engines';
import { assertRedeemable, commandOf, compressAs, fixtureText, runCompressor } from '../../helpers/testRunnerCases';

describe('pipInstall', () => {
  let engines: Engines;
  before(async () => { engines = await testEngines(); });

  it('claims pip install however it is started', () => {
    for (const c of ['pip install flask', 'pip3 install -r requirements.txt', 'python -m pip install -e .', 'python3.11 -m pip install --upgrade pip', 'uv pip install ruff', 'pip --disable-pip-version-check install x']) assert.ok(pipInstall.matches!(commandOf(c)), c);
    for (const c of ['pip list', 'pip freeze', 'pip show flask', 'uv run pytest', 'npm install']) assert.ok(!pipInstall.matches!(commandOf(c)), c);
  });

  it('shows a repeated network warning once and keeps the result', () => {
    const input = fixtureText('pipInstall', 'index-unreachable-retries');
    const result = compressAs(input, 'pip install flask', engines);
    assert.equal(result.text.match(/^WARNING: Retrying/gm)?.length, 1);
    assert.ok(result.text.includes('Successfully installed blinker-1.9.0 click-8.5.0 flask-3.1.3'));
    assertRedeemable(result, input);
  });

  it('folds satisfied requirements into one line with every name and version', () => {
    const input = fixtureText('pipInstall', 'requirements-satisfied');
    const result = compressAs(input, 'pip install -r req.txt', engines);
    for (const m of input.matchAll(/^Requirement already satisfied: ([A-Za-z0-9._-]+)\S* in .* \((\S+)\)$/gm)) assert.ok(result.text.includes(`${m[1]} ${m[2]}`), m[1]);
  });

  it('keeps the package pip was collecting when it failed', () => {
    const input = ['Collecting numpy==1.19.0', '  Downloading numpy-1.19.0.zip (7.3 MB)', '     ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━ 7.3/7.3 MB 5.1 MB/s eta 0:00:00', '  Installing build dependencies: started', "  Installing build dependencies: finished with status 'done'", '  Getting requirements to build wheel: started', "  Getting requirements to build wheel: finished with status 'error'", '  error: subprocess-exited-with-error', '  ', '  × Getting requirements to build wheel did not run successfully.', '  │ exit code: 1', '  ╰─> [3 lines of output]', "      ModuleNotFoundError: No module named 'distutils'", '      [end of output]', ''].join('\n');
    const draft = runCompressor(pipInstall, input, engines)!;
    assert.ok(draft.text.startsWith('Collecting numpy==1.19.0\n'));
    assert.ok(draft.text.includes("finished with status 'error'"));
    assert.ok(draft.text.includes("ModuleNotFoundError: No module named 'distutils'"));
    assert.ok(!draft.text.includes('Downloading numpy'));
  });

  it('keeps dependency conflicts and uninstalls', () => {
    const input = fixtureText('pipInstall', 'dependency-conflict');
    const result = compressAs(input, 'pip install ./wz', engines);
    assert.ok(result.text.includes('flask 3.1.3 requires werkzeug>=3.1.0, but you have werkzeug 2.0.0 which is incompatible.'));
    // The uninstall steps are cut; the line they end in names the package and version.
    assert.ok(result.text.includes('      Successfully uninstalled Werkzeug-3.1.9'));
    assert.ok(!result.text.includes('Found existing installation'));
    assert.match(result.text, /omitted 4 lines L16-19: "Installing collected packages" \(names repeated below\), uninstall steps\]/);
    assertRedeemable(result, input);
  });

  it('keeps uninstall steps that do not end in success', () => {
    const input = ['Collecting a', '  Downloading a-1.0-py3-none-any.whl (10 kB)', 'Installing collected packages: a', '  Attempting uninstall: a', '    Found existing installation: a 0.9', '    Uninstalling a-0.9:', "ERROR: Could not install packages due to an OSError: [Errno 13] Permission denied: '/usr/lib/python3/dist-packages/a'", ''].join('\n');
    const draft = runCompressor(pipInstall, input, engines)!;
    for (const line of ['  Attempting uninstall: a', '    Found existing installation: a 0.9', '    Uninstalling a-0.9:']) assert.ok(draft.text.includes(line), line);
  });

  it('declines other text, and survives pathological lines', () => {
    assert.equal(runCompressor(pipInstall, '', engines), undefined);
    assert.equal(runCompressor(pipInstall, 'Usage: pip <command> [options]\n', engines), undefined);
    const nasty = `Requirement already satisfied: ${'a'.repeat(100_000)}\nRequirement already satisfied: x in ${'('.repeat(50_000)}\nWARNING: ${"'".repeat(50_000)}\n`;
    assert.doesNotThrow(() => runCompressor(pipInstall, nasty, engines));
  });
});
