// The Headroom dashboard webview. Receives the state from the extension (src/dashboard/protocol.ts)
// and draws it with DOM and SVG elements only: no HTML strings, no inline styles, no libraries, so the
// strict CSP holds and nothing in a label can become markup. Colours come from the VS Code theme.
// @ts-check
(function () {
  // @ts-ignore acquireVsCodeApi is provided by the webview host
  const vscode = acquireVsCodeApi();
  const app = /** @type {HTMLElement} */ (document.getElementById('app'));
  const SVG = 'http://www.w3.org/2000/svg';
  const DAYS = 30;
  const TABLE_ROWS = 200;

  /** @type {any} */
  let state;
  /** @type {Record<string, string>} */
  let t = {};
  /** Entries whose transforms are unfolded: kept open when new state redraws the table. */
  const unfolded = new Set();

  window.addEventListener('message', (event) => {
    const message = event.data;
    if (message && message.type === 'state') {
      state = message.state;
      t = state.strings;
      render();
    }
  });
  vscode.postMessage({ type: 'ready' });

  /** @param {string} tag @param {string} [className] @param {string} [text] */
  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  /** @param {number} n */
  function tokens(n) {
    return Math.round(n).toLocaleString('en-US');
  }

  /** @param {number} n */
  function compact(n) {
    if (n < 1000) return String(Math.round(n));
    if (n < 1e6) return (n / 1e3).toFixed(n < 1e4 ? 1 : 0) + 'k';
    return (n / 1e6).toFixed(n < 1e7 ? 1 : 0) + 'M';
  }

  /** @param {number} usd */
  function money(usd) {
    if (!(usd > 0)) return '$0';
    if (usd < 0.0001) return '<$0.0001';
    if (usd < 0.01) return '$' + usd.toFixed(4);
    if (usd < 1) return '$' + usd.toFixed(3);
    return '$' + usd.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  }

  /** @param {number} savedTokens */
  function worth(savedTokens) {
    return (savedTokens * state.price.input) / 1e6;
  }

  /** @param {number} usd */
  function credits(usd) {
    const c = usd / 0.01;
    return (c >= 100 ? Math.round(c).toLocaleString('en-US') : c >= 1 ? c.toFixed(1) : c.toFixed(2)) + ' ' + t.credits;
  }

  /** @param {string} label @param {string} value @param {string} [detail] */
  function card(label, value, detail) {
    const box = el('section', 'card');
    box.append(el('div', 'card-label', label), el('div', 'card-value', value));
    if (detail) box.append(el('div', 'card-detail', detail));
    return box;
  }

  /** @param {string} label @param {() => void} onClick @param {string} [className] */
  function button(label, onClick, className) {
    const b = el('button', className || 'button', label);
    b.addEventListener('click', onClick);
    return b;
  }

  function render() {
    app.replaceChildren();
    const s = state.summary;
    const header = el('header', 'header');
    const title = el('div', 'title');
    title.append(el('h1', undefined, t.title), el('p', 'subtitle', t.subtitle));
    const actions = el('div', 'actions');
    actions.append(
      button(t.refresh, () => vscode.postMessage({ type: 'refresh' }), 'button secondary'),
      button(t.exportJson, () => vscode.postMessage({ type: 'export', format: 'json' }), 'button secondary'),
      button(t.exportCsv, () => vscode.postMessage({ type: 'export', format: 'csv' }), 'button secondary'),
    );
    header.append(title, actions);
    app.append(header);

    const reduction = s.totals.tokensBefore > 0 ? Math.round((s.totals.saved / s.totals.tokensBefore) * 100) : 0;
    const cards = el('div', 'cards');
    cards.append(
      card(t.savedWindow, tokens(s.window.saved) + ' ' + t.tokens, money(worth(s.window.saved)) + ' · ' + s.window.count + ' ' + t.compressions),
      card(t.savedTotal, tokens(s.totals.saved) + ' ' + t.tokens, money(worth(s.totals.saved)) + ' · ' + credits(worth(s.totals.saved))),
      card(t.read, tokens(s.totals.tokensAfter) + ' / ' + tokens(s.totals.tokensBefore), reduction + '% ' + t.fewer),
      copilotCard(),
    );
    app.append(cards);
    app.append(el('p', 'note', t.priceNote));

    const charts = el('div', 'charts');
    charts.append(dayChart(s.byDay), barChart(t.bySource, Object.entries(s.bySource).map(([k, v]) => [state.sourceLabels[k] || k, v])), barChart(t.byCompressor, Object.entries(s.byCompressor).slice()));
    app.append(charts);
    app.append(table());
    vscode.postMessage({ type: 'rendered', entryIds: state.entries.slice(0, TABLE_ROWS).map((/** @type {any} */ e) => e.id), totalSaved: s.totals.saved });
  }

  function copilotCard() {
    const c = state.copilot;
    if (!c) return card(t.copilotTitle, '—', t.copilotHint);
    if (c.error) return card(t.copilotTitle, t.copilotUnreadable, c.error);
    const saved = worth(state.summary.totals.saved);
    const detail = tokens(c.inputTokens) + ' ' + t.input + ' (' + tokens(c.cachedInputTokens) + ' ' + t.cached + ') · ' + tokens(c.outputTokens) + ' ' + t.output + ' · ' + c.calls + ' ' + t.calls + (c.partial ? ' · ' + t.partial : '');
    const box = card(t.copilotTitle, money(c.costUsd), detail);
    if (c.costUsd > 0) box.append(el('div', 'card-detail', t.comparedTo.replace('{0}', money(saved)).replace('{1}', money(c.costUsd))));
    return box;
  }

  /** @param {Record<string, any>} byDay */
  function dayChart(byDay) {
    const box = el('section', 'chart');
    box.append(el('h2', undefined, t.perDay));
    const days = [];
    const today = new Date();
    for (let i = DAYS - 1; i >= 0; i--) {
      const d = new Date(today.getFullYear(), today.getMonth(), today.getDate() - i);
      const key = d.getFullYear() + '-' + String(d.getMonth() + 1).padStart(2, '0') + '-' + String(d.getDate()).padStart(2, '0');
      days.push({ key, saved: byDay[key] ? byDay[key].saved : 0 });
    }
    const max = Math.max(1, ...days.map((d) => d.saved));
    const width = 600;
    const height = 140;
    const gap = 2;
    const barWidth = width / DAYS - gap;
    const svg = document.createElementNS(SVG, 'svg');
    svg.setAttribute('viewBox', `0 0 ${width} ${height + 18}`);
    svg.setAttribute('role', 'img');
    svg.setAttribute('aria-label', t.perDay);
    svg.classList.add('day-chart');
    days.forEach((d, i) => {
      const h = d.saved > 0 ? Math.max(2, (d.saved / max) * height) : 0;
      const rect = document.createElementNS(SVG, 'rect');
      rect.setAttribute('x', String(i * (barWidth + gap)));
      rect.setAttribute('y', String(height - h));
      rect.setAttribute('width', String(barWidth));
      rect.setAttribute('height', String(h));
      rect.classList.add('bar');
      const tip = document.createElementNS(SVG, 'title');
      tip.textContent = d.key + ': ' + tokens(d.saved) + ' ' + t.tokens;
      rect.append(tip);
      svg.append(rect);
    });
    for (const [i, label] of [[0, days[0].key.slice(5)], [DAYS - 1, t.today]]) {
      const text = document.createElementNS(SVG, 'text');
      text.setAttribute('x', String(Number(i) * (barWidth + gap) + (i ? barWidth : 0)));
      text.setAttribute('y', String(height + 14));
      text.setAttribute('text-anchor', i ? 'end' : 'start');
      text.classList.add('axis');
      text.textContent = String(label);
      svg.append(text);
    }
    box.append(svg);
    box.append(el('div', 'chart-caption', t.max + ' ' + tokens(max === 1 && days.every((d) => !d.saved) ? 0 : max)));
    return box;
  }

  /** @param {string} heading @param {[string, any][]} rows */
  function barChart(heading, rows) {
    const box = el('section', 'chart');
    box.append(el('h2', undefined, heading));
    const sorted = rows.filter(([, v]) => v.count > 0).sort((a, b) => b[1].saved - a[1].saved).slice(0, 10);
    if (sorted.length === 0) box.append(el('p', 'empty', t.nothingYet));
    const max = Math.max(1, ...sorted.map(([, v]) => v.saved));
    for (const [name, v] of sorted) {
      const row = el('div', 'hbar');
      const label = el('span', 'hbar-label', name);
      const track = el('span', 'hbar-track');
      const fill = el('span', 'hbar-fill');
      // CSSOM, not a style attribute: allowed under the CSP without 'unsafe-inline'.
      fill.style.width = ((v.saved / max) * 100).toFixed(1) + '%';
      track.append(fill);
      const value = el('span', 'hbar-value', compact(v.saved) + ' · ' + v.count + '×');
      value.title = tokens(v.tokensBefore) + ' → ' + tokens(v.tokensAfter) + ' ' + t.tokens;
      row.append(label, track, value);
      box.append(row);
    }
    return box;
  }

  function table() {
    const box = el('section', 'recent');
    box.append(el('h2', undefined, t.recent));
    if (state.entries.length === 0) {
      box.append(el('p', 'empty', t.nothingYet));
      return box;
    }
    const tableEl = el('table', 'entries');
    const head = el('tr');
    for (const h of [t.colTime, t.colSource, t.colWhat, t.colCompressor, t.colTokens, t.colSaved, t.colCuts, '']) head.append(el('th', undefined, h));
    const thead = el('thead');
    thead.append(head);
    const tbody = el('tbody');
    for (const e of state.entries.slice(0, TABLE_ROWS)) {
      const row = el('tr', e.saved > 0 ? 'saved' : 'nothing');
      row.dataset.entryId = e.id;
      const time = new Date(e.at);
      row.append(
        el('td', 'time', time.toLocaleDateString() + ' ' + time.toLocaleTimeString()),
        el('td', undefined, state.sourceLabels[e.source] || e.source),
        what(e),
        el('td', 'mono', e.compressor),
        el('td', 'num', tokens(e.tokensBefore) + ' → ' + tokens(e.tokensAfter)),
        el('td', 'num', e.saved > 0 ? tokens(e.saved) : '0'),
        el('td', 'num', String(e.markers)),
      );
      const cell = el('td', 'row-actions');
      if (e.originalId) cell.append(button(t.viewOriginal, () => vscode.postMessage({ type: 'viewOriginal', id: e.originalId }), 'button link'));
      row.append(cell);
      tbody.append(row);
    }
    tableEl.append(thead, tbody);
    box.append(tableEl);
    return box;
  }

  /** @param {any} e */
  function what(e) {
    const cell = el('td', 'what');
    const details = el('details');
    details.open = unfolded.has(e.id);
    details.addEventListener('toggle', () => (details.open ? unfolded.add(e.id) : unfolded.delete(e.id)));
    const summary = el('summary', undefined, e.label);
    details.append(summary);
    const list = el('ul', 'transforms');
    if (e.note) list.append(el('li', 'note', e.note));
    if (e.model) list.append(el('li', undefined, t.readBy + ' ' + e.model));
    for (const transform of e.transforms) list.append(el('li', 'mono', transform));
    if (list.childElementCount === 0) list.append(el('li', undefined, t.noTransforms));
    details.append(list);
    cell.append(details);
    return cell;
  }
})();
