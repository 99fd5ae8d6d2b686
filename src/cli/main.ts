// `node dist/cli.js` — the command-line face of the engine. A stable contract: stdout of `compress`
// is exactly what a model reads, `retrieve` prints original bytes exactly, `count` prints a number.
import { join } from 'node:path';
import { CONTENT_TYPES, type ContentType } from '../compressors/types';
import { parseLineRange, sliceOriginal } from '../compressors/shared/slice';
import { Runtime } from '../runtime/runtime';
import { defaultStoreDir } from '../runtime/originalsStore';
import { ENCODINGS, type Encoding } from '../runtime/tokenizer';
import type { ProseModelFiles } from '../runtime/proseModel';
import { parseArgs, type ParsedArgs } from './args';
import { readInput } from './readInput';
import { mcpMain } from '../mcp/main';
import { hookMain } from '../hook/main';

const USAGE = `Usage:
  headroom compress [FILE|-] [--type T] [--command "CMD"] [--language L] [--file-name NAME]
                    [--query "Q"] [--budget N] [--min-tokens N] [--json] [--no-hint]
                    [--prose-model FILE --prose-model-sha256 HEX [--prose-tokenizer FILE]
                     [--prose-tokenizer-sha256 HEX] [--prose-keep-ratio R]]
  headroom retrieve ID [--lines A-B] [--grep TEXT] [--numbered]
  headroom count [FILE|-] [--encoding E]
  headroom mcp [--root DIR] [--no-run]      an MCP server on stdio (mcp --help)
  headroom hook [--shell NAME]              the Copilot PreToolUse hook (hook JSON on stdin)

Compresses tool output, files and documents for a language model. Every cut is marked
[hr:ID …] and can be read back byte for byte with \`retrieve\`.

Options:
  --type T        ${CONTENT_TYPES.join(' | ')} (default auto)
  --command CMD   the command line that printed the input (picks the right filter)
  --language L    language id or extension of source code (typescript, py, …)
  --file-name N   name of the file the input came from
  --query Q       what you are looking for; relevant parts keep more detail
  --budget N      aim for at most N tokens of output (must-keep facts are never cut)
  --min-tokens N  pass inputs smaller than N tokens through untouched (default 120)
  --json          print {text, tokensBefore, tokensAfter, type, compressor, transforms, markers, original, cuts, ms}
  --no-hint       do not append the one-line "how to retrieve" hint when something was cut
  --prose-model FILE          your own ONNX token-classification model for prose (see the README);
                              used only when its SHA-256 is --prose-model-sha256 HEX
  --prose-tokenizer FILE      its Hugging Face tokenizer.json (default: tokenizer.json beside the model)
  --prose-tokenizer-sha256 H  refuse the tokenizer unless it has this SHA-256
  --prose-keep-ratio R        share of the prose model's droppable words to keep, 0 < R ≤ 1 (default 0.5)
  --lines A-B     retrieve only lines A to B (1-based, inclusive) of the original
  --grep TEXT     retrieve only lines containing TEXT (case-insensitive, plain text)
  --numbered      prefix retrieved lines with their line numbers
  --encoding E    ${ENCODINGS.join(' | ')} (default o200k_base)
  --store DIR     originals directory (default $HEADROOM_STORE_DIR or ~/.cache/headroom/originals)

Exit status: 0 on success, 1 when an original cannot be found or read, 2 on a usage error.`;

const SPEC = {
  flags: ['json', 'no-hint', 'numbered', 'help', 'version'],
  values: ['type', 'command', 'language', 'file-name', 'query', 'budget', 'min-tokens', 'lines', 'grep', 'encoding', 'store',
    'prose-model', 'prose-model-sha256', 'prose-tokenizer', 'prose-tokenizer-sha256', 'prose-keep-ratio'],
} as const;

// `3f9a0c…` (64 hex digits): a SHA-256 as `sha256sum` prints it
const SHA256_HEX = /^[0-9a-fA-F]{64}$/;

