// The status-bar meter's numbers after a compression, the dashboard listing it, "view original",
// the export, and the history file that keeps it across reloads.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { fixture, writeWorkspaceFile } from './helpers';
import { headroomApi, invokeTool, waitFor } from './surfaces';

const compact = (n: number) => (n < 1000 ? String(n) : n < 1e6 ? `${(n / 1000).toFixed(n < 1e4 ? 1 : 0)}k` : `${(n / 1e6).toFixed(n < 1e7 ? 1 : 0)}M`);

describe('savings meter and dashboard', () => {
  it('the status-bar meter shows the tokens saved in this window and in total after a compression', async () => {
    const api = await headroomApi();
    await invokeTool('headroom_compress', { text: fixture('npm-install-http').text, command: 'npm install' });
    const { window, totals, bySource } = api.surfaces.ledger.summary();
    assert.ok(window.saved > 0);
    const meter = await waitFor(() => {
      const now = api.surfaces.meter();
      const expected = window.saved === totals.saved ? `$(fold) Headroom: ${compact(window.saved)} saved` : `$(fold) Headroom: ${compact(window.saved)} saved · ${compact(totals.saved)} total`;
      return now.text === expected ? now : undefined;
    }, `the meter to show ${compact(window.saved)} and ${compact(totals.saved)} (it shows "${api.surfaces.meter().text}")`);
    assert.ok(meter.tooltip.includes(`| This window | ${window.saved.toLocaleString('en-US')} |`), meter.tooltip);
    assert.ok(meter.tooltip.includes(`tools ${bySource.tools.saved.toLocaleString('en-US')}`), 'broken down by source');
    assert.match(meter.tooltip, /By compressor: .*npmInstall/);
    assert.match(meter.tooltip, /Claude Sonnet 4\.6 input prices/);
    console.log(`      meter: ${meter.text} (window ${window.saved}, total ${totals.saved} tokens)`);
  });

  it('the dashboard opens and lists the latest compression', async () => {
    const api = await headroomApi();
    await invokeTool('headroom_compress', { text: fixture('node-test-spec-failures').text, command: 'node --test' });
    const latest = api.surfaces.ledger.recent().at(-1)!;
    const drawn = new Promise<void>((resolve) => {
      const listener = api.surfaces.onDidRenderDashboard((report) => {
        if (report.entryIds[0] !== latest.id) return;
        listener.dispose();
        resolve();
      });
    });
    await vscode.commands.executeCommand('headroom.showDashboard');
    await Promise.race([drawn, new Promise((_, reject) => setTimeout(() => reject(new Error('the dashboard did not draw the latest entry within 20 s')), 20_000))]);
    const report = api.surfaces.dashboardRendered()!;
    assert.equal(report.entryIds[0], latest.id, 'newest first');
    assert.equal(report.totalSaved, api.surfaces.ledger.summary().totals.saved);
  });

  it('"view original" opens the whole input behind an entry', async () => {
    const api = await headroomApi();
    const entry = [...api.surfaces.ledger.recent()].reverse().find((e) => e.originalId)!;
    await vscode.commands.executeCommand('headroom.showOriginal', entry.originalId);
    const text = vscode.window.activeTextEditor?.document.getText();
    assert.equal(text, fixture('node-test-spec-failures').text);
  });

  it('exports the ledger as JSON and CSV, and keeps it in the history file across reloads', async () => {
    const api = await headroomApi();
    const latest = api.surfaces.ledger.recent().at(-1)!;
    const jsonUri = await writeWorkspaceFile('savings.json', '');
    const csvUri = await writeWorkspaceFile('savings.csv', '');
    await vscode.commands.executeCommand('headroom.exportStats', 'json', jsonUri);
    await vscode.commands.executeCommand('headroom.exportStats', 'csv', csvUri);
    const json = JSON.parse(readFileSync(jsonUri.fsPath, 'utf8'));
    assert.equal(json.summary.totals.saved, api.surfaces.ledger.summary().totals.saved);
    assert.equal(json.entries.at(-1).id, latest.id);
    const csv = readFileSync(csvUri.fsPath, 'utf8');
    assert.ok(csv.startsWith('id,time,source,label,compressor'));
    assert.ok(csv.includes(`${latest.id},`));
    const history = await waitFor(() => {
      const text = readFileSync(api.surfaces.historyFile, 'utf8');
      return text.includes(`"id":"${latest.id}"`) ? text : undefined;
    }, 'the entry to reach the history file');
    assert.ok(history.split('\n').filter(Boolean).every((line) => JSON.parse(line).v === 1));
  });
});
