// Our counts must equal tiktoken's own: checked against the full @dqbd/tiktoken build (a different
// loader and WASM file from the lite one we ship), on real fixtures and on special-token text.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { get_encoding } from '@dqbd/tiktoken';
import { MAX_RUN } from '../../src/runtime/tokenizer';
import { testTokenizers } from '../helpers/engines';
import { fixtureCases } from '../helpers/fixtures';

describe('tokenizer', () => {
  for (const encoding of ['o200k_base', 'cl100k_base'] as const) {
    it(`counts exactly like tiktoken (${encoding}) on every fixture and on text past the chunk size`, async () => {
      const counter = await testTokenizers().counter(encoding);
      const reference = get_encoding(encoding);
      try {
        // One fixture per compressor keeps this quick; together they are well past the 256 KiB chunk size.
        const oneEach = new Map(fixtureCases().map((c) => [c.compressorId, c]));
        const texts = [...oneEach.values()].map((c) => new TextDecoder().decode(c.input));
        texts.push(texts.join('\n').slice(0, 700_000)); // counted in chunks
        texts.push(readFileSync(require.resolve('typescript/lib/lib.dom.d.ts'), 'utf8').slice(0, 400_000));
        for (const text of texts) assert.equal(counter.count(text), reference.encode_ordinary(text).length);
      } finally {
        reference.free();
      }
    });
  }

  it('gives each line its tokens from one encoding: the line of a token\'s first byte, adding up to the count', async () => {
    const counter = await testTokenizers().counter('o200k_base');
    const reference = get_encoding('o200k_base');
    try {
      const oneEach = new Map(fixtureCases().map((c) => [c.compressorId, c]));
      const texts = [...oneEach.values()].map((c) => new TextDecoder().decode(c.input));
      texts.push('', '\n', 'a\n\n\nb', '{\n}\n', 'x'.repeat(2500) + '\nend', 'héllo wörld 日本語\n  indented\r\nlast', texts.join('\n').slice(0, 600_000));
      for (const text of texts) {
        const perLine = counter.countLines!(text);
        assert.equal(perLine.length, text.split('\n').length);
        assert.equal(perLine.reduce((a, b) => a + b, 0), counter.count(text));
        // Texts counted in pieces (long runs, past the chunk size) are checked by their sum only.
        if (text.length > 100_000 || perLine.reduce((a, b) => a + b, 0) !== reference.encode_ordinary(text).length) continue;
        // The reference's tokens, placed by their bytes: the same share per line.
        const expected = text.split('\n').map(() => 0);
        const bytes = new TextEncoder().encode(text);
        let at = 0;
        let line = 0;
        let scanned = 0;
        for (const token of reference.encode_ordinary(text)) {
          for (; scanned < at; scanned++) if (bytes[scanned] === 10) line++;
          expected[line]++;
          at += reference.decode_single_token_bytes(token).length;
        }
        assert.deepEqual(perLine, expected);
      }
    } finally {
      reference.free();
    }
  });

  it('counts special-token strings as ordinary text instead of throwing', async () => {
    const counter = await testTokenizers().counter('o200k_base');
    const reference = get_encoding('o200k_base');
    const text = 'before <|endoftext|> middle <|im_start|>user\n<|fim_prefix|> after';
    assert.equal(counter.count(text), reference.encode_ordinary(text).length);
    reference.free();
  });

  it('bounds the time for one enormous word, staying within a token per piece', async () => {
    const counter = await testTokenizers().counter('o200k_base');
    const reference = get_encoding('o200k_base');
    const word = 'abcdefghij'.repeat(300); // 3,000 letters: 3 pieces
    const exact = reference.encode_ordinary(word).length;
    reference.free();
    assert.ok(Math.abs(counter.count(word) - exact) <= Math.ceil(word.length / MAX_RUN), `${counter.count(word)} vs ${exact}`);
    const start = performance.now();
    counter.count('x'.repeat(300_000));
    assert.ok(performance.now() - start < 15_000);
  });

  it('rejects an unknown encoding with a message that says what to use', async () => {
    await assert.rejects(testTokenizers().counter('p50k_base' as never), /Use one of: o200k_base, cl100k_base/);
  });
});