class UsageError extends Error {}

async function main(argv: string[]): Promise<number> {
  if (argv[0] === 'mcp') return mcpMain(argv.slice(1), VERSION, join(__dirname, 'assets'));
  if (argv[0] === 'hook') return hookMain(argv.slice(1), __filename);
  let args: ParsedArgs;
  try {
    args = parseArgs(argv, SPEC);
  } catch (error) {
    return usage((error as Error).message);
  }
  if (args.flags.has('version')) {
    process.stdout.write(`${VERSION}\n`);
    return 0;
  }
  if (args.flags.has('help') || args.positional.length === 0) {
    (args.flags.has('help') ? process.stdout : process.stderr).write(USAGE + '\n');
    return args.flags.has('help') ? 0 : 2;
  }
  const [command, ...rest] = args.positional;
  let runtime: Runtime | undefined;
  try {
    runtime = new Runtime({
      assetDir: join(__dirname, 'assets'),
      store: { dir: args.values.get('store') ?? defaultStoreDir() },
      encoding: encodingOf(args),
      prose: proseModelOf(args),
    });
    switch (command) {
      case 'compress': return await compressCommand(runtime, rest, args);
      case 'retrieve': return retrieveCommand(runtime, rest, args);
      case 'count': return await countCommand(runtime, rest, args);
      default: return usage(`unknown command "${command}": use compress, retrieve or count`);
    }
  } catch (error) {
    if (error instanceof UsageError) return usage(error.message);
    throw error;
  } finally {
    await runtime?.dispose();
  }
}

async function compressCommand(runtime: Runtime, rest: string[], args: ParsedArgs): Promise<number> {
  const input = await readInput(single(rest, 'compress'));
  const type = args.values.get('type') ?? 'auto';
  if (!(CONTENT_TYPES as readonly string[]).includes(type)) throw new UsageError(`--type must be one of ${CONTENT_TYPES.join(', ')}`);
  const result = await runtime.compress(input.bytes, {
    type: type as ContentType,
    command: args.values.get('command'),
    language: args.values.get('language'),
    fileName: args.values.get('file-name') ?? (input.path && input.path !== '-' ? input.path : undefined),
    query: args.values.get('query'),
    budget: numberOption(args, 'budget'),
    minTokens: numberOption(args, 'min-tokens'),
    retrieveHint: args.flags.has('no-hint') ? undefined : `${selfCommand()} retrieve {id} --lines A-B`,
  });
  const text = input.droppedBytes > 0 ? `${input.notice}\n${result.text}` : result.text;
  if (args.flags.has('json')) {
    const json = {
      text,
      tokensBefore: result.tokensBefore,
      tokensAfter: result.tokensAfter,
      type: result.type,
      compressor: result.compressor,
      transforms: result.transforms,
      markers: [...new Set(result.markers.map((m) => m.id))],
      original: result.originals[0]?.id,
      cuts: result.markers,
      ms: Math.round(result.ms * 1000) / 1000,
      ...(input.droppedBytes > 0 ? { droppedBytes: input.droppedBytes } : {}),
      ...(result.unstored.length ? { unstored: result.unstored } : {}),
    };
    process.stdout.write(JSON.stringify(json, null, 2) + '\n');
  } else {
    process.stdout.write(text);
    if (process.stdout.isTTY && !text.endsWith('\n')) process.stdout.write('\n');
  }
  if (result.unstored.length) process.stderr.write(`headroom: could not write ${result.unstored.length} original(s) to ${runtime.store.dir}; they cannot be retrieved later\n`);
  return 0;
}

