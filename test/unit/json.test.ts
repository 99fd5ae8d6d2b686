// The JSON compressor: lossless tables (every value kept), lossy only under a budget with every
// drop stashed and marked, claims by command/file/content, and robustness on hostile input.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { compress } from '../../src/compressors/compress';
import { json } from '../../src/compressors/json';
import { JsonNumber, JsonObject, parseJson, toJson, type JsonValue } from '../../src/compressors/json/parseJson';
import { arrayTableLayout, compactRow, isBulky, wideCellColumns, withoutColumns, type TableLayout } from '../../src/compressors/json/tableLayout';
import { formatString } from '../../src/compressors/json/textForms';
import { starPart } from '../../src/compressors/json/columnTemplates';
import { treeTableLayout } from '../../src/compressors/json/treeLayout';
import { parseCommand } from '../../src/compressors/shared/command';
import { scanMarkers } from '../../src/compressors/shared/markers';
import { sliceOriginal } from '../../src/compressors/shared/slice';
import type { CompressOptions, Draft, Engines } from '../../src/compressors/types';
import { testEngines } from '../helpers/engines';

/** Runs the JSON compressor directly and keeps what it stashes. */
function run(text: string, engines: Engines, options: CompressOptions = {}): { draft: Draft | undefined; stash: Map<string, string> } {
  const stash = new Map<string, string>();
  const lines = text.split('\n');
  const draft = json.compress({
    source: { id: '000000000000', text, lines },
    options,
    engines,
    stash(t: string) {
      const id = (stash.size + 1).toString(16).padStart(12, 'a');
      stash.set(id, t);
      return id;
    },
  });
  return { draft, stash };
}

/** Every scalar in a value, as the texts it may be written as. */
function leaves(value: JsonValue, out: string[][] = []): string[][] {
  if (value instanceof JsonObject) for (const [, v] of value.entries) leaves(v, out);
  else if (Array.isArray(value)) for (const v of value as readonly JsonValue[]) leaves(v, out);
  else if (typeof value === 'string') out.push(value.includes('\n') ? value.split('\n').filter((l) => l.trim() !== '') : [value, JSON.stringify(value)]);
  else out.push([value instanceof JsonNumber ? value.raw : String(value)]);
  return out;
}

/** Rebuilds the rows of a table from its layout alone (constants, columns with prefix/suffix, derived, sparse, blocks). */
function rebuildRows(layout: TableLayout): string[] {
  const rows: Record<string, unknown>[] = Array.from({ length: layout.rowCount }, () => ({}));
  const set = (row: Record<string, unknown>, steps: readonly (string | number)[], value: unknown) => {
    let node: Record<string, unknown> | unknown[] = row;
    steps.forEach((step, i) => {
      const last = i === steps.length - 1;
      const next = steps[i + 1];
      const holder = node as Record<string | number, unknown>;
      if (last) holder[step] = value;
      else node = (holder[step] ??= typeof next === 'number' ? [] : {}) as Record<string, unknown>;
    });
  };
  const plain = (v: JsonValue) => JSON.parse(toJson(v)) as unknown;
  for (const [name] of layout.constants) {
    const column = [...layout.columns, ...layout.sparse, ...layout.blocks, ...layout.groups.flatMap((g) => g.columns)].find((c) => c.name === name);
    assert.equal(column, undefined, `constant ${name} is also a column`);
  }
  rows.forEach((row, r) => {
    for (const c of [...layout.columns, ...layout.sparse, ...layout.blocks]) {
      const v = c.values[r];
      if (v === undefined || c.isKey) continue;
      // A cell shows only the part between prefix and suffix: putting them back must give the value.
      // A tail is the separator and the row's value of another column (written in that column's cell).
      const tail = c.tail && c.tail.sep + (typeof c.tail.from.values[r] === 'string' ? (c.tail.from.values[r] as string) : toJson(c.tail.from.values[r]!));
      const text = typeof v === 'string' ? c.prefix + starPart(c, v, r) + (tail ?? c.suffix) : undefined;
      // A dictionary column holds names: each must name exactly one of the objects written once.
      const named = c.dictionary && (v as readonly JsonValue[]).map((name) => {
        const found = c.dictionary!.items.filter((item) => item.entries.some(([k, f]) => k === c.dictionary!.keyName && toJson(f) === toJson(name)));
        assert.equal(found.length, 1, `${toJson(name)} names one object`);
        return plain(found[0]);
      });
      // A block column's short values are left out of the rows when they are all its usual value.
      const usual = c.usual !== undefined && !isBulky(v) ? plain(c.usual) : undefined;
      set(row, c.steps, usual ?? named ?? text ?? plain(v));
    }
    // Grouped columns come from the group's row with this row's value of `by` (which the row shows).
    for (const g of layout.groups) {
      const matches = g.rows.filter((gr) => gr.entries.some(([k, v]) => k === g.by.name && toJson(v) === toJson(g.by.values[r]!)));
      assert.equal(matches.length, 1, `one group row for ${toJson(g.by.values[r]!)}`);
      for (const c of g.columns) {
        const found = matches[0].entries.find(([k]) => k === c.name);
        if (found) set(row, c.steps, plain(found[1]));
      }
    }
  });
  return rows.map((row) => JSON.stringify(row));
}

