// Headless Chromium (Debian's, never a downloaded one) driven by playwright-core: the workbench client.
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { RUN_MARKER } from './codeServer';

/**
 * --no-sandbox: Chromium's sandbox refuses to run as root (CI runs as root). The network flags stop
 * it from calling home: this machine's closed network refuses those connections, many at a time.
 */
const CHROMIUM_FLAGS = ['--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];

export class BrowserStartError extends Error {}

export async function launchBrowser(executablePath: string, runDir: string): Promise<Browser> {
  const root = process.getuid?.() === 0;
  try {
    return await chromium.launch({
      executablePath,
      headless: true,
      timeout: 30_000,
      args: [...(root ? ['--no-sandbox'] : []), ...CHROMIUM_FLAGS],
      // Crash reports go under XDG_CONFIG_HOME; the marker lets the runner find leftovers.
      env: { ...process.env, XDG_CONFIG_HOME: join(runDir, 'xdg', 'config'), [RUN_MARKER]: runDir },
    });
  } catch (error) {
    const first = (error instanceof Error ? error.message : String(error)).split('\n').find((line) => line.trim()) ?? 'unknown error';
    throw new BrowserStartError(`Chromium failed to start (${executablePath}): ${first.trim()}`);
  }
}

/** The workbench page every run uses: one size, so screenshots compare. */
export function openPage(browser: Browser): Promise<Page> {
  return browser.newPage({ viewport: { width: 1400, height: 900 } });
}

/**
 * The workbench URL for `folder`. `payload` entries (extensionDevelopmentPath, extensionTestsPath) are
 * honoured only by a server started with the smoke-test driver; paths are on the server's machine.
 */
export function workbenchUrl(origin: string, folder: string, payload: readonly (readonly [string, string])[] = []): string {
  const host = new URL(origin).host;
  const remote = (path: string) => `vscode-remote://${host}${path}`;
  const entries = payload.map(([key, value]) => [key, key.endsWith('Path') ? remote(value) : value]);
  const query = [`folder=${encodeURIComponent(folder)}`];
  if (entries.length > 0) query.push(`payload=${encodeURIComponent(JSON.stringify([...entries, ['skipWelcome', 'true']]))}`);
  return `${origin}/?${query.join('&')}`;
}

/**
 * A folder opened for the first time is in Restricted Mode: trust it the way a person does, from the
 * banner's Manage button and the Trust button of the Workspace Trust editor, then close that editor.
 * The editor re-renders while the workbench settles (its button was seen detached mid-click under CI
 * load), so each step is retried until the editor says the folder is trusted.
 */
export async function trustWorkspace(page: Page, timeoutMs = 90_000): Promise<void> {
  const editor = page.locator('.workspace-trust-editor').first();
  const trusted = page.locator('.workspace-trust-editor').getByText('You trust this folder').first();
  const deadline = Date.now() + timeoutMs;
  while (!(await trusted.isVisible())) {
    if (Date.now() > deadline) throw new Error(`the folder was not trusted within ${timeoutMs / 1000} s (Workspace Trust editor ${(await editor.isVisible()) ? 'open' : 'not open'})`);
    if (!(await editor.isVisible())) {
      // The banner's link, not the activity bar's gear (also named "Manage", and drawn before the banner).
      await page.locator('.part.banner').getByText('Manage', { exact: true }).first().click({ timeout: 10_000 }).catch(() => undefined);
      await editor.waitFor({ timeout: 10_000 }).catch(() => undefined);
    }
    await page.locator('.workspace-trust-editor .monaco-button', { hasText: /^Trust$/ }).first().click({ timeout: 5_000 }).catch(() => undefined);
    await trusted.waitFor({ timeout: 5_000 }).catch(() => undefined);
  }
  await page.locator('[aria-label^="Close Modal Editor"]').first().click({ timeout: 5_000 });
  await editor.waitFor({ state: 'hidden', timeout: 5_000 });
}