function retrieveCommand(runtime: Runtime, rest: string[], args: ParsedArgs): number {
  const id = single(rest, 'retrieve', 'ID').replace(/^hr:/, '');
  const linesValue = args.values.get('lines');
  const lines = linesValue === undefined ? undefined : parseLineRange(linesValue);
  if (linesValue !== undefined && !lines) throw new UsageError(`--lines must look like 12-40 or 12, not "${linesValue}"`);
  const found = runtime.store.get(id);
  if (!found.found) {
    process.stderr.write(`headroom: ${found.message}\n`);
    return found.reason === 'invalid-id' ? 2 : 1;
  }
  const part = sliceOriginal(found.bytes, { lines, grep: args.values.get('grep'), numbered: args.flags.has('numbered') });
  if (!part.ok) {
    process.stderr.write(`headroom: ${part.error}\n`);
    return 1;
  }
  process.stdout.write(part.bytes);
  return 0;
}

async function countCommand(runtime: Runtime, rest: string[], args: ParsedArgs): Promise<number> {
  const input = await readInput(single(rest, 'count'));
  const text = new TextDecoder('utf-8').decode(input.bytes);
  process.stdout.write(`${await runtime.countTokens(text, encodingOf(args))}\n`);
  return 0;
}

function single(rest: string[], command: string, what = 'FILE'): string {
  if (rest.length > 1) throw new UsageError(`${command} takes one ${what}, got ${rest.length}: ${rest.join(' ')}`);
  if (rest.length === 0 && what !== 'FILE') throw new UsageError(`${command} needs an ${what}`);
  return rest[0] ?? '-';
}

function encodingOf(args: ParsedArgs): Encoding | undefined {
  const value = args.values.get('encoding');
  if (value === undefined) return undefined;
  if (!(ENCODINGS as readonly string[]).includes(value)) throw new UsageError(`--encoding must be one of ${ENCODINGS.join(', ')}`);
  return value as Encoding;
}

/** `--prose-model` and its companions; the model is read (and its hash checked) only when prose is compressed. */
function proseModelOf(args: ParsedArgs): ProseModelFiles | undefined {
  const model = args.values.get('prose-model');
  const companions = ['prose-model-sha256', 'prose-tokenizer', 'prose-tokenizer-sha256', 'prose-keep-ratio'].filter((name) => args.values.has(name));
  if (model === undefined) {
    if (companions.length > 0) throw new UsageError(`--${companions[0]} needs --prose-model FILE`);
    return undefined;
  }
  const sha256 = args.values.get('prose-model-sha256');
  if (!sha256 || !SHA256_HEX.test(sha256)) throw new UsageError('--prose-model needs --prose-model-sha256 with the model\'s SHA-256 (64 hex digits; `sha256sum FILE` prints it)');
  const ratioText = args.values.get('prose-keep-ratio');
  const keepRatio = ratioText === undefined ? undefined : Number(ratioText);
  if (keepRatio !== undefined && !(keepRatio > 0 && keepRatio <= 1)) throw new UsageError(`--prose-keep-ratio must be a number above 0 and at most 1, not "${ratioText}"`);
  return { model, sha256, tokenizer: args.values.get('prose-tokenizer'), tokenizerSha256: args.values.get('prose-tokenizer-sha256'), keepRatio };
}

function numberOption(args: ParsedArgs, name: string): number | undefined {
  const value = args.values.get(name);
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`--${name} must be a whole number, not "${value}"`);
  return n;
}

/**
 * How to run this CLI again from a shell: `node <path>`, or VS Code's own executable as Node when
 * that is what runs it (the terminal hook does so where no `node` is on PATH).
 */
function selfCommand(): string {
  const quote = (s: string) => (/^[\w./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);
  const runner = process.versions.electron ? `ELECTRON_RUN_AS_NODE=1 ${quote(process.execPath)}` : 'node';
  return `${runner} ${quote(process.argv[1])}`;
}

function usage(message: string): number {
  process.stderr.write(`headroom: ${message}\nRun with --help for usage.\n`);
  return 2;
}

declare const VERSION: string;

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (error: unknown) => {
    process.stderr.write(`headroom: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
