// Minitest (plain and -v, via ruby or rake): what it claims, what it keeps, and when it declines.
import assert from 'node:assert/strict';
import { minitest } from '../../../src/compressors/shell/minitest';
import type { Engines } from '../../../src/compressors/types';
import { testEngines } from '../../helpers/engines';
import { assertRedeemable, colour, commandOf, compressAs, fixtureText, runCompressor, withoutIds } from '../../helpers/testRunnerCases';

describe('minitest', () => {
  let engines: Engines;
  before(async () => { engines = await testEngines(); });

  it('claims ruby test files, rake test and rails test', () => {
    assert.ok(minitest.matches!(commandOf('ruby -Itest test/cart_test.rb')));
    assert.ok(minitest.matches!(commandOf('bundle exec rake test')));
    assert.ok(minitest.matches!(commandOf('bin/rails test:models')));
    assert.ok(!minitest.matches!(commandOf('ruby script.rb')));
    assert.ok(!minitest.matches!(commandOf('rake db:migrate')));
  });

  it('declines empty, truncated and inconsistent output', () => {
    assert.equal(runCompressor(minitest, '', engines), undefined);
    const text = fixtureText('minitest', 'rake-verbose-failures');
    assert.equal(runCompressor(minitest, text.slice(0, text.indexOf('84 runs')), engines), undefined);
    assert.equal(runCompressor(minitest, text.replace('3 failures, 1 errors', '4 failures, 1 errors'), engines), undefined);
    assert.equal(runCompressor(minitest, text.replace('  3) Failure:', '  7) Failure:'), engines), undefined);
  });

  it('keeps every failure and error, the skip reason, the counts and rake\'s verdict', () => {
    const input = fixtureText('minitest', 'rake-verbose-failures');
    const result = compressAs(input, 'rake test TESTOPTS=-v', engines);
    assert.equal(result.compressor, 'minitest');
    const text = result.text;
    assert.ok(text.startsWith('  2) Failure:\nSkuTest#test_keeps_leading_zeros'));
    assert.ok(!text.includes(' = 0.00 s = .'));
    assert.ok(text.includes("    /srv/demo/ruby-shop/lib/cart.rb:24:in `line_items'"));
    assert.match(text, /run options, 79 passing tests, timing, @@ lines, 2 hints, 2 excerpt lines; 3 failures and 1 error, all shown, skips with their reason; grep " = \."\]\n84 runs/);
    // error_highlight's source line and carets: the project frame under them says where that line is.
    assert.ok(!text.includes('    cart[:items].map { |i| "#{i[:qty]} x #{i[:price]}" }'));
    assert.ok(text.includes("NoMethodError: undefined method `map' for nil:NilClass\n\n    /srv/demo/ruby-shop/lib/cart.rb:24:in `line_items'"));
    assert.ok(text.endsWith('84 runs, 82 assertions, 3 failures, 1 errors, 1 skips\nrake aborted!\nCommand failed with status (1)'));
    assert.ok(text.includes('--- expected\n+++ actual\n-{:family=>"ABC", :number=>"0042"}\n+{:family=>"ABC", :number=>42}'));
    assertRedeemable(result, input);
  });

  it('keeps an error_highlight excerpt when no project frame follows it', () => {
    const input = fixtureText('minitest', 'rake-failures').replace("    /srv/demo/ruby-shop/lib/cart.rb:24:in `line_items'\n    /srv/demo/ruby-shop/test/cart_test.rb:36:in `test_line_items'\n", '');
    const text = runCompressor(minitest, input, engines)!.text;
    assert.ok(text.includes('    cart[:items].map { |i| "#{i[:qty]} x #{i[:price]}" }\n                ^^^^'));
  });

  it('keeps a line after the counts that is no known hint', () => {
    const input = fixtureText('minitest', 'rake-failures').replace('Tasks: TOP => test', 'Tasks: TOP => test\nCoverage report written to coverage/index.html');
    const text = runCompressor(minitest, input, engines)!.text;
    assert.ok(text.includes('Coverage report written to coverage/index.html'));
    assert.ok(!text.includes('Tasks: TOP => test'));
  });

  it('keeps what the tests printed and leaves out gem frames', () => {
    const input = [
      'Run options: --seed 1', '', '# Running:', '', 'DEPRECATION WARNING: foo is deprecated', '.'.repeat(60) + 'E', '',
      'Finished in 0.01s, 100 runs/s, 100 assertions/s.', '', '  1) Error:', 'ATest#test_x:', 'RuntimeError: boom',
      '    app/models/a.rb:3:in `x\'', ...Array.from({ length: 12 }, (_, i) => `    /usr/lib/ruby/gems/3.1.0/gems/activesupport-7.1.0/lib/x${i}.rb:${i}:in \`run'`), '',
      '61 runs, 60 assertions, 0 failures, 1 errors, 0 skips', '',
    ].join('\n');
    const text = runCompressor(minitest, input, engines)!.text;
    assert.ok(text.startsWith('DEPRECATION WARNING: foo is deprecated'));
    assert.ok(text.includes("    app/models/a.rb:3:in `x'"));
    assert.ok(!text.includes('activesupport-7.1.0/lib/x5.rb'));
    assert.match(text, /run options, 60 passing tests, timing, 12 frame lines; 0 failures and 1 error, all shown\]/);
  });

  it('reads coloured output the same as plain output', () => {
    const input = fixtureText('minitest', 'rake-verbose-failures');
    assert.equal(withoutIds(compressAs(colour(input), 'rake test', engines).text), withoutIds(compressAs(input, 'rake test', engines).text));
  });

  it('survives pathological input', () => {
    const input = `# Running:\n\n${'.'.repeat(300000)}\n\n  1) Failure:\n${'    x.rb:1:in `'.repeat(10000)}\n1 runs, 1 assertions, 1 failures, 0 errors, 0 skips\n`;
    assert.ok(runCompressor(minitest, input, engines)?.text.includes('  1) Failure:'));
  });
});
