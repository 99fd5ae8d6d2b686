import assert from 'node:assert/strict';
import fc from 'fast-check';
import { renderTerminal } from '../../src/compressors/shared/terminal';

describe('terminal rendering', () => {
  it('removes colour, OSC and hyperlink escapes', () => {
    const raw = '\x1b[1;31merror\x1b[0m: \x1b]8;;file:///a.ts\x1b\\a.ts\x1b]8;;\x1b\\ failed\x1b]633;D;1\x07';
    const out = renderTerminal(raw);
    assert.equal(out.text, 'error: a.ts failed');
    assert.equal(out.escapesRemoved, 5);
  });

  it('shows carriage-return progress as its last frame, like a terminal', () => {
    assert.equal(renderTerminal('Downloading  10%\rDownloading  55%\rDownloading 100%\ndone').text, 'Downloading 100%\ndone');
    assert.equal(renderTerminal('abcdef\rXY').text, 'XYcdef');
    assert.equal(renderTerminal('abc\b\bZ').text, 'aZc');
  });

  it('treats CRLF as a plain line end and never changes the number of lines', () => {
    fc.assert(fc.property(fc.string(), (s) => {
      assert.equal(renderTerminal(s).text.split('\n').length, s.split('\n').length);
    }));
    assert.equal(renderTerminal('a\r\nb\r\n').text, 'a\nb\n');
  });

  it('is linear on unterminated escape sequences', () => {
    const evil = '\x1b]'.repeat(50000) + '\x1bP'.repeat(50000);
    assert.ok(renderTerminal(evil).text.length < evil.length);
  });
});
