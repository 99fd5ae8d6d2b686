// The engine's one entry point. Pure in spirit: no I/O, no clocks, no module state. It never
// throws, never returns more tokens than it was given, and every cut it makes is marked and
// backed by an original the host can store.
import type { CompressContext, CompressOptions, CompressResult, ContentType, Draft, Engines, MarkerInfo, Original, Source, Transform } from './types';
import { DEFAULT_MIN_TOKENS } from './types';
import { route } from './route';
import { FALLBACK } from './registry';
import { decodeInput, formatBytes } from './shared/decode';
import { formatMarker, ID_LENGTH } from './shared/markers';
import { renderTerminal } from './shared/terminal';
import { sha256Hex } from './shared/sha256';
import { DraftBuilder } from './shared/draft';

/** Texts longer than this are compressed as head and tail only; the middle is marked and stored whole. */
export const MAX_ENGINE_CHARS = 8 * 1024 * 1024;
const OVERSIZED_KEEP_CHARS = 1024 * 1024;

const utf8 = new TextEncoder();

export function compress(input: string | Uint8Array, options: CompressOptions, engines: Engines): CompressResult {
  const transforms: Transform[] = [];
  let raw = '';
  let tokensBefore = -1;
  try {
    const hash = (bytes: Uint8Array) => (engines.sha256Hex ?? sha256Hex)(bytes).slice(0, ID_LENGTH);
    const decoded = decodeInput(input);
    if (decoded.kind === 'binary') return describeBinary(decoded.bytes, decoded.why, decoded.format, hash(decoded.bytes), engines, options);

    raw = decoded.text;
    const id = hash(decoded.bytes);
    // One encoding of the input gives its count and, when the counter can say, each line's share.
    const lineTokens = engines.tokens.countLines?.(raw);
    tokensBefore = lineTokens ? lineTokens.reduce((sum, n) => sum + n, 0) : engines.tokens.count(raw);
    const rendered = renderTerminal(raw);
    if (rendered.escapesRemoved) transforms.push({ step: 'strip-escapes', reason: `removed ${rendered.escapesRemoved} terminal escape sequences` });
    if (rendered.overwrittenLines) transforms.push({ step: 'render-overwrites', reason: `${rendered.overwrittenLines} lines rewritten with \\r or \\b shown as a terminal shows them` });

    const minTokens = options.minTokens ?? DEFAULT_MIN_TOKENS;
    const whole: Original = { id, bytes: decoded.bytes };
    if (tokensBefore < minTokens) {
      transforms.push({ step: 'skip', reason: `${tokensBefore} tokens is below the ${minTokens}-token threshold` });
      return finish(raw, rendered.text, tokensBefore, 'auto', 'passthrough', transforms, [], [whole], engines);
    }

    const lines = rendered.text.split('\n');
    const stash = new Map<string, Uint8Array>();
    const context = (source: Source, candidateOptions: CompressOptions = options): CompressContext => ({
      source,
      options: candidateOptions,
      engines,
      stash(text: string) {
        const bytes = utf8.encode(text);
        const stashId = hash(bytes);
        stash.set(stashId, bytes);
        return stashId;
      },
    });

    let draft: Draft | undefined;
    let compressor = FALLBACK.id;
    let type: ContentType = FALLBACK.type;
    if (rendered.text.length > MAX_ENGINE_CHARS) {
      draft = compressOversized(lines, id, context);
      transforms.push({ step: 'oversized', reason: `${formatBytes(decoded.bytes.length)} is over the ${formatBytes(MAX_ENGINE_CHARS)} engine cap: compressed the first and last ${formatBytes(OVERSIZED_KEEP_CHARS)}, middle marked` });
    } else {
      const source: Source = { id, text: rendered.text, lines, ...(lineTokens && rendered.text === raw ? { lineTokens } : {}) };
      for (const candidate of route(source, options, engines)) {
        transforms.push({ step: `route:${candidate.compressor.id}`, reason: candidate.reason });
        draft = runGuarded(() => candidate.compressor.compress(context(source, candidate.options)), transforms, candidate.compressor.id);
        if (draft) {
          compressor = candidate.compressor.id;
          type = candidate.type;
          break;
        }
      }
    }
    if (!draft) return finish(raw, rendered.text, tokensBefore, type, 'passthrough', transforms, [], [whole], engines);
    transforms.push(...(draft.transforms ?? []));

    const markers = draft.markers ?? [];
    const text = withRetrieveHint(draft.text, markers, options, draft.lineComment);
    // The whole input is always kept when the output differs: the audit trail can show it.
    const originals: Original[] = [whole];
    for (const [stashId, bytes] of stash) if (stashId !== id && markers.some((m) => m.id === stashId)) originals.push({ id: stashId, bytes });
    return finish(raw, rendered.text, tokensBefore, type, compressor, transforms, markers, originals, engines, text, options.budget);
  } catch (error) {
    transforms.push({ step: 'error', reason: `engine failed, original kept: ${describeError(error)}` });
    return { text: raw, tokensBefore: Math.max(tokensBefore, 0), tokensAfter: Math.max(tokensBefore, 0), type: 'auto', compressor: 'passthrough', transforms, markers: [], originals: [] };
  }
}

