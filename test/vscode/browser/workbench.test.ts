// What a person sees, checked in a real browser. First as after `npm start`: the packed extension
// installed in code-server, its status-bar item, trusting the folder, a command run from the palette.
// Then the chat view answering @headroom through the fake test model (a development host: outside one,
// the chat offers third-party models only after a Copilot sign-in). Screenshots go to .test-artifacts/.
import * as assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openPage, trustWorkspace, workbenchUrl } from '../../../scripts/vscode/browser';
import { freePort, processesOfRun, startCodeServer, type CodeServer } from '../../../scripts/vscode/codeServer';
import { ARTIFACTS_DIR, FAKE_MODEL_DIR, REPO_ROOT, SAMPLE_WORKSPACE } from '../../../scripts/vscode/config';
import { ensureInstalled } from '../../../scripts/vscode/setup';
import { startForPerson, type Started } from '../../../scripts/vscode/start';

/** `Headroom: 1,234 → 56 tokens`, the participant's closing line. */
const FOOTER = /Headroom: [\d,]+ → [\d,]+ tokens/;

const log = (message: string) => console.log(`      [browser test] ${message}`);
const statusItem = (page: Page) => page.locator('#workbench\\.parts\\.statusbar .statusbar-item', { hasText: 'Headroom' }).first();

describe('the workbench in a real browser, as after npm start', function () {
  this.timeout(180_000);
  let stateDir: string;
  let started: Started | undefined;
  let browser: Browser | undefined;
  let page: Page;

  before(async () => {
    mkdirSync(ARTIFACTS_DIR, { recursive: true });
    stateDir = mkdtempSync(join(tmpdir(), 'headroom-vscode-browser-'));
    const installation = await ensureInstalled(log);
    started = await startForPerson({ port: await freePort(), stateDir, log });
    browser = await launchBrowser(installation.chromium, started.runDir);
    page = await openPage(browser);
    await page.goto(started.url, { timeout: 60_000 });
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && page) await screenshot(page, `browser-failed-${this.currentTest.title}`).catch(() => undefined);
  });

  after(async () => {
    await browser?.close().catch(() => undefined);
    await started?.stop();
    const left = started ? processesOfRun(started.runDir) : [];
    rmSync(stateDir, { recursive: true, force: true });
    assert.deepEqual(left, [], 'the browser test left processes behind');
  });

  it('shows the Headroom status-bar item', async () => {
    await statusItem(page).waitFor({ timeout: 90_000 });
    assert.match(await statusItem(page).innerText(), /Headroom/);
    await screenshot(page, 'browser-status-bar');
  });

  it('lets a person trust the sample folder (it opens in Restricted Mode)', async () => {
    await trustWorkspace(page);
  });

  it('runs "Headroom: Show Log" from the command palette', async () => {
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ timeout: 10_000 });
    await input.fill('>Headroom: Show Log');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Headroom: Show Log' }).first().waitFor({ timeout: 10_000 });
    await page.keyboard.press('Enter');
    // The Output view is a Monaco editor: its lines render spaces as no-break spaces.
    await page.locator('#workbench\\.parts\\.panel').getByText(/Headroom\s+activated\s+in/).first().waitFor({ timeout: 20_000 });
    await screenshot(page, 'browser-show-log');
  });
});

describe('the chat view in a real browser', function () {
  this.timeout(180_000);
  const session = workbenchSession('chat');
  let page: Page;
  before(() => {
    page = session.page;
  });

  it('answers @headroom typed into the chat with the model\'s reply and the token footer', async () => {
    await statusItem(page).waitFor({ timeout: 90_000 });
    await page.locator('.interactive-input-part', { hasText: 'Fake Echo' }).first().waitFor({ timeout: 30_000 });
    // The chat input is Monaco (EditContext): click it, then type like a person.
    await page.locator('.interactive-input-editor').first().click();
    await page.keyboard.type('@headroom hello from the browser test');
    await page.keyboard.press('Enter');
    const answer = page.locator('.interactive-item-container', { hasText: FOOTER }).last();
    await answer.waitFor({ timeout: 45_000 });
    const text = await answer.innerText();
    assert.match(text, /FAKE\[\d+\] read \d+ message/, 'the fake model answered');
    assert.match(text, FOOTER);
    await screenshot(page, 'browser-chat');
  });
});

