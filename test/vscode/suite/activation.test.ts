// The extension activates in a real VS Code, on startup, and activation stays cheap.
import * as assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { headroomExtension } from './helpers';

/** Generous: activate() only registers things (a few ms); loading the WASM tokenizer here would take hundreds. */
const ACTIVATION_BUDGET_MS = 250;

describe('activation', () => {
  it('activates at startup without loading the compression runtime', async () => {
    const extension = headroomExtension();
    assert.ok(extension.packageJSON.activationEvents.includes('onStartupFinished'));
    const api = await extension.activate();
    assert.equal(extension.isActive, true);
    assert.equal(api.runtimeLoaded, false, 'activation must not load the Runtime or its WASM tokenizer');
    const bundleKb = statSync(join(extension.extensionPath, extension.packageJSON.main)).size / 1024;
    console.log(`      activation: activate() took ${api.activationMs.toFixed(2)} ms in VS Code ${vscode.version}; bundle ${bundleKb.toFixed(0)} KB`);
    assert.ok(api.activationMs < ACTIVATION_BUDGET_MS, `activate() took ${api.activationMs.toFixed(1)} ms (budget ${ACTIVATION_BUDGET_MS} ms)`);
  });

  it('runs Headroom: Show Log (the status-bar item\'s command) without error', async () => {
    await headroomExtension().activate();
    await vscode.commands.executeCommand('headroom.showLog');
  });

  it('declares what it may do in Restricted Mode', () => {
    const { capabilities } = headroomExtension().packageJSON;
    assert.equal(capabilities.untrustedWorkspaces.supported, 'limited');
    assert.match(capabilities.untrustedWorkspaces.description, /\S/);
  });
});
