// find / fd path lists grouped by directory: every directory with its complete count, rare and
// notable names shown, the rest stashed behind markers that name exactly those paths.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { find } from '../../../src/compressors/shell/find';
import type { CompressContext, Engines } from '../../../src/compressors/types';
import { testEngines } from '../../helpers/engines';
import { assertRedeemable, commandOf, compressAs, fixtureText } from '../../helpers/testRunnerCases';
import { scanMarkers } from '../../../src/compressors/shared/markers';

/** Runs `find` with a stash that keeps what it is given, so markers can be checked against it. */
function run(text: string, engines: Engines, command = 'find .', query?: string) {
  const stashes = new Map<string, string>();
  const lines = text.split('\n');
  const context: CompressContext = {
    source: { id: '0123456789ab', text, lines },
    options: { command, ...(query ? { query } : {}) },
    engines,
    stash: (t) => { const id = (stashes.size + 1).toString(16).padStart(12, 'c'); stashes.set(id, t); return id; },
  };
  return { draft: find.compress(context), stashes };
}

describe('find', () => {
  let engines: Engines;
  before(async () => { engines = await testEngines(); });

  it('claims find and fd unless an action changes what a line is', () => {
    for (const c of ['find . -type f', "find src -name '*.ts' -not -path '*/node_modules/*'", 'fd -e py', 'find . | head -100']) assert.ok(find.matches!(commandOf(c)), c);
    for (const c of ['find . -exec grep -l x {} +', 'find . -printf "%s %p\\n"', 'find . -ls', 'find . -print0', 'fd -x wc -l']) assert.ok(!find.matches!(commandOf(c)), c);
  });

  it('lists every directory with its complete count, and rare names', () => {
    const input = fixtureText('find', 'type-f');
    const result = compressAs(input, 'find . -type f', engines);
    const paths = input.split('\n').filter(Boolean);
    const byDir = new Map<string, number>();
    for (const p of paths) byDir.set(p.slice(0, p.lastIndexOf('/') + 1), (byDir.get(p.slice(0, p.lastIndexOf('/') + 1)) ?? 0) + 1);
    for (const [dir, n] of byDir) assert.match(result.text, new RegExp(`^${dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(${n} files?[,:)]`, 'm'), dir);
    for (const rare of ['generate-index.sh', 'rules-cache.bin', '.env', 'deploy.sh', 'ci.yml']) assert.ok(result.text.includes(rare), rare);
    assertRedeemable(result, input);
  });

  it('property: shown names plus the items each marker holds are exactly the input paths', () => {
    const name = fc.stringMatching(/^[a-z]{1,6}(\.(js|ts|md|json|sh))?$/);
    const path = fc.tuple(fc.constantFrom('./', './src/', './src/lib/', './docs/', './a/b/c/'), name).map(([d, n]) => d + n);
    fc.assert(fc.property(fc.uniqueArray(path, { minLength: 1, maxLength: 120 }), (paths) => {
      const files = paths.filter((p) => !paths.some((q) => q.startsWith(`${p}/`)));
      const { draft, stashes } = run(files.join('\n') + '\n', engines, 'find . -type f');
      assert.ok(draft);
      const seen: string[] = [];
      for (const line of draft.text.split('\n')) {
        const m = /^(\S*\/) \((\d+) files?[^)]*\)(?:: (.*))?$/.exec(line.replace(/ \[hr:[^\]]*\]/g, ''));
        if (!m) continue;
        for (const n of (m[3] ?? '').split(' ').filter(Boolean)) seen.push(m[1] + n);
      }
      for (const marker of scanMarkers(draft.text)) {
        if (!marker.lines) continue;
        const stash = stashes.get(marker.id)!.split('\n');
        seen.push(...stash.slice(marker.lines[0] - 1, marker.lines[1]));
      }
      assert.deepEqual(seen.sort(), [...files].sort());
    }), { numRuns: 120 });
  });

  it('always shows names that match the query', () => {
    const input = Array.from({ length: 60 }, (_, i) => `./src/rules/rule-${i}.js`).join('\n') + '\n';
    const { draft } = run(input, engines, 'find . -type f', 'what does rule-42 do');
    assert.ok(draft!.text.includes('rule-42.js'));
    assert.ok(!draft!.text.includes('rule-41.js'));
  });

  it('quotes names with spaces or quotes, so a group line stays unambiguous', () => {
    const input = ["./docs/My File.md", "./docs/it's.md", ...Array.from({ length: 20 }, (_, i) => `./docs/f${i}.md`), ''].join('\n');
    const text = run(input, engines).draft!.text;
    assert.ok(text.includes("'My File.md' 'it'\\''s.md'"), text);
    assert.ok(text.startsWith('22 paths in 1 directory,'));
  });

  it('keeps error lines and declines text that is not a path list', () => {
    const input = ["find: ‘./secret’: Permission denied", ...Array.from({ length: 30 }, (_, i) => `./a/f${i}.txt`), ''].join('\n');
    assert.ok(run(input, engines).draft!.text.includes("find: ‘./secret’: Permission denied"));
    assert.equal(run('', engines).draft, undefined);
    assert.equal(run('1\t./a\n2\t./b\n', engines).draft, undefined);
    assert.doesNotThrow(() => run(`${'/'.repeat(100_000)}\n${'a/'.repeat(50_000)}\n`, engines));
  });
});