/**
 * Picks the smallest of: the compressed draft, the escape-free rendering, the raw input. Each is
 * tokenized at most once. `originals[0]` is the whole input, returned whenever the text differs from it.
 */
function finish(
  raw: string, rendered: string, tokensBefore: number, type: ContentType, compressor: string, transforms: Transform[],
  markers: readonly MarkerInfo[], originals: Original[], engines: Engines, compressed?: string, budget?: number,
): CompressResult {
  // A draft equal to the rendered text changed nothing (the compressor kept it whole; its transforms say why).
  if (compressed !== undefined && compressed !== rendered) {
    const tokensAfter = engines.tokens.count(compressed);
    if (tokensAfter < tokensBefore) {
      if (budget !== undefined && tokensAfter > budget) transforms.push({ step: 'budget', reason: `${tokensAfter} tokens is over the ${budget}-token budget: what is left must be kept` });
      return { text: compressed, tokensBefore, tokensAfter, type, compressor, transforms, markers, originals };
    }
    transforms.push({ step: 'no-gain', reason: `${compressor} gave ${tokensAfter} tokens, not fewer than ${tokensBefore}: kept the text whole` });
  }
  if (rendered !== raw) {
    const renderedTokens = engines.tokens.count(rendered);
    if (renderedTokens < tokensBefore) return { text: rendered, tokensBefore, tokensAfter: renderedTokens, type, compressor: 'passthrough', transforms, markers: [], originals: originals.slice(0, 1) };
  }
  return { text: raw, tokensBefore, tokensAfter: tokensBefore, type, compressor: 'passthrough', transforms, markers: [], originals: [] };
}

function runGuarded(run: () => Draft | undefined, transforms: Transform[], id: string): Draft | undefined {
  try {
    const draft = run();
    if (!draft) transforms.push({ step: `decline:${id}`, reason: 'the text is not in a form this compressor understands' });
    return draft;
  } catch (error) {
    transforms.push({ step: `decline:${id}`, reason: `compressor failed (${describeError(error)}): falling back` });
    return undefined;
  }
}

/** Head and tail through the generic compressor; the middle is one marked range of the original. */
function compressOversized(lines: string[], id: string, context: (source: Source) => CompressContext): Draft {
  let headEnd = 0;
  for (let chars = 0; headEnd < lines.length && chars < OVERSIZED_KEEP_CHARS; headEnd++) chars += lines[headEnd].length + 1;
  let tailStart = lines.length;
  for (let chars = 0; tailStart > headEnd && chars < OVERSIZED_KEEP_CHARS; ) chars += lines[--tailStart].length + 1;
  const part = (from: number, to: number): Source => {
    const slice = lines.slice(from, to);
    return { id, text: slice.join('\n'), lines: slice, lineOffset: from };
  };
  const head = FALLBACK.compress(context(part(0, headEnd)))!;
  const tail = FALLBACK.compress(context(part(tailStart, lines.length)))!;
  const middle = new DraftBuilder(part(0, lines.length));
  const middleMarker = tailStart > headEnd ? middle.omit(headEnd, tailStart, { detail: 'middle of an oversized input' }).build() : middle.build();
  const pieces = [head, middleMarker, tail].filter((d) => d.text !== '');
  return {
    text: pieces.map((d) => d.text).join('\n'),
    markers: pieces.flatMap((d) => d.markers ?? []),
    transforms: head.transforms,
  };
}

function describeBinary(bytes: Uint8Array, why: string, format: string, id: string, engines: Engines, options: CompressOptions): CompressResult {
  const marker: MarkerInfo = { id, verb: 'binary', count: bytes.length, unit: 'bytes', detail: `${format}, ${why}` };
  const text = withRetrieveHint(formatMarker(marker), [marker], options);
  const tokensAfter = engines.tokens.count(text);
  // What the model would otherwise read is the bytes shown as text (invalid sequences as U+FFFD).
  const tokensBefore = Math.max(engines.tokens.count(new TextDecoder('utf-8').decode(bytes)), tokensAfter);
  return {
    text, tokensBefore, tokensAfter, type: 'auto', compressor: 'binary',
    transforms: [{ step: 'binary', reason: `${formatBytes(bytes.length)} of ${format} (${why}): described, not shown` }],
    markers: [marker], originals: [{ id, bytes }],
  };
}

function withRetrieveHint(text: string, markers: readonly MarkerInfo[], options: CompressOptions, lineComment?: string): string {
  if (!options.retrieveHint || markers.length === 0) return text;
  const hint = `[hr: cut parts are kept; to read one: ${options.retrieveHint.replaceAll('{id}', markers[0].id)}]`;
  return `${text}\n${lineComment ? `${lineComment} ${hint}` : hint}`;
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
