// gcc/clang/make: claims, declines, keeps errors with their context, attaches notes, marks build noise.
import assert from 'node:assert/strict';
import { gcc } from '../../../src/compressors/shell/gcc';
import type { Engines } from '../../../src/compressors/types';
import { testEngines } from '../../helpers/engines';
import { command, compressWith, fixture, missingLines, redeem, runAlone, source } from '../../helpers/diagnosticCases';

const WARNING = (i: number) => [`src/m${i}.c:${i}:5: warning: unused variable ‘x${i}’ [-Wunused-variable]`, `   ${i} |   int x${i};`, '      |       ^~'];

describe('gcc', () => {
  let engines: Engines;
  before(async () => { engines = await testEngines(); });

  it('claims compilers and build tools', () => {
    for (const raw of ['gcc -Wall -c a.c', 'g++ -std=c++17 x.cpp', 'clang -c a.c', 'clang++-14 a.cpp', 'make', 'make -j4 -k 2>&1 | tail -80', 'cmake --build build', 'ninja -C build', 'x86_64-linux-gnu-gcc-12 -c a.c', '/usr/bin/gcc -c a.c']) assert.ok(gcc.matches!(command(raw)), raw);
    for (const raw of ['cmake -S . -B build', 'cargo build', 'go build ./...', 'gcc-ar rcs x.a']) assert.ok(!gcc.matches!(command(raw)), raw);
  });

  it('sniffs C diagnostics only', () => {
    assert.ok(gcc.sniff!(source(fixture('gcc', 'make-gcc-warnings-errors'))));
    assert.ok(!gcc.sniff!(source(fixture('tsc', 'pretty-strict-migration'))));
    assert.ok(!gcc.sniff!(source('a.py:1:2: error: x\nb.py:3:4: error: y\n')));
  });

  it('declines output without diagnostics or build noise', () => {
    assert.equal(runAlone(gcc, '', engines), undefined);
    assert.equal(runAlone(gcc, 'make: Nothing to be done for \'all\'.\n', engines), undefined);
  });

  it('keeps every error, make\'s Error lines and the error\'s context across the real fixtures', () => {
    for (const name of ['make-gcc-warnings-errors', 'make-clang-warnings-errors', 'gpp-template-errors']) {
      const input = fixture('gcc', name);
      const result = compressWith(input, 'make -k', engines);
      assert.equal(result.compressor, 'gcc', name);
      assert.deepEqual(missingLines(input, result.text, /: (?:fatal )?error: |\] Error \d|required from here|generated\.$/), [], name);
      redeem(result);
    }
  });

  it('keeps a note with the error it explains even when warnings around it go', () => {
    const lines = [...Array.from({ length: 12 }, (_, i) => WARNING(i + 1)).flat(), 'src/a.c:3:1: error: conflicting types for ‘f’', '    3 | int f(void);', '      |     ^', 'src/a.c:1:6: note: previous declaration of ‘f’ with type ‘void(void)’', '    1 | void f(void);', '      |      ^', ...Array.from({ length: 12 }, (_, i) => WARNING(i + 20)).flat(), ''];
    const out = runAlone(gcc, lines.join('\n'), engines)!.text.split('\n');
    assert.ok(out.includes('src/a.c:1:6: note: previous declaration of ‘f’ with type ‘void(void)’'));
    assert.ok(out.includes('    1 | void f(void);'));
    assert.equal(out.filter((l) => l.includes('[-Wunused-variable]')).length, 1, 'one example of the rule beside an error');
  });

  it('marks echoed compiler commands in bulk and keeps the link error', () => {
    const lines = [...Array.from({ length: 8 }, (_, i) => `cc -O2 -Wall -c src/m${i}.c -o build/m${i}.o`), 'cc build/m0.o build/m1.o -o app', '/usr/bin/ld: build/m0.o: in function `main\':', 'm0.c:(.text+0x1e): undefined reference to `helper\'', 'collect2: error: ld returned 1 exit status', 'make: *** [Makefile:12: app] Error 1', ''];
    const result = compressWith(lines.join('\n'), 'make', engines);
    assert.equal(result.compressor, 'gcc');
    assert.ok(result.text.includes("m0.c:(.text+0x1e): undefined reference to `helper'"));
    assert.ok(result.text.includes('collect2: error: ld returned 1 exit status'));
    assert.ok(result.text.includes('make: *** [Makefile:12: app] Error 1'));
    assert.match(result.text, /omitted 8 lines L1-8: 8 compiler command lines/);
  });

  it('keeps a repeated template error\'s message, frame and `required from here`, and marks its repeated notes in place', () => {
    const input = fixture('gcc', 'gpp-template-errors');
    const result = compressWith(input, 'g++ -c report.cpp', engines);
    const text = result.text;
    for (const at of ['45:23', '98:22', '69:22']) assert.ok(text.includes(`/usr/include/c++/12/bits/predefined_ops.h:${at}: error: no match for ‘operator<’ (operand types are ‘Entry’ and ‘Entry’)`), at);
    assert.ok(text.includes('report.cpp:14:12:   required from here\n/usr/include/c++/12/bits/predefined_ops.h:98:22: error: no match for ‘operator<’ (operand types are ‘Entry’ and ‘Entry’)\n   98 |       { return __val < *__it; }\n      |                ~~~~~~^~~~~~~\n[hr:'));
    // The first of them keeps its candidate notes; the later ones' notes are one marker each.
    assert.equal(text.split('note: candidate: ‘template<class _IteratorL, class _IteratorR, class _Container>').length, 2);
    assert.equal(result.markers.filter((m) => m.detail === 'context of the diagnostic below').length, 2);
    redeem(result);
    // Different messages are no repeat: each keeps its notes.
    const two = ['a.cpp:3:5: error: no match for ‘operator<’ (operand types are ‘A’ and ‘A’)', '    3 | a < a;', '      | ~ ^ ~', ...Array.from({ length: 6 }, (_, i) => `b.h:${i}:1: note: candidate ${i}`), 'a.cpp:4:5: error: no match for ‘operator<’ (operand types are ‘B’ and ‘B’)', '    4 | b < b;', '      | ~ ^ ~', ...Array.from({ length: 6 }, (_, i) => `b.h:${i}:1: note: candidate ${i}`), ''].join('\n');
    assert.equal(runAlone(gcc, two, engines)!.text, two);
  });

  it('keeps the start of a very long note chain and marks the rest in place', () => {
    const input = fixture('gcc', 'gpp-template-errors');
    const result = compressWith(input, 'g++ -c report.cpp', engines);
    assert.ok(result.markers.some((m) => m.lines && m.detail === 'rest of the diagnostic above'));
    assert.ok(result.tokensAfter < result.tokensBefore / 2);
  });
});
