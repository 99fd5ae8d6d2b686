// pytest (plain, -q, -v): what it claims, what it keeps, and when it declines.
import assert from 'node:assert/strict';
import { pytest } from '../../../src/compressors/shell/pytest';
import type { Engines } from '../../../src/compressors/types';
import { testEngines } from '../../helpers/engines';
import { assertRedeemable, colour, commandOf, compressAs, fixtureText, runCompressor, withoutIds } from '../../helpers/testRunnerCases';

describe('pytest', () => {
  let engines: Engines;
  before(async () => { engines = await testEngines(); });

  it('claims pytest however it is started', () => {
    assert.ok(pytest.matches!(commandOf('pytest -x')));
    assert.ok(pytest.matches!(commandOf('python3 -m pytest tests/')));
    assert.ok(pytest.matches!(commandOf('uv run pytest -q')));
    assert.ok(pytest.matches!(commandOf('poetry run py.test')));
    assert.ok(!pytest.matches!(commandOf('python manage.py test')));
  });

  it('sniffs a run with sections and a final line, not a bare count line', () => {
    const source = (text: string) => ({ id: 'x', text, lines: text.split('\n') });
    assert.ok(pytest.sniff!(source(fixtureText('pytest', 'failures'))));
    assert.ok(!pytest.sniff!(source('3 passed in 0.1s\n')));
  });

  it('parses the -q final line without rules (the line rtk misread as "no tests collected")', () => {
    const result = compressAs(fixtureText('pytest', 'quiet-failures'), 'pytest -q', engines);
    assert.equal(result.compressor, 'pytest');
    assert.ok(result.text.endsWith('6 failed, 169 passed, 1 skipped, 1 xfailed, 1 warning in 0.44s'));
    assert.equal(result.text.match(/^FAILED tests\/test_\w+\.py::\S+$/gm)?.length, 6);
  });

  it('declines empty, truncated and inconsistent output', () => {
    assert.equal(runCompressor(pytest, '', engines), undefined);
    const text = fixtureText('pytest', 'failures');
    assert.equal(runCompressor(pytest, text.slice(0, text.indexOf('=== short test summary')), engines), undefined);
    assert.equal(runCompressor(pytest, text.replace(/6 failed, 169 passed/, '7 failed, 169 passed'), engines), undefined);
    assert.equal(runCompressor(pytest, text.replace(/ in 0\.\d+s =/, ' in a while ='), engines), undefined);
    assert.equal(runCompressor(pytest, text.replace('6 failed,', '6 exploded,'), engines), undefined);
  });

  it('keeps every failure block and the warnings; marks the header, the progress and the short summary that repeats the blocks', () => {
    const input = fixtureText('pytest', 'failures');
    const result = compressAs(input, 'pytest', engines);
    const text = result.text;
    assert.ok(text.startsWith('FAILED tests/test_cart.py::test_rounds_to_cents\n\n>       assert result == expected'));
    for (const id of ['test_cart.py::test_keeps_leading_zeros', 'test_cart.py::TestCoupons::test_tenoff', 'test_cart.py::TestCoupons::test_unknown_code_raises', 'test_cart.py::test_line_items', 'test_catalog.py::test_load_catalog_accepts_trailing_commas']) {
      assert.ok(text.includes(`\nFAILED tests/${id}\n`), id);
    }
    assert.ok(!text.includes('platform linux'));
    assert.ok(!text.includes('tests/test_inventory.py .'));
    assert.ok(text.includes('>       assert result == expected\nE       assert 0.4 == 0.39'));
    assert.ok(text.includes('DeprecationWarning: total(tax=) is deprecated'));
    assert.ok(!text.includes('_ _ _ _ _'));
    assert.match(text, /header, 169 passing tests, decoration, 16 library frame lines, 15 excerpt lines; all 6 failures shown; grep "%"\]\n\[hr:\w+ omitted 7 lines L\d+-\d+: short test summary info: one FAILED line per failure\]\n=+ 6 failed, 169 passed/);
    assert.ok(!text.includes('short test summary info ='));
    assertRedeemable(result, input);
    const marker = result.markers.find((m) => m.detail?.startsWith('short test summary'))!;
    const section = input.split('\n').slice(marker.lines![0] - 1, marker.lines![1]);
    assert.match(section[0], /^=+ short test summary info =+$/);
    assert.equal(section.filter((l) => l.startsWith('FAILED ')).length, 6);
  });

  it('keeps the short summary when it says more than the blocks or does not match them one to one', () => {
    const input = fixtureText('pytest', 'failures');
    const extra = input.replace(/^(FAILED tests\/test_cart.py::test_line_items.*)$/m, '$1\nSKIPPED [1] tests/test_tax.py:30: no legacy API');
    const text = runCompressor(pytest, extra, engines)!.text;
    assert.ok(text.includes('short test summary info'));
    assert.ok(text.includes('_____________________________ test_rounds_to_cents _____'));
    const renamed = input.replace('FAILED tests/test_cart.py::test_line_items', 'FAILED tests/test_cart.py::test_other');
    assert.ok(runCompressor(pytest, renamed, engines)!.text.includes('FAILED tests/test_cart.py::test_other'));
    const collection = compressAs(fixtureText('pytest', 'collection-error'), 'pytest', engines).text;
    assert.ok(collection.includes('=========================== short test summary info ============================\nERROR tests/test_reports.py\n'));
  });

  it('leaves the source above a `>` line to the overall marker, whole, and keeps the `>` line, the E lines and the location', () => {
    const text = compressAs(fixtureText('pytest', 'failures'), 'pytest', engines).text;
    assert.ok(text.includes('FAILED tests/test_cart.py::test_rounds_to_cents\n\n>       assert result == expected\nE       assert 0.4 == 0.39\n\ntests/test_cart.py:20: AssertionError'));
    assert.ok(!text.includes('def test_rounds_to_cents'), 'no lone `def` that would read as if the failing line came right after it');
    assert.ok(!text.includes('\n\n\n'), 'no double blank line where hidden lines were');
  });

  it('leaves stdlib entries to the overall marker but keeps their `>` and E lines, the arguments and every project entry', () => {
    const text = compressAs(fixtureText('pytest', 'failures'), 'pytest', engines).text;
    assert.ok(!text.includes('/opt/python/3.11.7/lib/python3.11/json/__init__.py:346: in loads'));
    assert.ok(!text.includes('return _default_decoder.decode(s)'));
    assert.ok(!text.includes('This can be used to decode a JSON document'));
    assert.ok(text.includes('shop/catalog.py:6: in load_catalog\n    data = json.loads(text)'));
    assert.ok(text.includes("s = '{\"items\": [1, 2,]}', idx = 0"));
    assert.ok(text.includes('>           raise JSONDecodeError("Expecting value", s, err.value) from None\nE           json.decoder.JSONDecodeError: Expecting value: line 1 column 17 (char 16)\n\n/opt/python/3.11.7/lib/python3.11/json/decoder.py:355: JSONDecodeError'));
    const collection = compressAs(fixtureText('pytest', 'collection-error'), 'pytest', engines).text;
    assert.ok(!collection.includes('importlib/__init__.py:126: in import_module'));
    assert.ok(collection.includes("tests/test_reports.py:1: in <module>\n    from shop.reports import monthly_report\nE   ModuleNotFoundError: No module named 'shop.reports'"));
  });

  it('keeps a library traceback whole when no entry of it is the project\'s own', () => {
    const block = [
      '=================================== FAILURES ===================================',
      '___________________________________ test_x ____________________________________',
      '/usr/lib/python3/dist-packages/_pytest/fixtures.py:10: in call', '    return fn()',
      '/usr/lib/python3.11/json/decoder.py:355: in raw_decode', '    raise JSONDecodeError("Expecting value", s, err.value) from None',
      'E   json.decoder.JSONDecodeError: Expecting value: line 1 column 1 (char 0)',
      '=========================== short test summary info ============================',
      'FAILED t.py::test_x - json.decoder.JSONDecodeError: Expecting value: line 1 c...',
      '============================== 1 failed in 0.10s ===============================', '',
    ].join('\n');
    const text = runCompressor(pytest, block, engines)!.text;
    assert.ok(text.includes('/usr/lib/python3/dist-packages/_pytest/fixtures.py:10: in call\n    return fn()'));
    assert.ok(text.includes('/usr/lib/python3.11/json/decoder.py:355: in raw_decode'));
  });

  it('keeps a few SKIPPED lines from -v and what tests printed among the progress', () => {
    const input = [
      '============================= test session starts ==============================',
      'platform linux -- Python 3.11.7, pytest-9.0.3, pluggy-1.6.0', 'rootdir: /p', 'collected 40 items', '',
      ...Array.from({ length: 38 }, (_, i) => `tests/test_a.py::test_${i} PASSED${' '.repeat(30)}[ ${String(i * 2).padStart(2)}%]`),
      'debug: cache warmed in 3 ms',
      `tests/test_a.py::test_skip SKIPPED (needs a GPU)${' '.repeat(20)}[ 97%]`,
      `tests/test_a.py::test_x XFAIL (known bug)${' '.repeat(26)}[100%]`, '',
      '=================== 38 passed, 1 skipped, 1 xfailed in 0.20s ===================', '',
    ].join('\n');
    const text = runCompressor(pytest, input, engines)!.text;
    assert.ok(text.includes('debug: cache warmed in 3 ms'));
    assert.ok(text.includes('test_skip SKIPPED (needs a GPU)'));
    assert.ok(text.includes('test_x XFAIL (known bug)'));
    assert.match(text, /header, 38 passing tests; no failures; grep "PASSED"\]/);
  });

  it('reads coloured output the same as plain output', () => {
    const input = fixtureText('pytest', 'verbose-failures');
    assert.equal(withoutIds(compressAs(colour(input), 'pytest -v', engines).text), withoutIds(compressAs(input, 'pytest -v', engines).text));
  });

  it('survives pathological input', () => {
    const input = `=== FAILURES ===\n${'_'.repeat(30000)} x ${'_ '.repeat(30000)}\n${'    '.repeat(20000)}x\n> boom\n=== 1 failed in 0.1s ===\n`;
    assert.doesNotThrow(() => runCompressor(pytest, input, engines));
    const dots = `${'.'.repeat(100000)} [100%]\n${'= '.repeat(10000)}\n=== 100000 passed in 9.00s ===\n`;
    assert.ok(runCompressor(pytest, dots, engines)?.text.includes('100000 passing tests'));
  });
});