describe('json compressor', () => {
  let engines: Engines;
  before(async () => {
    engines = await testEngines();
  });

  describe('parseJson', () => {
    it('keeps number literals, key order and duplicate keys', () => {
      const value = parseJson('{"id": 12345678901234567890, "b": 1.50, "a": 1e3, "2": true, "b": null}');
      assert.ok(value instanceof JsonObject);
      assert.equal(toJson(value), '{"id":12345678901234567890,"b":1.50,"a":1e3,"2":true,"b":null}');
    });

    it('decodes escapes and rejects what is not one JSON value', () => {
      assert.equal(parseJson('"a\\n\\u00e9\\ud83d\\ude00"'), 'a\né😀');
      for (const bad of ['', '{', '[1,]', '{"a":1}\n{"a":2}', 'NaN', '"\t"', "{'a':1}", '01', '[1] x']) assert.equal(parseJson(bad), undefined, bad);
    });

    it('gives up on absurd nesting instead of overflowing the stack', () => {
      assert.equal(parseJson('['.repeat(100_000) + ']'.repeat(100_000)), undefined);
      assert.ok(parseJson('['.repeat(150) + ']'.repeat(150)) !== undefined);
    });

    it('round-trips any JSON text to the same value', () => {
      fc.assert(
        fc.property(fc.json(), (text) => {
          const value = parseJson(text);
          assert.ok(value !== undefined);
          assert.deepEqual(JSON.parse(toJson(value)), JSON.parse(text));
        }),
        { numRuns: 300 },
      );
    });
  });

  describe('text forms', () => {
    it('quotes exactly the strings a reader could misread, and quoted ones parse back', () => {
      // Space of any kind at an end is invisible bare (found by seed -976577133: an ideographic space).
      for (const s of [' ', '\u3000', 'a\u2002', '\ufeffa', '\u00a0b']) assert.equal(formatString(s, 'block'), JSON.stringify(s));
      fc.assert(
        fc.property(fc.string({ unit: 'binary' }), fc.constantFrom('block', 'flow', 'cell', 'key' as const), (s, context) => {
          const shown = formatString(s, context);
          if (shown !== s) return assert.equal(JSON.parse(shown), s);
          assert.ok(s !== '' && s.trim() === s && !['true', 'false', 'null'].includes(s) && !s.startsWith('"'), s);
          assert.ok(!/^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/.test(s) && !/[\u0000-\u001f]/.test(s), s);
          assert.ok(!/^[&*]\d/.test(s), `${s} reads as an anchor or alias`);
        }),
        { numRuns: 500 },
      );
    });

    it('separates list items starting with digits without a space, others with one', () => {
      const list = (text: string) => run(JSON.stringify({ v: JSON.parse(text) as unknown, pad: 'x'.repeat(400) }), engines).draft!.text.split('\n')[1];
      assert.equal(list('[110, 134]'), 'v: [110,134]');
      assert.equal(list('["0.14.0", "1.0.0", "-1"]'), 'v: [0.14.0,1.0.0,"-1"]');
      assert.equal(list('["4.21.0", "4.22.0rc1"]'), 'v: [4.21.0,4.22.0rc1]');
      assert.equal(list('["a", "1"]'), 'v: [a, "1"]');
    });
  });

  describe('claims', () => {
    const claims = (line: string) => json.matches!(parseCommand(line));
    it('claims commands that print JSON', () => {
      for (const line of ["npm view 'express@>=4.21 <5' --json", 'npm ls --all --json', 'kubectl get pods -o json', 'kubectl get pods --output=json', 'eslint -f json .', 'npx eslint --format json src', 'pip list --format=json', 'mocha --reporter json', 'gh api repos/o/r/issues', 'jq .items', 'cargo metadata --format-version 1', 'docker inspect web']) {
        assert.ok(claims(line), line);
      }
    });
    it('leaves commands that print text', () => {
      for (const line of ['npm ls', 'kubectl get pods -o wide', 'eslint .', 'jq -r .name', 'gh pr list', 'cargo build', 'docker ps']) assert.ok(!claims(line), line);
    });
    it('claims .json files and sniffs JSON documents, not JSON lines or bracketed logs', () => {
      assert.ok(json.handlesFile!('package-lock.json'));
      assert.ok(!json.handlesFile!('app.log'));
      const sniff = (text: string) => json.sniff!({ id: '000000000000', text, lines: text.split('\n') });
      assert.ok(sniff('  {"a": [1, 2]}\n'));
      assert.ok(sniff('[{"a":1},{"a":2}]'));
      assert.ok(!sniff('{"level":30,"msg":"a"}\n{"level":30,"msg":"b"}'));
      assert.ok(!sniff('[INFO] started\n[INFO] done]'));
      assert.ok(!sniff('plain text'));
    });
  });

  describe('lossless tables', () => {
    const record = fc.record(
      {
        id: fc.integer({ min: 0, max: 10_000 }),
        name: fc.constantFrom('alpha', 'beta', 'gamma', 'delta'),
        path: fc.constantFrom('src/a.ts', 'lib/b.js', 'README.md'),
        note: fc.string({ maxLength: 30 }),
        ok: fc.boolean(),
        meta: fc.record({ size: fc.integer({ min: 0, max: 99 }), kind: fc.constantFrom('file', 'dir') }, { requiredKeys: [] }),
        tags: fc.array(fc.constantFrom('x', 'y', 'z'), { maxLength: 3 }),
        region: fc.constant('eu-west-1'),
      },
      { requiredKeys: ['id', 'region'] },
    );

    it('rebuilds every row from the layout (constants + columns + prefix/suffix + sparse + blocks)', () => {
      fc.assert(
        fc.property(fc.array(record, { minLength: 2, maxLength: 40 }), (rows) => {
          const value = parseJson(JSON.stringify(rows)) as readonly JsonValue[];
          const layout = arrayTableLayout(value);
          if (!layout) return;
          const rebuilt = rebuildRows(layout);
          const constants: Record<string, unknown> = {};
          for (const [name, v] of layout.constants) flatten(JSON.parse(toJson(v)), name, constants);
          rows.forEach((row, r) => {
            const flat = flatten(row);
            const got = { ...flatten(JSON.parse(rebuilt[r])), ...constants };
            for (const d of layout.derived) got[d.name] = derivedValue(d, flatten(JSON.parse(rebuilt[r]))[d.from.name] ?? constants[d.from.name]);
            assert.deepEqual(sortKeys(got), sortKeys(flat));
          });
        }),
        { numRuns: 300 },
      );
    });

    // Values without a shared prefix/suffix, so every one must appear as written (the layout test covers the rest).
    it('writes every value of random records somewhere in the output, and nothing is marked as cut', () => {
      fc.assert(
        fc.property(fc.array(record, { minLength: 3, maxLength: 30 }), (rows) => {
          const text = JSON.stringify(rows, null, 2);
          const { draft } = run(text, engines);
          assert.ok(draft);
          assert.equal(draft.markers!.length, 1, 'only the header marker (the whole JSON)');
          const out = draft.text;
          for (const forms of leaves(parseJson(text)!)) assert.ok(forms.some((f) => out.includes(f)), `lost ${forms[0]}`);
        }),
        { numRuns: 150 },
      );
    });

    it('hoists constant columns and prefixes: the 100-row code search keeps all rows in far fewer tokens', () => {
      const rows = codeSearch100();
      const text = JSON.stringify(rows);
      const { draft } = run(text, engines);
      assert.ok(draft);
      for (let i = 0; i < 100; i++) assert.ok(draft.text.includes(`Component${i}(`) || draft.text.includes(`Component${i}|`), `row ${i}`);
      assert.match(draft.text, /same in every row/);
      const tokens = engines.tokens.count(draft.text);
      // headroom's lossless table left 10,635 tokens here; hoisting constants alone 3,577.
      assert.ok(tokens < 3577, `${tokens} tokens`);
    });

    it('writes recurring objects of a list column once and names them in the rows', () => {
      const label = fc.record({ id: fc.integer({ min: 10, max: 10_000 }), name: fc.constantFrom('bug', 'good first issue', 'ui', '1.0', 'a, b'), color: fc.constantFrom('d73a4a', 'a2eeef'), description: fc.string({ maxLength: 20 }) });
      // Mostly a few recurring labels, sometimes a random one (whose name may clash: then no field names them all).
      const known = [
        { id: 1, name: 'bug', color: 'd73a4a', description: "Something isn't working" },
        { id: 2, name: 'good first issue', color: 'a2eeef', description: 'Good for newcomers' },
        { id: 3, name: 'a, b', color: '7057ff', description: '' },
        { id: 4, name: '1.0', color: 'fbca04', description: 'Release' },
      ];
      const someLabel = fc.oneof({ arbitrary: fc.constantFrom(...known), weight: 6 }, { arbitrary: label, weight: 1 });
      const issue = fc.record({ number: fc.integer({ min: 1, max: 999 }), title: fc.string({ maxLength: 20 }), labels: fc.array(someLabel, { maxLength: 3 }) }, { requiredKeys: ['number', 'labels'] });
      let dictionaries = 0;
      fc.assert(
        fc.property(fc.array(issue, { minLength: 2, maxLength: 30 }), (some) => {
          // One issue with two labels, so the lists are not all one object long (those spread into columns).
          const issues = [{ number: 1, labels: [known[0], known[1]] }, ...some];
          const value = parseJson(JSON.stringify(issues)) as readonly JsonValue[];
          const layout = arrayTableLayout(value);
          if (!layout) return;
          if ([...layout.columns, ...layout.sparse, ...layout.blocks].some((c) => c.dictionary)) dictionaries++;
          const rebuilt = rebuildRows(layout);
          const constants: Record<string, unknown> = {};
          for (const [name, v] of layout.constants) constants[name] = JSON.parse(toJson(v));
          issues.forEach((row, r) => assert.deepEqual({ ...JSON.parse(rebuilt[r]), ...constants }, { ...JSON.parse(JSON.stringify(row)), ...constants }));
        }),
        { numRuns: 300 },
      );
      assert.ok(dictionaries > 30, `${dictionaries} dictionaries`);
      const labels = [{ id: 1, name: 'bug', color: 'd73a4a', description: "Something isn't working" }, { id: 2, name: 'ui', color: 'a2eeef', description: 'Looks' }];
      const issues = Array.from({ length: 8 }, (_, i) => ({ number: 400 + i, title: `issue ${i}`, labels: i % 3 ? [labels[i % 2]] : labels }));
      const { draft } = run(JSON.stringify(issues, null, 2), engines);
      assert.match(draft!.text, /^labels \(rows list them by name\): 2 rows/m);
      assert.match(draft!.text, /^400\|.*\|\[bug, ui\]$/m);
      assert.equal(draft!.text.split("Something isn't working").length, 2, 'each label is written once');
      // A dictionary column that follows from another column stays a column (its objects are written once above).
      const byKind = Array.from({ length: 12 }, (_, i) => ({ number: 500 + i, kind: i % 2 ? 'bug' : 'ui', labels: i % 2 ? [labels[0]] : labels }));
      const byKindText = run(JSON.stringify(byKind), engines).draft!.text;
      assert.match(byKindText, /^labels \(rows list them by name\): 2 rows/m);
      assert.match(byKindText, /^501\|bug\|\[bug\]$/m);
      // Wide tables (rows as outlines) name them too.
      const wide = issues.map((issue, i) => ({ ...issue, ...Object.fromEntries(Array.from({ length: 18 }, (_, k) => [`f${k}`, `${k}-${i}`])) }));
      const wideText = run(JSON.stringify(wide), engines).draft!.text;
      assert.match(wideText, /^ {2}labels: \[bug, ui\]$/m);
      assert.equal(wideText.split("Something isn't working").length, 2, 'each label is written once');
    });

    it('writes columns that follow from another one once per value of it, and every row gets its own values back', () => {
      const teams = ['platform', 'payments', 'search', 'web'];
      let groups = 0;
      fc.assert(
        fc.property(fc.array(fc.record({ team: fc.constantFrom(...teams), id: fc.integer({ min: 0, max: 10_000 }), note: fc.option(fc.string({ maxLength: 6 }), { nil: undefined }) }), { minLength: 4, maxLength: 40 }), fc.boolean(), (picks, noisy) => {
          // lead and floor follow from team (the floor is absent for one team); with noise one row breaks the rule.
          const rows = picks.map((p, i) => ({ ...p, lead: `lead-of-${p.team}-with-a-long-name`, ...(p.team === 'web' ? {} : { floor: `floor ${teams.indexOf(p.team) + 3}, building north` }), ...(noisy && i === 1 ? { lead: 'someone else entirely' } : {}) }));
          const value = parseJson(JSON.stringify(rows)) as readonly JsonValue[];
          const layout = arrayTableLayout(value);
          if (!layout) return;
          if (layout.groups.length > 0) groups++;
          const rebuilt = rebuildRows(layout);
          const constants: Record<string, unknown> = {};
          for (const [name, v] of layout.constants) constants[name] = JSON.parse(toJson(v));
          rows.forEach((row, r) => {
            const got = { ...JSON.parse(rebuilt[r]), ...constants } as Record<string, unknown>;
            for (const d of layout.derived) got[d.name] = derivedValue(d, got[d.from.name]);
            assert.deepEqual(sortKeys(got), sortKeys(JSON.parse(JSON.stringify(row))));
          });
        }),
        { numRuns: 200 },
      );
      assert.ok(groups > 50, `${groups} tables with groups`);
      const rows = Array.from({ length: 12 }, (_, i) => ({ pod: `pod-${i}`, app: ['api', 'web', 'worker'][i % 3], image: `registry.invalid/shop/${['api', 'web', 'worker'][i % 3]}@sha256:${'abc'.repeat(10)}${i % 3}`, restarts: i }));
      const { draft } = run(JSON.stringify(rows), engines);
      assert.match(draft!.text, /^same in every row with the same app: 3 rows/m);
      assert.equal(draft!.text.split('registry.invalid/shop/api@').length, 2, 'each image once');
    });

    it('leaves the one short value of a block column out of the rows and says what it is', () => {
      const failure = { message: 'expected 10 to equal 14', stack: 'AssertionError: expected 10 to equal 14\n    at Context.<anonymous> (test/cart.test.js:9:119)' };
      const titles = ['adds a line', 'merges lines', 'rejects zero', 'rounds', 'sums', 'applies tax', 'removes', 'reports', 'halves', 'refuses'];
      const tests = titles.map((title, i) => ({ title, duration: i % 3, err: i % 4 === 1 ? failure : {} }));
      const value = parseJson(JSON.stringify(tests)) as readonly JsonValue[];
      const layout = arrayTableLayout(value)!;
      assert.deepEqual(layout.blocks.map((c) => [c.name, c.usual && toJson(c.usual)]), [['err', '{}']]);
      rebuildRows(layout).forEach((row, r) => assert.deepEqual(JSON.parse(row), tests[r]));
      const text = run(JSON.stringify(tests, null, 2), engines).draft!.text;
      assert.match(text, /err below its row when long, else \{\}/);
      assert.ok(!text.includes('+{err'), text);
      // With another short value somewhere, every short value is written in its row again.
      const mixed = tests.map((t, i) => (i === 2 ? { ...t, err: { code: 1 } } : t));
      const mixedText = run(JSON.stringify(mixed, null, 2), engines).draft!.text;
      assert.ok(!/else \{\}/.test(mixedText) && mixedText.includes('+{err: {}}') && mixedText.includes('+{err: {code: 1}}'), mixedText);
    });

    it('writes a column that ends with another column once as a template with a tail', () => {
      let tails = 0;
      fc.assert(
        fc.property(fc.array(fc.record({ suite: fc.constantFrom('add', 'remove', 'total', 'coupons x'), title: fc.string({ minLength: 1, maxLength: 30 }) }), { minLength: 4, maxLength: 20 }), fc.constantFrom(' ', '/', '.'), fc.nat(), (picks, sep, odd) => {
          // Now and then one row breaks the pattern (another separator).
          const rows = picks.map((p, i) => ({ title: p.title, fullTitle: `Cart ${p.suite}${odd % 5 === 0 && i === odd % picks.length ? '-' : sep}${p.title}`, ms: p.title.length }));
          const layout = arrayTableLayout(parseJson(JSON.stringify(rows)) as readonly JsonValue[]);
          if (!layout) return;
          if (layout.columns.some((c) => c.tail)) tails++;
          const rebuilt = rebuildRows(layout);
          const constants: Record<string, unknown> = {};
          for (const [name, v] of layout.constants) constants[name] = JSON.parse(toJson(v));
          rows.forEach((row, r) => {
            const got = { ...JSON.parse(rebuilt[r]), ...constants } as Record<string, unknown>;
            for (const d of layout.derived) got[d.name] = derivedValue(d, got[d.from.name]);
            assert.deepEqual(sortKeys(got), sortKeys(row));
          });
        }),
        { numRuns: 200 },
      );
      assert.ok(tails > 50, `${tails} tables with a tail`);
      const titles = ['adds a new line', 'merges quantities of the same sku', 'rejects zero quantity', 'sums lines', 'rounds to cents'];
      const tests = titles.map((title, i) => ({ title, fullTitle: `Cart ${i < 2 ? 'add' : 'total'} ${title}`, duration: i }));
      const text = run(JSON.stringify(tests), engines).draft!.text;
      assert.match(text, /^columns: title\|fullTitle=Cart \* <title>\|duration$/m);
      assert.match(text, /^merges quantities of the same sku\|add\|1$/m);
    });

    it('writes an object of strings that share a start or end once with the shared parts', () => {
      let affixed = 0;
      fc.assert(
        fc.property(fc.dictionary(fc.string({ minLength: 1, maxLength: 6 }), fc.string({ maxLength: 12 }), { minKeys: 8, maxKeys: 30 }), fc.constantFrom(['', '+00:00'], ['https://x.test/', '.tgz'], ['v', '']), (map, [prefix, suffix]) => {
          const time = Object.fromEntries(Object.entries(map).map(([k, v]) => [k, `${prefix}${v}${suffix}`]));
          const text = run(JSON.stringify({ name: 'x', time }), engines).draft!.text;
          const lines = text.split('\n');
          const at = lines.findIndex((l) => l.startsWith('time: '));
          const m = /^time: (\d+) keys, each value (.*)\*(.*) with only the \* part shown$/.exec(lines[at]);
          if (!m) return;
          affixed++;
          const keys = Object.keys(time);
          assert.equal(Number(m[1]), keys.length);
          // Each line reads back (a quoted part as a JSON string) to the whole value.
          keys.forEach((key, i) => {
            const line = lines[at + 1 + i];
            const shownKey = line.startsWith('  "') ? JSON.stringify(key) : key;
            assert.ok(line.startsWith(`  ${shownKey}: `), line);
            const part = line.slice(shownKey.length + 4);
            assert.equal(m[2] + (part.startsWith('"') ? (JSON.parse(part) as string) : part) + m[3], time[key]);
          });
        }),
        { numRuns: 150 },
      );
      assert.ok(affixed > 50, `${affixed} objects written with shared parts`);
      const time = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`1.0.${i}`, `2025-11-1${i}T18:28:56.206000+00:00`]));
      assert.match(run(JSON.stringify({ time }), engines).draft!.text, /^time: 10 keys, each value \*\+00:00 with only the \* part shown\n {2}1\.0\.0: 2025-11-10T18:28:56\.206000$/m);
    });

    it('writes a table that varies in one field as that field\'s values in row order', () => {
      const conditions = ['PodScheduled', 'Initialized', 'Ready', '1.0', 'a, b'].map((type) => ({ type, status: 'True', lastProbeTime: null }));
      const text = run(JSON.stringify({ conditions, more: conditions.map((c, i) => (i === 2 ? { status: 'True', lastProbeTime: null } : c)) }, null, 2), engines).draft!.text;
      assert.match(text, /^ {2}type in row order: \[PodScheduled, Initialized, Ready, "1\.0", "a, b"\]$/m);
      // A row without the field is written as a row.
      assert.match(text, /^more: 5 rows; empty cell = key absent\n {2}same in every row: \{status: "True", lastProbeTime: null\}\n {2}columns: type\n/m);
    });

    it('writes a long repeated string once with an anchor and then as its alias', () => {
      const digest = (app: string) => `registry.invalid/shop/${app}@sha256:${app.repeat(64).slice(0, 64)}`;
      const apps = ['api', 'api', 'web', 'api', 'web', 'worker'];
      const pods = apps.map((app, i) => ({ name: `${app}-${i}`, status: { phase: 'Running', containerStatuses: [{ imageID: digest(app), restartCount: i, state: { running: { startedAt: `2026-11-20T0${i}:00:00Z` } }, lastState: i === 3 ? { terminated: { exitCode: 1, reason: 'Error', message: 'x'.repeat(130) } } : {} }] }, ...Object.fromEntries(Array.from({ length: 18 }, (_, k) => [`f${k}`, `${k}-${'abcdef'[i]}`])) }));
      const text = run(JSON.stringify({ items: pods, note: '*1' }), engines).draft!.text;
      assert.match(text.split('\n')[0], /; \*n = the value marked &n\]$/);
      assert.match(text, /^note: "\*1"$/m);
      // Every alias follows its anchor; putting anchored values back gives each pod its own digest, in order.
      const anchors = new Map<string, string>();
      const digests: string[] = [];
      for (const line of text.split('\n')) {
        const m = /^ +- imageID: (?:&(\d+) (.*)|\*(\d+)|(.*))$/.exec(line);
        if (!m) continue;
        if (m[1]) anchors.set(m[1], m[2]);
        digests.push(m[1] ? m[2] : m[3] ? anchors.get(m[3])! : m[4]);
      }
      assert.match(text, /^ {4}status\.containerStatuses\[0\]\.imageID: registry\.invalid\/shop\/\*$/m);
      assert.deepEqual(digests.map((d) => `registry.invalid/shop/${d}`), apps.map(digest));
      assert.equal(anchors.size, 2, 'worker is written once: no anchor');
      // A string repeated in the input but written once (a constant column) gets none either.
      const constant = run(JSON.stringify(apps.map((app, i) => ({ app, i, repository_url: digest('api') }))), engines).draft!.text;
      assert.ok(!/&\d/.test(constant) && constant.includes(`repository_url: ${digest('api')}`), constant);
    });

    it('says a nested table has the same header as the one before it under the same key', () => {
      const texts = ['Unexpected var.', "'x' is not defined.", 'Expected ===.', 'Missing semicolon.'];
      const messages = (file: number) => Array.from({ length: 4 }, (_, i) => ({ ruleId: ['curly', 'no-var', 'eqeqeq', 'no-undef'][(i + file) % 4], line: i * 3 + file, endLine: i * 3 + file, message: texts[(i * 3 + file) % 4] }));
      const files = [0, 1, 2].map((f) => ({ filePath: `/repo/src/f${f}.js`, errorCount: f, messages: messages(f), source: 'x\n'.repeat(f + 1) }));
      const text = run(JSON.stringify([...files, { filePath: '/repo/a.js', errorCount: 9, messages: texts.map((message, i) => ({ ruleId: `rule-${i}`, line: i, message })), source: 'y\n' }]), engines).draft!.text;
      assert.equal(text.split('columns: ruleId|endLine|message').length, 2, text);
      assert.equal(text.split('(same header as the messages above)').length, 3, text);
      // A different header is written out again.
      assert.match(text, /^ {4}columns: line\|message$/m);
    });

    it('writes a column built from another one once, as a template', () => {
      const rows = Array.from({ length: 6 }, (_, i) => ({ number: 400 + i, html_url: `https://github.com/o/r/issues/${400 + i}`, line: i * 3, endLine: i * 3, title: `issue ${i}` }));
      const { draft } = run(JSON.stringify(rows, null, 2), engines);
      assert.match(draft!.text, /html_url: https:\/\/github\.com\/o\/r\/issues\/<number>/);
      assert.match(draft!.text, /endLine: <line>|line: <endLine>/);
      assert.ok(!draft!.text.includes('https://github.com/o/r/issues/401'), 'derived values are not repeated');
    });

    it('writes an array of rows shown in an earlier table as a reference naming each row', () => {
      fc.assert(
        fc.property(fc.uniqueArray(fc.string({ minLength: 1, maxLength: 12 }), { minLength: 2, maxLength: 12 }), fc.array(fc.nat(), { minLength: 1, maxLength: 8 }), (titles, picks) => {
          const tests = titles.map((title, i) => ({ title, duration: i % 3, speed: i % 2 ? 'fast' : 'slow' }));
          const failures = picks.map((p) => tests[p % tests.length]);
          const text = JSON.stringify({ tests, failures }, null, 2);
          const { draft } = run(text, engines);
          assert.ok(draft);
          const line = draft.text.split('\n').find((l) => l.startsWith('failures: '));
          assert.ok(line, draft.text);
          const match = /^failures: (\d+) rows?, the same as the tests rows with (\w+) \[(.*)\]$/.exec(line);
          const except = /^failures: (\d+) rows?, the same as the tests rows, in order, except those with (\w+) \[(.*)\]$/.exec(line);
          if (!match && !except) return assert.ok(!line.includes('the same as'), line);
          const [, count, key, list] = (match ?? except)!;
          assert.equal(Number(count), failures.length);
          // Each name read back (quoted ones as JSON) picks exactly one row: the listed rows, or all rows but the named ones.
          const names = flowItems(list);
          const rowOf = (name: string) => {
            const found = tests.filter((t) => String(t[key as keyof (typeof tests)[number]]) === name);
            assert.equal(found.length, 1, `${name} names one row`);
            return found[0];
          };
          const named = names.map(rowOf);
          assert.deepEqual(match ? named : tests.filter((t) => !named.includes(t)), failures);
        }),
        { numRuns: 150 },
      );
    });

    it('refers only to rows the earlier table shows, and to one table', () => {
      const tests = Array.from({ length: 40 }, (_, i) => ({ title: `test number ${i}`, state: i === 7 ? 'failed' : 'passed', duration: i % 4 }));
      const doc = { tests, failures: [tests[7]], mixed: [tests[1], { title: 'elsewhere', state: 'passed', duration: 1 }] };
      const lossless = run(JSON.stringify(doc), engines).draft!.text;
      assert.match(lossless, /^failures: 1 row, the same as the tests rows with title \[test number 7\]$/m);
      assert.ok(!/^mixed: .*the same as/m.test(lossless), lossless);
      const most = run(JSON.stringify({ tests, passes: tests.filter((t) => t.state === 'passed') }), engines).draft!.text;
      assert.match(most, /^passes: 39 rows, the same as the tests rows, in order, except those with title \[test number 7\]$/m);
      const { draft } = run(JSON.stringify({ tests, passes: tests.filter((t) => t.state === 'passed') }), engines, { budget: 150 });
      const shown = new Set([...draft!.text.matchAll(/^ *(\d+)\|/gm)].map((m) => Number(m[1])));
      const line = draft!.text.split('\n').find((l) => l.startsWith('passes: '))!;
      for (const m of line.matchAll(/test number (\d+)/g)) assert.ok(shown.has(Number(m[1])), `row ${m[1]} is referred to but not shown`);
    });

    it('writes the simple columns of a wide table in cells and the rest of each row below it, every value once', () => {
      const pod = fc.record({
        name: fc.string({ minLength: 1, maxLength: 8 }),
        phase: fc.constantFrom('Running', 'Pending', 'Failed'),
        node: fc.constantFrom('gke-pool-1', 'gke-pool-2'),
        ip: fc.option(fc.ipV4(), { nil: undefined }),
        restarts: fc.nat(20),
        fields: fc.array(fc.string({ maxLength: 5 }), { minLength: 16, maxLength: 16 }),
        hostIPs: fc.constantFrom([{ ip: '10.0.0.1' }], [{ ip: '10.0.0.2' }]),
        status: fc.record({ ready: fc.boolean(), message: fc.option(fc.string({ maxLength: 200 }), { nil: undefined }) }),
        statuses: fc.array(fc.record({ restartCount: fc.nat(9), state: fc.oneof(fc.constant({}), fc.record({ waiting: fc.record({ reason: fc.constantFrom('CrashLoopBackOff', 'ErrImagePull'), message: fc.string({ minLength: 120, maxLength: 140 }) }) })) }), { minLength: 1, maxLength: 1 }),
      });
      let split = 0;
      fc.assert(
        fc.property(fc.array(pod, { minLength: 2, maxLength: 8 }), (pods) => {
          const rows = pods.map(({ fields, ...p }) => JSON.parse(JSON.stringify({ ...p, ...Object.fromEntries(fields.map((f, k) => [`f${k}`, f])) })) as Record<string, unknown>);
          const value = parseJson(JSON.stringify(rows)) as readonly JsonValue[];
          const layout = arrayTableLayout(value);
          if (!layout || layout.columns.length <= 16) return;
          const cells = wideCellColumns(layout);
          if (cells.length < 4) return;
          split++;
          const inItems = cells.flatMap((c) => c.steps.slice(0, -1).some((s) => typeof s === 'number') ? [c] : []);
          // No one-item list is split between a cell and the outline.
          for (const c of inItems) {
            const item = c.steps.slice(0, Math.max(...c.steps.map((s, i) => (typeof s === 'number' ? i : -1))) + 1);
            for (const o of [...layout.blocks, ...layout.sparse]) assert.ok(!item.every((s, i) => o.steps[i] === s), `${c.name} shares an item with ${o.name}`);
          }
          const paths = withoutColumns(layout.rowPaths, cells);
          value.forEach((item, r) => {
            // The outline part, then the cells (prefix/suffix put back), the constants and the derived columns: the whole row.
            const row = JSON.parse(toJson(compactRow(item as JsonObject, paths))) as Record<string, unknown>;
            const put = (steps: readonly (string | number)[], v: unknown) => {
              let node = row as Record<string | number, unknown>;
              steps.forEach((step, i) => {
                if (i === steps.length - 1) node[step] = v;
                else node = (node[step] ??= typeof steps[i + 1] === 'number' ? [] : {}) as Record<string | number, unknown>;
              });
            };
            for (const c of cells) {
              const v = c.values[r];
              if (v !== undefined) put(c.steps, typeof v === 'string' ? c.prefix + starPart(c, v, r) + c.suffix : JSON.parse(toJson(v)));
            }
            for (const [name, v] of layout.constants) put(stepsOf(name), JSON.parse(toJson(v)));
            for (const d of layout.derived) put(stepsOf(d.name), derivedValue(d, JSON.parse(toJson(d.from.values[r]!))));
            assert.deepEqual(sortDeep(row), sortDeep(rows[r]));
          });
        }),
        { numRuns: 150 },
      );
      assert.ok(split > 50, `${split} split tables`);
      const rows = Array.from({ length: 4 }, (_, i) => Object.fromEntries([['name', `pod-${i}`], ['kind', 'Pod'], ...Array.from({ length: 20 }, (_, k) => [`f${k}`, `${k}-${i}`])]));
      const { draft } = run(JSON.stringify(rows), engines);
      assert.match(draft!.text, /the other fields of a row below it/);
      assert.match(draft!.text, /^pod-0\|0-0\|1-0\|/m);
      assert.match(draft!.text, /^  f19: 19-0$/m);
      assert.match(draft!.text, /same in every row: \{kind: Pod\}/);
      assert.ok(!/^  kind: Pod$/m.test(draft!.text));
    });

    it('writes each row of a wide table of nested values as an outline without the shared fields', () => {
      const rows = Array.from({ length: 4 }, (_, i) => Object.fromEntries([['name', `pod-${i}`], ['kind', 'Pod'], ...Array.from({ length: 20 }, (_, k) => [`f${k}`, [k, i]])]));
      const { draft } = run(JSON.stringify(rows), engines);
      assert.match(draft!.text, /each as "- key: value" lines/);
      assert.match(draft!.text, /^- name: pod-0$/m);
      assert.match(draft!.text, /same in every row: \{kind: Pod\}/);
      assert.ok(!/^  kind: Pod$/m.test(draft!.text));
    });

    it('writes rows holding rows of the same kind as one tree, and the tree gives back every row in place', () => {
      type Node = { version: string; flag?: boolean; note?: string; deps?: Record<string, Node> };
      const node: fc.Memo<Node> = fc.memo((n) =>
        fc.record(
          { version: fc.constantFrom('1.0.0', '2.1.3', '0.4.24'), flag: fc.constant(false), note: fc.string({ maxLength: 8 }), deps: n > 1 ? fc.dictionary(fc.constantFrom('ms', 'debug', 'qs', 'depd', 'send'), node(n - 1), { minKeys: 1, maxKeys: 3 }) : fc.constant(undefined) },
          { requiredKeys: ['version'] },
        ).map((r) => JSON.parse(JSON.stringify(r)) as Node),
      );
      let trees = 0;
      fc.assert(
        fc.property(fc.dictionary(fc.constantFrom('express', 'axios', 'lodash', 'jws'), node(4), { minKeys: 1, maxKeys: 4 }), (deps) => {
          const value = parseJson(JSON.stringify(deps)) as JsonObject;
          const layout = treeTableLayout(value);
          if (!layout) return;
          trees++;
          const tree = layout.tree!;
          // Rows come back from the layout, then nest by depth under the child key.
          const rows = rebuildRows(layout).map((r) => JSON.parse(r) as Record<string, unknown>);
          const constants: Record<string, unknown> = {};
          for (const [name, v] of layout.constants) constants[name] = JSON.parse(toJson(v));
          const root: Record<string, unknown> = {};
          const parents: Record<string, unknown>[] = [root];
          rows.forEach((row, r) => {
            const full = { ...row, ...constants };
            const parent = parents[tree.depths[r]];
            parent[layout.keys![r]] = full;
            parents[tree.depths[r] + 1] = ((full as Record<string, unknown>)[tree.childKey] = {}) as Record<string, unknown>;
          });
          const prune = (o: Record<string, unknown>) => {
            for (const v of Object.values(o)) {
              const child = (v as Record<string, unknown>)[tree.childKey] as Record<string, unknown>;
              if (Object.keys(child).length === 0) delete (v as Record<string, unknown>)[tree.childKey];
              else prune(child);
            }
          };
          prune(root);
          assert.deepEqual(sortDeep(root), sortDeep(deps));
          // In the text, each row sits two spaces deeper than its parent.
          const { draft } = run(JSON.stringify({ dependencies: deps }), engines);
          if (!/in a tree/.test(draft!.text)) return;
          const lines = draft!.text.split('\n').filter((l) => /^ +[^ ].*\|/.test(l) && !l.trimStart().startsWith('columns:'));
          assert.deepEqual(lines.map((l) => (l.length - l.trimStart().length - 2) / 2), [...tree.depths]);
        }),
        { numRuns: 150 },
      );
      assert.ok(trees > 50, `${trees} trees`);
    });

    it('leaves rows holding rows of another kind as nested tables', () => {
      const messages = Array.from({ length: 4 }, (_, i) => ({ ruleId: `rule-${i}`, severity: 1, message: `problem ${i}`, line: i, column: 2, ...(i % 2 ? { suggestions: [{ messageId: 'fixIt', desc: 'Do it', fix: { range: [i, i + 2], text: '===' } }] } : {}) }));
      assert.equal(treeTableLayout(parseJson(JSON.stringify(messages)) as readonly JsonValue[]), undefined);
    });

    it('is deterministic', () => {
      const text = JSON.stringify(codeSearch100());
      assert.equal(run(text, engines, { budget: 700, query: 'form' }).draft!.text, run(text, engines, { budget: 700, query: 'form' }).draft!.text);
    });
  });

  describe('under a budget', () => {
    it('keeps every Form row for a query about forms, and stashes the rest one row per line', () => {
      const rows = codeSearch100();
      const { draft, stash } = run(JSON.stringify(rows), engines, { budget: 800, query: 'Find all React components that use forms' });
      assert.ok(draft);
      for (let i = 2; i < 100; i += 5) assert.ok(draft.text.includes(`FormComponent${i}|`), `Form row ${i} dropped`);
      const cut = draft.markers!.find((m) => m.unit === 'rows')!;
      const lines = stash.get(cut.id)!.split('\n').slice(cut.lines![0] - 1, cut.lines![1]);
      assert.equal(lines.length, cut.count);
      const shown = [...draft.text.matchAll(/^(\d+)\|/gm)].map((m) => Number(m[1]));
      const stashed = lines.map((l) => JSON.parse(l) as { content: string });
      assert.equal(shown.length + stashed.length, 100);
      for (const row of stashed) assert.ok(!/Form/.test(row.content), 'a Form row was dropped');
    });

    it('keeps error rows and rare values, drops ordinary ones, and says how many', () => {
      const rows = Array.from({ length: 60 }, (_, i) => ({ id: i, job: `build-${i}`, status: i === 41 ? 'failed' : 'ok', ms: 100 + (i % 7), note: `step ${i} finished normally` }));
      rows[17].ms = 98_000;
      const { draft } = run(JSON.stringify(rows, null, 1), engines, { budget: 150 });
      assert.ok(draft);
      assert.match(draft.text, /^41\|41\|failed/m);
      assert.match(draft.text, /job: build-<id>/);
      assert.match(draft.text, /^17\|.*98000/m);
      assert.match(draft.text, /\(\d+ shown\)/);
      const cut = draft.markers!.find((m) => m.unit === 'rows')!;
      const shown = Number(/\((\d+) shown\)/.exec(draft.text)![1]);
      assert.equal(shown + cut.count, 60);
    });

    it('keeps rows whose error counters are above zero, and does not take a word every row shares as relevance', () => {
      const files = Array.from({ length: 30 }, (_, i) => ({ filePath: `/repo/test/file${i}.test.js`, errorCount: i === 17 ? 2 : 0, warningCount: 0, failureThreshold: 3 }));
      const { draft } = run(JSON.stringify(files), engines, { budget: 120, query: 'which test files have errors' });
      assert.match(draft!.text, /^17\|/m);
      const shown = Number(/\((\d+) shown\)/.exec(draft!.text)![1]);
      assert.ok(shown <= 6, `${shown} rows kept: "test" is in every path and says nothing`);
    });

    it('summarises deep values by their keys under a tight budget, with a marker holding the value', () => {
      const doc = { items: Array.from({ length: 8 }, (_, i) => ({ id: i, spec: { containers: [{ name: `c${(i * 5) % 8}`, image: `img:${(i * 3) % 8}`, env: Object.fromEntries(Array.from({ length: 12 + i }, (_, k) => [`VAR_${k}`, `value-${(k * 31 + i * 17) % 101}`])) }] } })) };
      const { draft, stash } = run(JSON.stringify(doc), engines, { budget: 150 });
      const elided = draft!.markers!.filter((m) => m.verb === 'elided');
      assert.ok(elided.length > 0, draft!.text);
      assert.match(draft!.text, /\{\d+ keys: [^}]+\}|\[\d+ items/);
      for (const m of elided) JSON.parse(stash.get(m.id)!.split('\n')[m.lines![0] - 1]);
    });

    it('names or counts every dropped key of a wide object', () => {
      const object = Object.fromEntries(Array.from({ length: 81 }, (_, i) => [`setting_${i}`, `value number ${i} of the configuration`]));
      const { draft, stash } = run(JSON.stringify(object, null, 2), engines, { budget: 200 });
      assert.ok(draft);
      const cut = draft.markers!.find((m) => m.unit === 'keys')!;
      const shownKeys = [...draft.text.matchAll(/^setting_(\d+):/gm)].length;
      assert.equal(shownKeys + cut.count, 81);
      const dropped = stash.get(cut.id)!.split('\n').slice(cut.lines![0] - 1, cut.lines![1]).map((l) => Object.keys(JSON.parse(l))[0]);
      assert.equal(new Set(dropped).size, cut.count);
      assert.ok(dropped.every((k) => !new RegExp(`^${k}:`, 'm').test(draft.text)));
    });

    it('shortens long strings with a marker whose stash line is the whole string', () => {
      const long = 'lorem ipsum '.repeat(400);
      const { draft, stash } = run(JSON.stringify({ title: 'x', body: long, items: Array.from({ length: 30 }, (_, i) => ({ i, body: long })) }), engines, { budget: 600 });
      assert.ok(draft);
      const cut = draft.markers!.find((m) => m.verb === 'truncated')!;
      assert.equal(JSON.parse(stash.get(cut.id)!.split('\n')[cut.lines![0] - 1]), long);
    });

    it('every marker of a budgeted output points at stash lines that exist', () => {
      fc.assert(
        fc.property(fc.array(fc.dictionary(fc.constantFrom('a', 'b', 'c', 'error', 'msg'), fc.oneof(fc.string(), fc.integer(), fc.boolean())), { minLength: 8, maxLength: 60 }), fc.integer({ min: 20, max: 400 }), (rows, budget) => {
          const { draft, stash } = run(JSON.stringify(rows), engines, { budget });
          if (!draft) return;
          for (const m of draft.markers!.slice(1)) {
            const original = stash.get(m.id);
            assert.ok(original !== undefined, 'marker without stash');
            const part = sliceOriginal(new TextEncoder().encode(original), { lines: m.lines! });
            assert.ok(part.ok);
            const lines = new TextDecoder().decode(part.bytes).split('\n').filter((l) => l !== '');
            for (const l of lines) JSON.parse(l);
          }
        }),
        { numRuns: 100 },
      );
    });
  });

  describe('through the engine', () => {
    it('never throws and never grows on hostile input', () => {
      const inputs = [
        '['.repeat(50_000) + ']'.repeat(50_000),
        '{"a":' .repeat(5_000) + '1' + '}'.repeat(5_000),
        JSON.stringify(Array.from({ length: 20_000 }, (_, i) => ({ i, s: `v${i % 13}` }))),
        '{"a": [1, 2, 3], "b": "\u0000\ud800"}',
        '[' + '"x",'.repeat(10_000) + '"y"]',
        '{"' + 'k'.repeat(100_000) + '": 1}',
      ];
      for (const input of inputs) {
        const result = compress(input, { type: 'json', budget: 300 }, engines);
        assert.ok(result.tokensAfter <= result.tokensBefore);
        for (const m of scanMarkers(result.text)) assert.ok(result.originals.some((o) => o.id === m.id), 'marker without original');
      }
    });

    it('never throws on random JSON or random text', () => {
      fc.assert(
        fc.property(fc.oneof(fc.json({ depthSize: 'large' }), fc.string({ unit: 'binary' })), fc.option(fc.integer({ min: 1, max: 500 }), { nil: undefined }), (text, budget) => {
          const result = run(text, engines, { budget });
          if (result.draft) assert.equal(typeof result.draft.text, 'string');
        }),
        { numRuns: 300 },
      );
    });

    it('keeps a short prelude before the JSON verbatim', () => {
      const body = JSON.stringify(codeSearch100().slice(0, 20), null, 2);
      const result = compress(`npm warn config production Use \`--omit=dev\` instead.\n${body}\n`, { command: 'npm ls --json' }, engines);
      assert.equal(result.compressor, 'json');
      assert.match(result.text, /^npm warn config production/);
    });
  });
});

