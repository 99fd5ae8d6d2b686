// What a person sees, checked in a real browser. First as after `npm start`: the packed extension
// installed in code-server, its status-bar item, trusting the folder, a command run from the palette.
// Then the chat view answering @headroom through the fake test model (a development host: outside one,
// the chat offers third-party models only after a Copilot sign-in). Screenshots go to .test-artifacts/.
import * as assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
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
  let runDir: string;
  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  let page: Page;

  before(async () => {
    runDir = mkdtempSync(join(tmpdir(), 'headroom-vscode-chat-'));
    const installation = await ensureInstalled(log);
    const workspace = join(runDir, 'workspace');
    cpSync(SAMPLE_WORKSPACE, workspace, { recursive: true });
    server = await startCodeServer({ installation, runDir, workspace, forTests: true, install: [FAKE_MODEL_DIR], log });
    browser = await launchBrowser(installation.chromium, runDir);
    page = await openPage(browser);
    await page.goto(workbenchUrl(server.origin, workspace, [['extensionDevelopmentPath', REPO_ROOT]]), { timeout: 60_000 });
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && page) await screenshot(page, `browser-failed-${this.currentTest.title}`).catch(() => undefined);
  });

  after(async () => {
    await browser?.close().catch(() => undefined);
    await server?.stop();
    const left = processesOfRun(runDir);
    rmSync(runDir, { recursive: true, force: true });
    assert.deepEqual(left, [], 'the chat test left processes behind');
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
    assert.match(text, /FAKE\[\d+\] read 1 message/, 'the fake model answered');
    assert.match(text, FOOTER);
    await screenshot(page, 'browser-chat');
  });
});

function screenshot(page: Page, name: string): Promise<Buffer> {
  return page.screenshot({ path: join(ARTIFACTS_DIR, `${name.replace(/\W+/g, '-')}.png`) });
}
