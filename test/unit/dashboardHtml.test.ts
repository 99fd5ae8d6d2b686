import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { contentSecurityPolicy, dashboardHtml, makeNonce } from '../../src/dashboard/html';
import { ROOT } from '../helpers/engines';

describe('dashboard webview shell', () => {
  const nonce = makeNonce((n) => randomBytes(n));
  const html = dashboardHtml({ cspSource: 'https://webview.test', nonce, scriptUri: 'https://webview.test/media/dashboard.js', styleUri: 'https://webview.test/media/dashboard.css', title: 'Headroom <savings>' });

  it('allows only its own script (by nonce) and stylesheet, nothing inline, nothing remote', () => {
    const csp = contentSecurityPolicy('https://webview.test', nonce);
    assert.ok(html.includes(csp));
    assert.match(csp, /^default-src 'none'; /);
    assert.ok(!csp.includes('unsafe-inline') && !csp.includes('unsafe-eval') && !csp.includes('*'));
    assert.equal((html.match(/<script/g) ?? []).length, 1);
    assert.ok(html.includes(`<script nonce="${nonce}" src="https://webview.test/media/dashboard.js"></script>`));
    assert.ok(!/style="/.test(html) && !/ on\w+="/.test(html));
    assert.ok(html.includes('<title>Headroom &lt;savings&gt;</title>'));
  });

  it('makes a fresh 32-character nonce each time', () => {
    const other = makeNonce((n) => randomBytes(n));
    assert.match(nonce, /^[A-Za-z0-9]{32}$/);
    assert.notEqual(nonce, other);
  });

  it('draws with DOM and SVG only: the script never writes HTML from data', () => {
    const script = readFileSync(join(ROOT, 'media', 'dashboard.js'), 'utf8');
    assert.ok(!/innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(|new Function/.test(script));
    assert.ok(!/setAttribute\(\s*'style'/.test(script));
  });
});
