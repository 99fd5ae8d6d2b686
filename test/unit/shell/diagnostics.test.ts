// The shared engine of the compiler and linter filters: what it keeps, groups, marks and stashes.
import assert from 'node:assert/strict';
import { type Diagnostic, messageTemplate, pythonLintSeverity, renderDiagnostics, type Scan } from '../../../src/compressors/shell/diagnostics';
import { scanMarkers } from '../../../src/compressors/shared/markers';
import type { CompressContext, Engines } from '../../../src/compressors/types';
import { testEngines } from '../../helpers/engines';
import { source } from '../../helpers/diagnosticCases';

function render(lines: string[], scan: Scan, engines: Engines) {
  const stashed = new Map<string, string>();
  const context: CompressContext = {
    source: source(lines.join('\n')),
    options: {},
    engines,
    stash(text: string) {
      const id = (stashed.size + 1).toString(16).padStart(12, 'f');
      stashed.set(id, text);
      return id;
    },
  };
  const draft = renderDiagnostics(context, scan);
  return { draft, text: draft.text, out: draft.text.split('\n'), stashed };
}

const one = (i: number, severity: 'error' | 'warning', rule: string): Diagnostic => ({ from: i, to: i + 1, head: i, severity, rule });

describe('diagnostics engine', () => {
  let engines: Engines;
  before(async () => { engines = await testEngines(); });

  function lintRun(errorEvery: number) {
    const lines: string[] = [];
    const diagnostics: Diagnostic[] = [];
    let errors = 0;
    for (let i = 0; i < 40; i++) {
      const severity = i % errorEvery === errorEvery - 1 ? 'error' : 'warning';
      if (severity === 'error') errors++;
      const rule = i % 2 === 0 ? 'no-console' : 'eqeqeq';
      lines.push(`a.ts:${i + 1}:1 ${severity} message ${i} ${rule}`);
      diagnostics.push(one(i, severity, severity === 'error' ? 'no-debugger' : rule));
    }
    lines.push(`✖ 40 problems (${errors} errors, ${40 - errors} warnings)`);
    return { lines, scan: { diagnostics, summaryAt: 40, reported: { errors, warnings: 40 - errors } } };
  }

  it('keeps every error and one warning of each rule beside them; the rest go, in order, to one stashed cut', () => {
    const { lines, scan } = lintRun(10);
    const { out, stashed, draft } = render(lines, scan, engines);
    for (const line of lines.filter((l) => l.includes(' error '))) assert.ok(out.includes(line), `error kept: ${line}`);
    assert.equal(out.filter((l) => l.includes('warning') && l.endsWith('no-console')).length, 1);
    assert.equal(out.filter((l) => l.includes('warning') && l.endsWith('eqeqeq')).length, 1);
    assert.ok(out.includes('headroom: 36 warnings in 2 rules: no-console 20, eqeqeq 16'));
    assert.equal(out.at(-1), '✖ 40 problems (4 errors, 36 warnings)');
    const marker = scanMarkers(draft.text)[0];
    assert.equal(marker.detail, '34 more warnings (past 1 per rule, or repeats), in full, in order; --grep a rule');
    const dropped = lines.filter((l) => l.includes(' warning ') && !out.includes(l));
    assert.equal(stashed.get(marker.id), dropped.join('\n'));
    assert.equal(marker.count, 34);
  });

  it('keeps up to three warnings of each rule when there is no error', () => {
    const { lines, scan } = lintRun(1000);
    const { out, draft } = render(lines, scan, engines);
    assert.equal(out.filter((l) => l.endsWith('no-console')).length, 3);
    assert.equal(out.filter((l) => l.endsWith('eqeqeq')).length, 3);
    assert.equal(scanMarkers(draft.text)[0].count, 34);
  });

  it('shows the frame of a rule\'s first warning only when no error needs the room, and stashes it in full', () => {
    const lines: string[] = [];
    const diagnostics: Diagnostic[] = [];
    const warning = (i: number) => {
      diagnostics.push({ from: lines.length, to: lines.length + 3, head: lines.length, severity: 'warning', rule: 'W1' });
      lines.push(`a.c:${i}:1: warning: unused x${i} [W1]`, `  ${i} | int x${i};`, '    |     ^');
    };
    for (let i = 1; i <= 4; i++) warning(i);
    const alone = render(lines, { diagnostics }, engines);
    assert.ok(alone.out.includes('  1 | int x1;'), 'frame of the first example');
    diagnostics.push(one(lines.length, 'error', 'E1'));
    lines.push('a.c:9:1: error: broken');
    const beside = render(lines, { diagnostics }, engines);
    assert.ok(beside.out.includes('a.c:1:1: warning: unused x1 [W1]'));
    assert.ok(!beside.out.includes('  1 | int x1;'), 'no warning frame beside an error');
    assert.ok(beside.out.includes('a.c:9:1: error: broken'));
    const marker = scanMarkers(beside.text)[0];
    assert.match(marker.detail ?? '', /^3 more warnings .* \+ 1 shortened above, in full/);
    assert.equal(beside.stashed.get(marker.id), lines.slice(0, 12).join('\n'));
  });

  it('keeps a lone warning\'s frame beside an error when nothing else is grouped (no cut that saves nothing)', () => {
    const lines = ['a.c:1:1: warning: unused x [W1]', '  1 | int x;', '    |     ^', 'a.c:9:1: error: broken'];
    const diagnostics: Diagnostic[] = [{ from: 0, to: 3, head: 0, severity: 'warning', rule: 'W1' }, one(3, 'error', 'E1')];
    const { text, draft } = render(lines, { diagnostics }, engines);
    assert.equal(text, lines.join('\n'));
    assert.equal(draft.markers?.length, 0);
  });

  it('never shows a warning\'s boilerplate lines in an example; they stay in the stashed block', () => {
    const lines: string[] = [];
    const diagnostics: Diagnostic[] = [];
    for (let i = 1; i <= 5; i++) {
      const from = lines.length;
      lines.push(`warning: unused variable: \`x${i}\``, `  --> src/a.rs:${i}:9`, '   |', `${i}  |     let x${i} = 1;`, '   |         ^^ help: prefix it with an underscore', '   |', '   = note: `#[warn(unused_variables)]` on by default', '');
      diagnostics.push({ from, to: from + 7, head: from, messageEnd: from + 2, severity: 'warning', rule: 'unused', quiet: [from + 5, from + 6] });
    }
    const { out, stashed, draft } = render(lines, { diagnostics }, engines);
    assert.ok(out.includes('   |         ^^ help: prefix it with an underscore'));
    assert.ok(!out.some((l) => l.includes('on by default')));
    const marker = scanMarkers(draft.text).at(-1)!;
    assert.ok(stashed.get(marker.id)?.includes('   = note: `#[warn(unused_variables)]` on by default'));
  });

  it('leaves the per-rule count line out when the tool printed its own statistics', () => {
    const { lines, scan } = lintRun(1000);
    const { out } = render(lines, { ...scan, rulesCounted: true }, engines);
    assert.ok(!out.some((l) => l.startsWith('headroom:')));
    assert.equal(out.filter((l) => l.startsWith('[hr:')).length, 1);
  });

  it('shows at most six warning examples beside errors, and still names every rule with its count', () => {
    const lines: string[] = [];
    const diagnostics: Diagnostic[] = [];
    for (let r = 0; r < 10; r++) for (let k = 0; k < 2; k++) {
      diagnostics.push(one(lines.length, 'warning', `W${r}`));
      lines.push(`a.c:${r}${k}:1: warning: thing ${r}.${k} [W${r}]`);
    }
    diagnostics.push(one(lines.length, 'error', 'E1'));
    lines.push('a.c:99:1: error: broken');
    const { out, stashed, draft } = render(lines, { diagnostics }, engines);
    assert.equal(out.filter((l) => l.includes(': warning: ')).length, 6);
    assert.ok(out.includes('a.c:99:1: error: broken'));
    const counts = out.find((l) => l.startsWith('headroom: 20 warnings in 10 rules: '))!;
    for (let r = 0; r < 10; r++) assert.ok(counts.includes(`W${r} 2`), `W${r} named`);
    const marker = scanMarkers(draft.text)[0];
    assert.equal(marker.detail, '14 more warnings (past 6 examples beside errors, or repeats), in full, in order; --grep a rule');
    assert.equal(stashed.get(marker.id)?.split('\n').length, 14);
    // Without an error, every rule keeps its examples.
    const alone = render(lines.slice(0, 20), { diagnostics: diagnostics.slice(0, 20) }, engines);
    assert.equal(alone.out.filter((l) => l.includes(': warning: ')).length, 10);
  });

  it('treats a failed run without error diagnostics like errors: one warning of each rule', () => {
    const { lines, scan } = lintRun(1000);
    const { out } = render(lines, { ...scan, failed: true }, engines);
    assert.equal(out.filter((l) => l.endsWith('no-console')).length, 1);
  });

  it('keeps every warning when its counts disagree with the tool\'s', () => {
    const lines = Array.from({ length: 30 }, (_, i) => `w${i}: warning [-Wunused]`);
    const diagnostics = lines.map((_, i) => one(i, 'warning', '-Wunused'));
    const { text, draft } = render(lines, { diagnostics, reported: { warnings: 31 } }, engines);
    assert.equal(text, lines.join('\n'));
    assert.ok(draft.transforms?.some((t) => t.step === 'counts'));
  });

  it('never hides an error inside a dropped warning block', () => {
    const lines = ['warning: a', '  frame', 'warning: a', 'error: inside', 'warning: a', 'warning: a', 'warning: a'];
    const diagnostics: Diagnostic[] = [one(0, 'warning', 'a'), { from: 2, to: 4, head: 2, severity: 'warning', rule: 'a' }, one(3, 'error', 'x'), one(4, 'warning', 'a'), one(5, 'warning', 'a'), one(6, 'warning', 'a')];
    const { out } = render(lines, { diagnostics }, engines);
    assert.ok(out.includes('error: inside'));
  });

  it('marks noise in bulk with its line range, and keeps a lone noise line', () => {
    const lines = ['   Compiling a v1', 'error[E1]: x', '   Compiling b v1', '   Compiling c v1', '   Compiling d v1', '   Compiling e v1', 'done'];
    const noise = new Map([0, 2, 3, 4, 5].map((i) => [i, 'Compiling lines'] as const));
    const { out, draft } = render(lines, { diagnostics: [one(1, 'error', 'E1')], noise }, engines);
    assert.equal(out[0], '   Compiling a v1');
    const marker = scanMarkers(draft.text)[0];
    assert.deepEqual(marker.lines, [3, 6]);
    assert.equal(marker.detail, '4 Compiling lines');
  });

  it('drops a group title with nothing kept under it and stashes it with its warnings', () => {
    const lines = ['/p/a.ts', '  1:1  warning  x  r', '  2:1  warning  x  r', '  3:1  warning  x  r', '', '/p/b.ts', '  1:1  warning  x  r', '  2:1  warning  x  r', ''];
    const diagnostics = [1, 2, 3, 6, 7].map((i) => one(i, 'warning', 'r'));
    const headers = [{ line: 0, end: 4 }, { line: 5, end: 8 }];
    const { out, stashed } = render(lines, { diagnostics, headers }, engines);
    assert.ok(!out.includes('/p/b.ts'));
    assert.equal([...stashed.values()][0], ['/p/b.ts', '  1:1  warning  x  r', '  2:1  warning  x  r'].join('\n'));
  });

  it('keeps the message of errors past the frame budget and stashes their frames', () => {
    const lines: string[] = [];
    const diagnostics: Diagnostic[] = [];
    for (let i = 0; i < 30; i++) {
      const rule = i === 20 ? 'TS2322' : 'TS7006';
      diagnostics.push({ from: lines.length, to: lines.length + 3, head: lines.length, severity: 'error', rule });
      lines.push(`a.ts:${i}:1 - error ${rule}: Parameter 'p${i}' implicitly has an 'any' type.`, '', `${i} function f(p${i}) {}`);
      lines.push('');
    }
    const { out, stashed, draft } = render(lines, { diagnostics }, engines);
    for (let i = 0; i < 30; i++) assert.ok(out.some((l) => l.startsWith(`a.ts:${i}:1 - error TS`)));
    assert.ok(out.includes('4 function f(p4) {}'), 'the first five errors keep their frames');
    assert.ok(!out.includes('5 function f(p5) {}'), 'a later error of a code already framed three times does not');
    assert.ok(out.includes('20 function f(p20) {}'), 'the first error of another code does');
    assert.ok([...stashed.values()][0].includes('5 function f(p5) {}'));
    assert.match(scanMarkers(draft.text)[0].detail ?? '', /frames of 24 later errors/);
  });

  it('masks names and numbers in message templates', () => {
    assert.equal(messageTemplate('unused variable: `count`'), 'unused variable: `…`');
    assert.equal(messageTemplate("‘clamp’ defined but not used"), '‘…’ defined but not used');
    assert.equal(messageTemplate('Parameter "x" at 12'), 'Parameter "…" at #');
  });

  it('treats only syntax errors, undefined names and invalid statements as Python lint errors', () => {
    for (const code of ['E999', 'F821', 'F632', 'F706', 'invalid-syntax']) assert.equal(pythonLintSeverity(code), 'error', code);
    for (const code of ['E501', 'F401', 'W291', 'UP006', 'I001', 'B007']) assert.equal(pythonLintSeverity(code), 'warning', code);
  });
});
