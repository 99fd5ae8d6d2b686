// dotnet test (VSTest console logger, minimal and normal verbosity): claims, keeps, declines.
import assert from 'node:assert/strict';
import { dotnetTest } from '../../../src/compressors/shell/dotnetTest';
import type { Engines } from '../../../src/compressors/types';
import { testEngines } from '../../helpers/engines';
import { assertRedeemable, colour, commandOf, compressAs, fixtureText, runCompressor, withoutIds } from '../../helpers/testRunnerCases';

describe('dotnetTest', () => {
  let engines: Engines;
  before(async () => { engines = await testEngines(); });

  it('claims dotnet test only', () => {
    assert.ok(dotnetTest.matches!(commandOf('dotnet test Shop.sln --no-build')));
    assert.ok(!dotnetTest.matches!(commandOf('dotnet build')));
  });

  it('declines empty output, a build failure and a run cut before its summary', () => {
    assert.equal(runCompressor(dotnetTest, '', engines), undefined);
    const buildFailure = [
      '  Determining projects to restore...', '/work/shop/src/Shop/Cart.cs(31,9): error CS1002: ; expected [/work/shop/src/Shop/Shop.csproj]', '',
      'Build FAILED.', '', '/work/shop/src/Shop/Cart.cs(31,9): error CS1002: ; expected [/work/shop/src/Shop/Shop.csproj]', '    0 Warning(s)', '    1 Error(s)', '',
    ].join('\n');
    assert.equal(runCompressor(dotnetTest, buildFailure, engines), undefined);
    const text = fixtureText('dotnetTest', 'minimal-failures');
    assert.equal(runCompressor(dotnetTest, text.slice(0, text.indexOf('Failed!  -')), engines), undefined);
  });

  it('declines when the summary counts more failures than the blocks show', () => {
    const text = fixtureText('dotnetTest', 'normal-failures').replace('     Failed: 5', '     Failed: 6');
    assert.equal(runCompressor(dotnetTest, text, engines), undefined);
    const minimal = fixtureText('dotnetTest', 'minimal-failures').replace('Failed!  - Failed:     5', 'Failed!  - Failed:     4');
    assert.equal(runCompressor(dotnetTest, minimal, engines), undefined);
  });

  it('keeps failures with their project frames, skip lines and both summary forms', () => {
    const input = fixtureText('dotnetTest', 'normal-failures');
    const result = compressAs(input, 'dotnet test', engines);
    assert.equal(result.compressor, 'dotnetTest');
    const text = result.text;
    assert.ok(text.startsWith('  Failed Shop.Tests.CartTests.RoundsToCents [4 ms]\n  Error Message:'));
    assert.ok(!text.includes('System.RuntimeMethodHandle.InvokeMethod'));
    assert.ok(!text.includes('  Passed Shop.Tests.CartTests.SumsIdenticalItems(n: 3)'));
    assert.ok(text.includes('   at Shop.Tests.CartTests.LineItemsFormatsEachItem() in /work/shop/tests/Shop.Tests/CartTests.cs:line 60'));
    assert.match(text, /41 passing tests, 10 xUnit adapter lines, 10 frame lines; all 5 failures shown; grep " {2}Passed "\]\nTest Run Failed\.\nTotal tests: 47/);
    assertRedeemable(result, input);
    const minimal = compressAs(fixtureText('dotnetTest', 'minimal-failures'), 'dotnet test', engines).text;
    assert.ok(minimal.endsWith('Passed!  - Failed:     0, Passed:    12, Skipped:     0, Total:    12, Duration: 212 ms - Shop.IntegrationTests.dll (net8.0)'));
  });

  it('keeps build warnings printed before the tests', () => {
    const input = [
      '  Determining projects to restore...', '/work/shop/src/Shop/Order.cs(12,23): warning CS8618: Non-nullable property \'Id\' must contain a non-null value when exiting constructor. [/work/shop/src/Shop/Shop.csproj]',
      '  Shop -> /work/shop/src/Shop/bin/Debug/net8.0/Shop.dll', 'Test run for /work/shop/tests/Shop.Tests/bin/Debug/net8.0/Shop.Tests.dll (.NETCoreApp,Version=v8.0)',
      'Starting test execution, please wait...', 'A total of 1 test files matched the specified pattern.',
      ...Array.from({ length: 40 }, (_, i) => `  Passed Shop.Tests.T.Case${i} [< 1 ms]`), '',
      'Test Run Successful.', 'Total tests: 40', '     Passed: 40', ' Total time: 0.4 Seconds', '',
    ].join('\n');
    const text = runCompressor(dotnetTest, input, engines)!.text;
    assert.ok(text.startsWith('/work/shop/src/Shop/Order.cs(12,23): warning CS8618'));
    assert.match(text, /40 passing tests; no failures; grep " {2}Passed "\]\nTest Run Successful\./);
  });

  it('reads coloured output the same as plain output', () => {
    const input = fixtureText('dotnetTest', 'minimal-failures');
    assert.equal(withoutIds(compressAs(colour(input), 'dotnet test', engines).text), withoutIds(compressAs(input, 'dotnet test', engines).text));
  });

  it('survives pathological input', () => {
    const input = `  Failed X [1 ms]\n  Stack Trace:\n${'   at System.X()\n'.repeat(30000)}${' at '.repeat(40000)}\nFailed!  - Failed:     1, Passed:     0, Skipped:     0, Total:     1\nTest run for x.dll\n`;
    assert.ok(runCompressor(dotnetTest, input, engines)?.text.includes('  Failed X [1 ms]'));
  });
});
