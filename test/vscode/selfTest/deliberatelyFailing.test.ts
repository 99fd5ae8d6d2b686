// Deliberately failing extension-host test: proves that a failure inside VS Code fails the run.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

describe('runner self-test (deliberately failing)', () => {
  it('passes: the vscode API is real', () => {
    assert.match(vscode.version, /^\d+\.\d+\.\d+/);
  });

  it('fails on purpose', () => {
    assert.equal(1 + 1, 3, 'this failure is expected: the runner must exit non-zero');
  });
});
