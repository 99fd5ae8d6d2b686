// RSpec (progress and documentation formats): what it claims, what it keeps, and when it declines.
import assert from 'node:assert/strict';
import { rspec } from '../../../src/compressors/shell/rspec';
import type { Engines } from '../../../src/compressors/types';
import { testEngines } from '../../helpers/engines';
import { assertRedeemable, colour, commandOf, compressAs, fixtureText, runCompressor, withoutIds } from '../../helpers/testRunnerCases';

describe('rspec', () => {
  let engines: Engines;
  before(async () => { engines = await testEngines(); });

  it('claims rspec and rake spec', () => {
    assert.ok(rspec.matches!(commandOf('bundle exec rspec spec/models')));
    assert.ok(rspec.matches!(commandOf('rake spec')));
    assert.ok(!rspec.matches!(commandOf('rake test')));
  });

  it('declines empty, truncated and inconsistent output', () => {
    assert.equal(runCompressor(rspec, '', engines), undefined);
    const text = fixtureText('rspec', 'documentation-failures');
    assert.equal(runCompressor(rspec, text.slice(0, text.indexOf('Finished in')), engines), undefined);
    assert.equal(runCompressor(rspec, text.replace('44 examples, 5 failures', '44 examples, 6 failures'), engines), undefined);
    assert.equal(runCompressor(rspec, text.slice(0, text.indexOf('  3) Cart.parse_sku')) + text.slice(text.indexOf('Finished in')), engines), undefined);
  });

  it('keeps every failure with its project frames, the pending list and the counts; marks the rerun lines', () => {
    const input = fixtureText('rspec', 'documentation-failures');
    const result = compressAs(input, 'rspec --format documentation', engines);
    assert.equal(result.compressor, 'rspec');
    const text = result.text;
    assert.ok(text.startsWith('  1) Cart formats line items\n     Failure/Error:'));
    for (let n = 1; n <= 5; n++) assert.ok(text.includes(`  ${n}) Cart`), `failure ${n}`);
    assert.ok(!text.includes('    sums 7 identical items'));
    assert.match(text, /the documentation tree \(37 passing examples\), timing, decoration; all 5 failures shown\]\n44 examples, 5 failures, 2 pending\n\[hr:\w+ omitted 7 lines L\d+-\d+: Failed examples: 5 rerun commands, one per failure\]$/);
    assert.ok(!text.includes('rspec ./spec/cart_spec.rb:46'));
    assertRedeemable(result, input);
    const rerun = result.markers.find((m) => m.detail?.startsWith('Failed examples:'))!;
    const lines = input.split('\n').slice(rerun.lines![0] - 1, rerun.lines![1]);
    assert.equal(lines[0], 'Failed examples:');
    assert.equal(lines.filter((l) => l.startsWith('rspec ./spec/cart_spec.rb:')).length, 5);
  });

  it('keeps the rerun list when it does not list exactly one line per failure', () => {
    const input = fixtureText('rspec', 'failures').replace('rspec ./spec/cart_spec.rb:46 # Cart.apply_coupon raises on unknown codes\n', '');
    const text = runCompressor(rspec, input, engines)!.text;
    assert.ok(text.includes('Failed examples:\n\nrspec ./spec/cart_spec.rb:51 # Cart formats line items'));
  });

  it('leaves (compared using ==), @@ lines and the source line repeating Failure/Error to the overall marker', () => {
    const text = compressAs(fixtureText('rspec', 'failures'), 'rspec', engines).text;
    assert.ok(!text.includes('(compared using ==)'));
    assert.ok(!text.includes('@@ -1,3 +1,3 @@'));
    assert.ok(text.includes('     Failure/Error: cart[:items].map { |i| "#{i[:qty]} x #{i[:price]}" }\n\n     NoMethodError:\n       undefined method `map\' for nil:NilClass\n\n     # ./lib/cart.rb:24:in `line_items\''));
    assert.ok(text.includes('       Diff:\n        :family => "ABC",\n       -:number => "0042",\n       +:number => 42,'));
    // A source line that is not the Failure/Error statement is the only place it is shown: it stays.
    const other = fixtureText('rspec', 'failures').replace('           cart[:items].map { |i| "#{i[:qty]} x #{i[:price]}" }', '           cart.fetch(:items).map { |i| i }');
    const kept = runCompressor(rspec, other, engines)!.text;
    assert.ok(kept.includes('           cart.fetch(:items).map { |i| i }\n                       ^^^^'));
  });

  it('keeps an error outside examples (a spec file that does not load)', () => {
    const input = [
      '', 'An error occurred while loading ./spec/report_spec.rb.', 'Failure/Error: require_relative "../lib/report"', '', 'LoadError:',
      '  cannot load such file -- /p/lib/report', '# ./spec/report_spec.rb:1:in `require_relative\'', '# ./spec/report_spec.rb:1:in `<top (required)>\'',
      ...Array.from({ length: 30 }, (_, i) => `# /usr/share/rubygems-integration/all/gems/rspec-core-3.12.0/lib/rspec/core/x${i}.rb:${i}:in \`load'`),
      '', '', 'Finished in 0.00005 seconds (files took 0.5 seconds to load)', '0 examples, 0 failures, 1 error occurred outside of examples', '',
    ].join('\n');
    const text = runCompressor(rspec, input, engines)!.text;
    assert.ok(text.startsWith('An error occurred while loading ./spec/report_spec.rb.'));
    assert.ok(text.includes("# ./spec/report_spec.rb:1:in `require_relative'"));
    assert.ok(!text.includes('rspec-core-3.12.0/lib/rspec/core/x7.rb'));
    assert.match(text, /no failures, the 1 error shown outside examples\]\n0 examples, 0 failures, 1 error occurred outside of examples$/);
  });

  it('counts passing progress dots', () => {
    const text = compressAs(fixtureText('rspec', 'failures'), 'rspec', engines).text;
    assert.match(text, /progress \(37 passing examples\)/);
  });

  it('reads coloured output the same as plain output', () => {
    const input = fixtureText('rspec', 'documentation-failures');
    assert.equal(withoutIds(compressAs(colour(input), 'rspec', engines).text), withoutIds(compressAs(input, 'rspec', engines).text));
  });

  it('survives pathological input', () => {
    const input = `${'.'.repeat(200000)}\n\nFailures:\n\n  1) x\n${'     # ./a.rb:1:in `x\'\n'.repeat(20000)}\nFinished in 1 second (files took 1 second to load)\n200001 examples, 1 failure\n`;
    assert.ok(runCompressor(rspec, input, engines)?.text.includes('  1) x'));
  });
});