describe('Headroom\'s surfaces in a real browser: a failing test run, compressed and explained', function () {
  this.timeout(240_000);

  /** 60 passing tests and 2 failing ones: a real `node --test` run in the workspace. */
  const TESTS = [
    "const test = require('node:test');",
    "const assert = require('node:assert/strict');",
    "const parsePort = (s) => { const n = Number(s); return Number.isInteger(n) && n > 0 && n < 65536 ? n : null; };",
    ...Array.from({ length: 60 }, (_, i) => `test('parsePort accepts ${1000 + i}', () => assert.equal(parsePort('${1000 + i}'), ${1000 + i}));`),
    "test('parsePort rejects 70000', () => assert.equal(parsePort('70000'), 70000));",
    "test('parsePort trims spaces', () => assert.equal(parsePort(' 8080 '), 8080));",
  ].join('\n');

  const palette = async (title: string) => {
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ timeout: 10_000 });
    await input.fill(`>${title}`);
    await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor({ timeout: 10_000 });
    await page.keyboard.press('Enter');
  };

  const session = workbenchSession('surfaces', (workspace) => writeFileSync(join(workspace, 'port.test.js'), `${TESTS}\n`));
  let page: Page;
  before(async () => {
    page = session.page;
    await statusItem(page).waitFor({ timeout: 90_000 });
  });

  it('runs the failing tests in a terminal and compresses their output with "Headroom: Compress Last Terminal Output"', async () => {
    await palette('Terminal: Create New Terminal');
    await page.locator('.terminal-wrapper.active, .terminal-wrapper').first().waitFor({ timeout: 20_000 });
    await page.waitForTimeout(3000); // the shell starts and reports shell integration
    await page.keyboard.type('node --test port.test.js');
    await page.keyboard.press('Enter');
    await page.waitForTimeout(5000);
    // Until the run has ended (later on a loaded machine) the command finds nothing to compress and says so.
    const compressed = page.locator('.tab', { hasText: 'node---test-port.test.js' }).first();
    const deadline = Date.now() + 60_000;
    do {
      await palette('Headroom: Compress Last Terminal Output');
      await compressed.waitFor({ timeout: 10_000 }).catch(() => undefined);
    } while (!(await compressed.isVisible()) && Date.now() < deadline);
    await compressed.waitFor({ timeout: 1_000 });
    // Monaco renders spaces as no-break spaces.
    const shown = (await page.locator('.monaco-editor .view-lines').first().innerText()).replace(/\u00a0/g, ' ');
    assert.match(shown, /node --test port\.test\.js\s+# exit code 1/);
    assert.match(shown, /\[hr:[0-9a-f]{12} omitted \d+ lines: \d+ passing tests/);
    for (const action of ['Copy Compressed Text', 'Ask @headroom About This', 'Show Original']) {
      await page.locator('.editor-actions .action-label[aria-label^="' + action + '"]').first().waitFor({ timeout: 10_000 });
    }
    // The notification with the savings and the three offers (headless, it lands in the notification center).
    await palette('Notifications: Show Notifications');
    const notice = page.locator('.notifications-center .notification-list-item', { hasText: /Headroom: [\d,]+ → [\d,]+ tokens \([\d,]+ saved/ }).first();
    await notice.waitFor({ timeout: 15_000 });
    for (const offer of ['Copy', 'Ask @headroom', 'Show Original']) await notice.locator('.monaco-button', { hasText: offer }).first().waitFor({ timeout: 5_000 });
    await screenshot(page, 'browser-terminal-compressed');
    await page.keyboard.press('Escape');
  });

  it('answers @headroom /terminal about the failures, ending with the savings footer', async () => {
    await page.locator('.interactive-input-part', { hasText: 'Fake Echo' }).first().waitFor({ timeout: 30_000 });
    await page.locator('.interactive-input-editor').first().click();
    await page.keyboard.type('@headroom /terminal why did the tests fail?');
    await page.keyboard.press('Enter');
    const answer = page.locator('.interactive-item-container', { hasText: FOOTER }).last();
    await answer.waitFor({ timeout: 45_000 });
    assert.match(await answer.innerText(), /\$[\d.]+ saved at/);
    await page.mouse.move(0, 0);
    await screenshot(page, 'browser-chat-footer');
  });

  it('shows the savings in the status-bar meter, with a breakdown in its tooltip', async () => {
    const meter = statusItem(page);
    await page.waitForFunction(() => /Headroom: [\d.]+k? saved/.test(document.querySelector('#workbench\\.parts\\.statusbar')?.textContent ?? ''), undefined, { timeout: 20_000 });
    assert.match(await meter.innerText(), /Headroom: [\d.]+k? saved/);
    await meter.hover();
    await page.locator('.monaco-hover', { hasText: 'Headroom token meter' }).first().waitFor({ timeout: 10_000 });
    await screenshot(page, 'browser-status-bar-meter');
  });

  it('opens the dashboard from the meter, listing what the model read', async () => {
    await page.mouse.move(700, 450);
    await page.locator('.part.panel [aria-label^="Hide Panel"], .part.panel [aria-label^="Close Panel"]').first().click({ timeout: 10_000 });
    // Room for the dashboard: hide the chat (secondary side bar) too, when the workbench offers a button for it.
    const hideChat = page.locator('.part.auxiliarybar .title-actions .codicon-close, .part.auxiliarybar [aria-label^="Hide Secondary Side Bar"], .part.auxiliarybar [aria-label^="Hide Chat"]').first();
    if (await hideChat.count()) await hideChat.click({ timeout: 5_000 }).catch(() => undefined);
    await statusItem(page).click();
    const view = page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
    await view.locator('table.entries tbody tr', { hasText: 'node --test port.test.js' }).first().waitFor({ timeout: 30_000 });
    await view.locator('.card-value').first().waitFor();
    assert.match(await view.locator('.cards').innerText(), /saved in total/i);
    await view.locator('.hbar-label', { hasText: 'nodeTest' }).first().waitFor();
    // Open the audit trail of the terminal command's compression: the transforms the engine applied.
    const row = view.locator('table.entries tbody tr', { hasText: 'terminal command' }).first();
    await row.locator('summary').click();
    await row.locator('.transforms li', { hasText: 'route:nodeTest' }).first().waitFor({ timeout: 5_000 });
    await screenshot(page, 'browser-dashboard');
  });
});

/**
 * Hooks for one describe: code-server with the development extension and the fake model, on a copy of
 * the sample workspace (`prepare` adds to it), opened in headless Chromium; afterwards everything is
 * closed and no process of the run may be left. A failed test leaves a screenshot.
 */
function workbenchSession(name: string, prepare: (workspace: string) => void = () => undefined): { readonly page: Page } {
  const session = {} as { page: Page; server?: CodeServer; browser?: Browser; runDir: string };
  before(async () => {
    session.runDir = mkdtempSync(join(tmpdir(), `headroom-vscode-${name}-`));
    const installation = await ensureInstalled(log);
    const workspace = join(session.runDir, 'workspace');
    cpSync(SAMPLE_WORKSPACE, workspace, { recursive: true });
    prepare(workspace);
    session.server = await startCodeServer({ installation, runDir: session.runDir, workspace, forTests: true, install: [FAKE_MODEL_DIR], log });
    session.browser = await launchBrowser(installation.chromium, session.runDir);
    session.page = await openPage(session.browser);
    await session.page.goto(workbenchUrl(session.server.origin, workspace, [['extensionDevelopmentPath', REPO_ROOT]]), { timeout: 60_000 });
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && session.page) await screenshot(session.page, `browser-failed-${this.currentTest.title}`).catch(() => undefined);
  });

  after(async () => {
    await session.browser?.close().catch(() => undefined);
    await session.server?.stop();
    const left = session.runDir ? processesOfRun(session.runDir) : [];
    if (session.runDir) rmSync(session.runDir, { recursive: true, force: true });
    assert.deepEqual(left, [], `the ${name} test left processes behind`);
  });
  return session;
}

function screenshot(page: Page, name: string): Promise<Buffer> {
  return page.screenshot({ path: join(ARTIFACTS_DIR, `${name.replace(/\W+/g, '-')}.png`) });
}