function codeSearch100(): Record<string, unknown>[] {
  // The generator of headroom's `code_search_100` benchmark input (its README's "code search" example).
  const names = ['Button', 'Modal', 'Form', 'Table', 'Card'];
  return Array.from({ length: 100 }, (_, i) => ({
    file: `src/components/${names[i % 5]}.tsx`,
    line: 10 + i * 3,
    content: `export function ${names[i % 5]}Component${i}(props: Props) {`,
    language: 'typescript',
    repository: 'frontend-app',
    branch: 'main',
    last_modified: '2024-12-15T10:00:00Z',
    author: `dev${i % 10}@company.com`,
    match_score: 0.95 - i * 0.005,
    context: { before: ["import React from 'react';", "import { useCallback } from 'react';"], after: ['  return <div>...</div>;', '}'] },
    metadata: { size_bytes: 1500 + i * 10, encoding: 'utf-8', mime_type: 'text/typescript' },
  }));
}

function flatten(value: unknown, prefix = '', out: Record<string, unknown> = {}): Record<string, unknown> {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  } else out[prefix] = value;
  return out;
}

/** The keys and list indices of a column name (`status.hostIPs[0].ip`). */
function stepsOf(name: string): (string | number)[] {
  return name.split('.').flatMap((part) => {
    const m = /^(.*?)((?:\[\d+\])*)$/.exec(part)!;
    return [m[1], ...[...m[2].matchAll(/\d+/g)].map((d) => Number(d[0]))];
  });
}

/** A value with every object's keys sorted, for comparing values whose key order may differ. */
function sortDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortDeep);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => [k, sortDeep(v)]));
  return value;
}

function sortKeys(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => [k, JSON.stringify(v)]));
}

function textOf(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** A derived column's value from its source's (plain JSON) value: with no text around it, `<source>` is the same value, number or text. */
function derivedValue(d: { readonly prefix: string; readonly suffix: string }, source: unknown): unknown {
  return d.prefix + d.suffix === '' ? source : `${d.prefix}${textOf(source)}${d.suffix}`;
}

/** The items of a flow list's inside (`a, "b, c", d`) as strings: quoted items are JSON strings. */
function flowItems(inside: string): string[] {
  const items: string[] = [];
  let i = 0;
  while (i < inside.length) {
    if (inside[i] === '"') {
      let j = i + 1;
      while (inside[j] !== '"') j += inside[j] === '\\' ? 2 : 1;
      items.push(JSON.parse(inside.slice(i, j + 1)) as string);
      i = j + 1;
    } else {
      const end = inside.indexOf(', ', i);
      items.push(inside.slice(i, end < 0 ? inside.length : end));
      i = end < 0 ? inside.length : end;
    }
    if (inside.startsWith(', ', i)) i += 2;
  }
  return items;
}
