// Unified diffs (`git diff`, `git show`, `git log -p`, `diff -u`/`-ru`, *.diff/*.patch). Every
// `+`/`-` line is kept byte for byte; long runs of unchanged context shrink to the lines next to each
// change; lockfiles, minified bundles, source maps, snapshots and binary patches are summarised with a
// marker naming the file and its +N/-M counts; a `--stat`-like header is computed from the diff itself.
// Commit headers, file headers (rename/mode/new/deleted/index) and any line it does not understand
// are kept as they are.
import type { CompressContext, Compressor, Draft, ParsedCommand, Source } from './types';
import { DraftBuilder } from './shared/draft';
import { bm25Scores, words } from './shared/bm25';

/** Unchanged lines kept on each side of a change (more for hunks the query is about). */
const CONTEXT_KEEP = 2;
const CONTEXT_KEEP_RELEVANT = 5;
/** A run of context is only cut when the cut saves at least this much (a marker costs ~45 chars). */
const MIN_CUT_LINES = 3;
const MIN_CUT_CHARS = 140;
/** A lockfile or snapshot change smaller than this is shown: a small one is easy to read and telling. */
const GENERATED_MIN_CHARS = 1500;
/** Changed lines this long on average mark a file as minified/generated. */
const LONG_LINE_AVERAGE = 500;
/** The stat header is only worth its tokens for diffs touching at least this many files. */
const STAT_MIN_FILES = 2;

// `diff --git a/src/a.ts b/src/a.ts`, `diff --cc src/a.ts`, `diff -ru old/x new/x`
const FILE_START = /^diff (?:--git |--cc |--combined |-\S+ )/;
// the `diff --git ` / `diff -ruN ` before the two paths of a file's first line
const DIFF_LINE_PREFIX = /^diff (?:--git |--cc |--combined )?(?:-\S+ )*/;
// `@@ -12,7 +12,9 @@ function load() {` (and `@@ -1 +1 @@`)
const HUNK_HEADER = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;
// `@@@ -3,4 -3,4 +3,6 @@@` — a combined (merge) diff with two or more parents
const COMBINED_HUNK_HEADER = /^(@{3,}) (?:-\d+(?:,\d+)? )+\+\d+(?:,\d+)? @{3,}/;
// `index 83db48f..bf269f4 100644`, `similarity index 96%`, `rename from src/a.js`, `new file mode 100644`, …
const EXTENDED_HEADER = /^(?:index |similarity index |dissimilarity index |rename from |rename to |copy from |copy to |old mode |new mode |new file mode |deleted file mode |Binary files |GIT binary patch$)/;
// `literal 641` / `delta 12` inside a `GIT binary patch` block
const BINARY_PATCH_SIZE = /^(?:literal|delta) \d+$/;
// one base85 line of a `GIT binary patch` (length letter, then base85 digits)
const BINARY_PATCH_DATA = /^[A-Za-z][0-9A-Za-z!#$%&()*+;<=>?@^_`{|}~-]+$/;
// `commit 1f0c3e2a9b…` at the top of `git show` / `git log -p`
const COMMIT_LINE = /^commit [0-9a-f]{7,64}\b/;
// `From 1f0c3e2a9b… Mon Sep 17 00:00:00 2001` at the top of each `git format-patch` mail
const PATCH_MAIL_START = /^From [0-9a-f]{40} /;
// ` 5 files changed, 246 insertions(+), 6 deletions(-)` — a stat git already printed
const GIT_STAT_SUMMARY = /^ \d+ files? changed/;

// package-lock.json, yarn.lock, Cargo.lock, go.sum, … (compared with the file's base name)
const LOCKFILES = new Set([
  'package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml', 'bun.lock', 'bun.lockb', 'deno.lock',
  'Cargo.lock', 'go.sum', 'Gemfile.lock', 'composer.lock', 'poetry.lock', 'Pipfile.lock', 'uv.lock', 'pdm.lock',
  'mix.lock', 'pubspec.lock', 'Podfile.lock', 'packages.lock.json', 'flake.lock', 'gradle.lockfile', 'conan.lock',
]);
// `dist/app.min.js`, `vendor/x.min.css`, `bundle.js.map`
const MINIFIED_NAME = /\.min\.(?:js|mjs|cjs|css)$/;
const SOURCE_MAP_NAME = /\.(?:js|css|mjs|cjs)\.map$/;
// `test/__snapshots__/cli.test.js.snap`, `src/__snapshots__/App.tsx.snap`
const SNAPSHOT_NAME = /(?:^|\/)__snapshots__\/|\.snap$/;

type Kind = 'other' | 'header' | 'hunk' | 'add' | 'del' | 'context' | 'noNewline' | 'binaryData';

interface Hunk {
  readonly start: number;
  /** Exclusive end. */
  end: number;
  readonly combined: boolean;
}

interface FileDiff {
  readonly start: number;
  end: number;
  path: string;
  oldPath?: string;
  status: 'modified' | 'new' | 'deleted' | 'renamed' | 'copied';
  oldMode?: string;
  newMode?: string;
  binary: boolean;
  adds: number;
  dels: number;
  changedChars: number;
  readonly hunks: Hunk[];
  /** Index of the first hunk or binary-patch line: where the file's body starts. */
  bodyStart: number;
  /** Why the file's body is summarised rather than shown, if it is. */
  generated?: string;
}

interface Parsed {
  readonly kinds: Kind[];
  readonly files: FileDiff[];
}

export const diff: Compressor = {
  id: 'diff',
  type: 'diff',
  matches(command: ParsedCommand): boolean {
    const [sub, ...rest] = command.program === 'git' ? withoutGitOptions(command.args) : command.args;
    if (command.program === 'git') {
      if (sub === 'diff' || sub === 'show' || sub === 'format-patch') return !rest.some((a) => STAT_ONLY_FLAGS.has(a));
      if (sub === 'log' || sub === 'whatchanged') return rest.some((a) => a === '-p' || a === '--patch' || a === '-u' || /^-U\d*$/.test(a));
      if (sub === 'stash') return rest[0] === 'show' && rest.some((a) => a === '-p' || a === '--patch');
      return false;
    }
    if (command.program === 'diff') return command.args.some((a) => /^-[a-zA-Z]*[uU]/.test(a) || a.startsWith('--unified'));
    if (command.program === 'gh') return sub === 'pr' && rest[0] === 'diff';
    return false;
  },
  handlesFile(fileName: string, language?: string): boolean {
    return /\.(?:diff|patch)$/i.test(fileName) || language === 'diff';
  },
  sniff(source: Source): boolean {
    const lines = source.lines;
    let i = 0;
    while (i < lines.length && lines[i].trim() === '') i++;
    if (i >= lines.length) return false;
    const first = lines[i];
    if (first.startsWith('diff --git ')) return true;
    if (first.startsWith('--- ') && lines[i + 1]?.startsWith('+++ ') && HUNK_HEADER.test(lines[i + 2] ?? '')) return true;
    if (COMMIT_LINE.test(first)) {
      for (let j = i + 1; j < Math.min(lines.length, i + 200); j++) if (lines[j].startsWith('diff --git ')) return true;
    }
    return false;
  },
  compress(context: CompressContext): Draft | undefined {
    const parsed = parse(context.source.lines);
    if (parsed.files.length === 0 || !parsed.files.some((f) => f.hunks.length > 0 || f.binary)) return undefined;
    return render(context, parsed);
  },
};

/** `git -C repo --no-pager diff …` → `diff …`: git's own options come before the subcommand. */
function withoutGitOptions(args: readonly string[]): readonly string[] {
  let i = 0;
  while (i < args.length && args[i].startsWith('-')) i += args[i] === '-C' || args[i] === '-c' ? 2 : 1;
  return args.slice(i);
}

/** `git diff --stat` and friends print no patch: not a unified diff. */
const STAT_ONLY_FLAGS = new Set(['--stat', '--shortstat', '--numstat', '--name-only', '--name-status', '--summary', '--dirstat', '--no-patch', '-s', '--raw', '--check']);

function parse(lines: readonly string[]): Parsed {
  const kinds: Kind[] = new Array(lines.length).fill('other');
  const files: FileDiff[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    const plainStart = line.startsWith('--- ') && lines[i + 1]?.startsWith('+++ ') && (HUNK_HEADER.test(lines[i + 2] ?? '') || COMBINED_HUNK_HEADER.test(lines[i + 2] ?? ''));
    const gitStart = FILE_START.test(line) && looksLikeFileStart(lines, i);
    if (!gitStart && !plainStart) {
      i++;
      continue;
    }
    const file: FileDiff = { start: i, end: i, path: '', status: 'modified', binary: false, adds: 0, dels: 0, changedChars: 0, hunks: [], bodyStart: -1 };
    if (gitStart) {
      file.path = pathFromDiffLine(line);
      kinds[i++] = 'header';
      while (i < lines.length && EXTENDED_HEADER.test(lines[i])) {
        readExtendedHeader(file, lines[i]);
        kinds[i] = 'header';
        if (lines[i] === 'GIT binary patch') {
          file.binary = true;
          file.bodyStart = i + 1;
          i = skipBinaryPatch(lines, i + 1, kinds);
          break;
        }
        i++;
      }
    }
    if (i < lines.length && lines[i].startsWith('--- ') && lines[i + 1]?.startsWith('+++ ')) {
      const oldName = headerPath(lines[i].slice(4));
      const newName = headerPath(lines[i + 1].slice(4));
      if (newName !== '/dev/null') file.path = stripPrefix(newName, 'b/');
      else if (oldName !== '/dev/null') file.path = stripPrefix(oldName, 'a/');
      if (oldName === '/dev/null' && file.status === 'modified') file.status = 'new';
      if (newName === '/dev/null' && file.status === 'modified') file.status = 'deleted';
      file.oldPath ??= oldName === '/dev/null' ? undefined : stripPrefix(oldName, 'a/');
      kinds[i] = kinds[i + 1] = 'header';
      i += 2;
    }
    while (i < lines.length) {
      const simple = HUNK_HEADER.exec(lines[i]);
      const combined = simple ? undefined : COMBINED_HUNK_HEADER.exec(lines[i]);
      if (!simple && !combined) break;
      if (file.bodyStart < 0) file.bodyStart = i;
      const hunk: Hunk = { start: i, end: i + 1, combined: combined !== undefined };
      kinds[i++] = 'hunk';
      i = simple ? readHunk(lines, i, simple, kinds, file) : readCombinedHunk(lines, i, combined![1].length - 1, kinds, file);
      hunk.end = i;
      file.hunks.push(hunk);
    }
    file.end = i;
    if (file.bodyStart < 0) file.bodyStart = i;
    // `diff -N` shows an added or removed file as one hunk from or to an empty side (`@@ -0,0 +1,23 @@`).
    const only = file.hunks.length === 1 ? HUNK_HEADER.exec(lines[file.hunks[0].start]) : null;
    if (only && file.status === 'modified') {
      if (only[1] === '0' && only[2] === '0') file.status = 'new';
      else if (only[3] === '0' && only[4] === '0') { file.status = 'deleted'; if (file.oldPath) file.path = file.oldPath; }
    }
    if (file.path === '') file.path = '(unnamed)';
    files.push(file);
  }
  return { kinds, files };
}

/** A `diff …` line starts a file only when a file header, hunk or binary note follows. */
function looksLikeFileStart(lines: readonly string[], i: number): boolean {
  if (lines[i].startsWith('diff --git ') || lines[i].startsWith('diff --cc ') || lines[i].startsWith('diff --combined ')) return true;
  const next = lines[i + 1] ?? '';
  return next.startsWith('--- ') || EXTENDED_HEADER.test(next);
}

function readExtendedHeader(file: FileDiff, line: string): void {
  if (line.startsWith('new file mode ')) { file.status = 'new'; file.newMode = line.slice(14); }
  else if (line.startsWith('deleted file mode ')) { file.status = 'deleted'; file.oldMode = line.slice(18); }
  else if (line.startsWith('old mode ')) file.oldMode = line.slice(9);
  else if (line.startsWith('new mode ')) file.newMode = line.slice(9);
  else if (line.startsWith('rename from ')) { file.status = 'renamed'; file.oldPath = line.slice(12); }
  else if (line.startsWith('rename to ')) file.path = line.slice(10);
  else if (line.startsWith('copy from ')) { file.status = 'copied'; file.oldPath = line.slice(10); }
  else if (line.startsWith('copy to ')) file.path = line.slice(8);
  else if (line.startsWith('Binary files ')) file.binary = true;
}

/** Consumes a `GIT binary patch` body (size lines, base85 lines, blank separators). */
function skipBinaryPatch(lines: readonly string[], i: number, kinds: Kind[]): number {
  while (i < lines.length && (BINARY_PATCH_SIZE.test(lines[i]) || BINARY_PATCH_DATA.test(lines[i]) || lines[i] === '')) {
    if (lines[i] === '' && !BINARY_PATCH_SIZE.test(lines[i + 1] ?? '') && !BINARY_PATCH_DATA.test(lines[i + 1] ?? '')) break;
    kinds[i++] = 'binaryData';
  }
  return i;
}

/** Reads a hunk body by its header's line counts; stops early (keeping the rest as-is) if they do not add up. */
function readHunk(lines: readonly string[], i: number, header: RegExpExecArray, kinds: Kind[], file: FileDiff): number {
  let oldLeft = header[2] === undefined ? 1 : Number(header[2]);
  let newLeft = header[4] === undefined ? 1 : Number(header[4]);
  while (i < lines.length && (oldLeft > 0 || newLeft > 0)) {
    const line = lines[i];
    const c = line[0];
    if (c === ' ' || (line === '' && oldLeft > 0 && newLeft > 0)) { kinds[i] = 'context'; oldLeft--; newLeft--; }
    else if (c === '-' && oldLeft > 0) { kinds[i] = 'del'; oldLeft--; file.dels++; file.changedChars += line.length; }
    else if (c === '+' && newLeft > 0) { kinds[i] = 'add'; newLeft--; file.adds++; file.changedChars += line.length; }
    else if (c === '\\') kinds[i] = 'noNewline';
    else break;
    i++;
  }
  if (i < lines.length && lines[i].startsWith('\\ ')) kinds[i++] = 'noNewline';
  return i;
}

/** Combined (merge) hunks: one prefix column per parent; read while the prefix is well formed. */
function readCombinedHunk(lines: readonly string[], i: number, parents: number, kinds: Kind[], file: FileDiff): number {
  while (i < lines.length) {
    const line = lines[i];
    if (line.startsWith('\\ ')) { kinds[i++] = 'noNewline'; continue; }
    if (line.length < parents) break;
    const prefix = line.slice(0, parents);
    let ok = true;
    for (const c of prefix) if (c !== ' ' && c !== '+' && c !== '-') ok = false;
    if (!ok) break;
    if (prefix.trim() === '') kinds[i] = 'context';
    else if (prefix.includes('+')) { kinds[i] = 'add'; file.adds++; file.changedChars += line.length; }
    else { kinds[i] = 'del'; file.dels++; file.changedChars += line.length; }
    i++;
  }
  return i;
}

/** `diff --git a/x b/x` → `x` (the symmetric case); otherwise whatever follows the last ` b/`. */
function pathFromDiffLine(line: string): string {
  const rest = line.replace(DIFF_LINE_PREFIX, '');
  if (rest.startsWith('a/')) {
    const mid = (rest.length - 1) / 2;
    if (Number.isInteger(mid) && rest[mid] === ' ' && rest.slice(mid + 1) === 'b/' + rest.slice(2, mid)) return rest.slice(2, mid);
    const b = rest.lastIndexOf(' b/');
    if (b > 0) return rest.slice(b + 3);
  }
  if (line.startsWith('diff --cc ') || line.startsWith('diff --combined ')) return rest;
  const space = rest.lastIndexOf(' ');
  return space > 0 ? rest.slice(space + 1) : rest;
}

/** `b/src/a.ts\t2024-01-01 10:00:00` → `b/src/a.ts` */
function headerPath(text: string): string {
  const tab = text.indexOf('\t');
  return tab >= 0 ? text.slice(0, tab) : text;
}

function stripPrefix(path: string, prefix: string): string {
  return path.startsWith(prefix) ? path.slice(prefix.length) : path;
}

function generatedReason(file: FileDiff, bodyChars: number): string | undefined {
  const changed = file.adds + file.dels;
  if (MINIFIED_NAME.test(file.path)) return 'minified';
  if (SOURCE_MAP_NAME.test(file.path)) return 'source map';
  if (changed > 0 && file.changedChars / changed > LONG_LINE_AVERAGE) return `changed lines average ${Math.round(file.changedChars / changed)} chars`;
  if (bodyChars < GENERATED_MIN_CHARS) return undefined;
  const base = file.path.slice(file.path.lastIndexOf('/') + 1);
  if (LOCKFILES.has(base)) return 'lockfile';
  if (SNAPSHOT_NAME.test(file.path)) return 'snapshot';
  return undefined;
}

interface Cut {
  readonly from: number;
  readonly to: number;
  readonly detail: string;
}

function render(context: CompressContext, parsed: Parsed): Draft {
  const { lines } = context.source;
  const { kinds, files } = parsed;
  const query = context.options.query ?? '';
  const queryWords = new Set(words(query));
  const budgetChars = context.options.budget === undefined ? Infinity : context.options.budget * 4;

  for (const file of files) {
    const reason = file.binary ? undefined : generatedReason(file, charsOf(lines, file.bodyStart, file.end));
    // A query naming the file (or words of its path) keeps a generated file visible.
    if (reason && !words(file.path).some((w) => queryWords.has(w))) file.generated = reason;
  }
  const relevant = relevantHunks(lines, files, query);

  let draft: Draft | undefined;
  for (const keep of [CONTEXT_KEEP, 1, 0]) {
    draft = emit(context, kinds, files, cutsFor(lines, kinds, files, relevant, keep));
    if (draft.text.length <= budgetChars) break;
  }
  return draft!;
}

/** Hunks the query is about (BM25 over each hunk's text); they keep more context. */
function relevantHunks(lines: readonly string[], files: readonly FileDiff[], query: string): Set<Hunk> {
  const hunks = files.flatMap((f) => (f.generated ? [] : f.hunks));
  if (query.trim() === '' || hunks.length === 0) return new Set();
  const scores = bm25Scores(hunks.map((h) => lines.slice(h.start, h.end).join('\n')), query);
  const best = Math.max(...scores);
  return new Set(hunks.filter((_, k) => best > 0 && scores[k] >= best * 0.5));
}

function cutsFor(lines: readonly string[], kinds: readonly Kind[], files: readonly FileDiff[], relevant: Set<Hunk>, keep: number): Cut[] {
  const cuts: Cut[] = [];
  for (const file of files) {
    if (file.generated) {
      if (file.end > file.bodyStart) {
        const counts = `+${file.adds} -${file.dels}`;
        cuts.push({ from: file.bodyStart, to: file.end, detail: `${file.path} ${counts}, ${file.generated}, not shown` });
      }
      continue;
    }
    if (file.binary && file.end > file.bodyStart) cuts.push({ from: file.bodyStart, to: file.end, detail: `${file.path} binary patch data` });
    for (const hunk of file.hunks) {
      const k = relevant.has(hunk) ? Math.max(keep, CONTEXT_KEEP_RELEVANT) : keep;
      let i = hunk.start + 1;
      while (i < hunk.end) {
        if (kinds[i] !== 'context') { i++; continue; }
        let j = i;
        while (j < hunk.end && kinds[j] === 'context') j++;
        const leading = i === hunk.start + 1;
        const trailing = j === hunk.end;
        // Keep the k lines that touch a change on each side; a hunk of context only is left alone.
        if (!(leading && trailing)) {
          const from = leading ? i : i + k;
          const to = trailing ? j : j - k;
          if (to - from >= MIN_CUT_LINES && charsOf(lines, from, to) >= MIN_CUT_CHARS) cuts.push({ from, to, detail: 'unchanged context' });
        }
        i = j;
      }
    }
  }
  return cuts.sort((a, b) => a.from - b.from);
}

function charsOf(lines: readonly string[], from: number, to: number): number {
  let chars = 0;
  for (let m = from; m < to; m++) chars += lines[m].length + 1;
  return chars;
}

function emit(context: CompressContext, kinds: readonly Kind[], files: readonly FileDiff[], cuts: readonly Cut[]): Draft {
  const { lines } = context.source;
  const builder = new DraftBuilder(context.source);
  const statAt = statHeaders(lines, files);
  let cutIndex = 0;
  let contextCuts = 0;
  for (let i = 0; i < lines.length; ) {
    const stat = statAt.get(i);
    if (stat) builder.write(stat);
    const cut = cuts[cutIndex];
    if (cut && cut.from === i) {
      builder.omit(cut.from, cut.to, { detail: cut.detail });
      if (cut.detail === 'unchanged context') contextCuts++;
      cutIndex++;
      i = cut.to;
      continue;
    }
    // Changed lines are written whole: they must reach the model byte for byte.
    if (kinds[i] === 'add' || kinds[i] === 'del') builder.write(lines[i]);
    else builder.keep(i);
    i++;
  }
  const generated = files.filter((f) => f.generated);
  if (generated.length) builder.note('diff-generated', `summarised ${generated.length} generated file(s): ${generated.map((f) => `${f.path} (${f.generated})`).join(', ')}`);
  if (contextCuts) builder.note('diff-context', `trimmed ${contextCuts} runs of unchanged context; every +/- line kept`);
  const totalFiles = files.length;
  builder.note('diff-parse', `${totalFiles} files, ${files.reduce((s, f) => s + f.hunks.length, 0)} hunks`);
  return builder.build();
}

/**
 * One `--stat`-like block before the first file of each run of files (a plain diff has one run,
 * `git log -p` one per commit). Built only from counts in the diff.
 */
function statHeaders(lines: readonly string[], files: readonly FileDiff[]): Map<number, string> {
  const headers = new Map<number, string>();
  let run: FileDiff[] = [];
  let runStart = 0;
  const flush = () => {
    // `git format-patch` and `git show --stat -p` print their own stat: do not repeat it.
    const hasStat = run.length > 0 && lines.slice(runStart, run[0].start).some((l) => GIT_STAT_SUMMARY.test(l));
    if (run.length >= STAT_MIN_FILES && !hasStat) headers.set(run[0].start, statBlock(run));
    run = [];
  };
  for (const file of files) {
    const previous = run.at(-1);
    // A new commit (`git log -p`, `git format-patch`) starts a new run.
    const between = previous ? lines.slice(previous.end, file.start) : [];
    const boundary = between.findIndex((l) => COMMIT_LINE.test(l) || PATCH_MAIL_START.test(l));
    if (previous && boundary >= 0) {
      flush();
      runStart = previous.end + boundary;
    }
    run.push(file);
  }
  flush();
  return headers;
}

function statBlock(files: readonly FileDiff[]): string {
  const rows = files.map((f) => {
    const name = (f.status === 'renamed' || f.status === 'copied') && f.oldPath ? `${f.oldPath} → ${f.path}` : f.path;
    const parts: string[] = [];
    if (f.status === 'new' || f.status === 'deleted' || f.status === 'copied') parts.push(f.status);
    if (f.oldMode && f.newMode && f.oldMode !== f.newMode) parts.push(`mode ${f.oldMode}→${f.newMode}`);
    if (f.binary) parts.push('binary');
    else if (f.adds || f.dels) parts.push(`+${f.adds} -${f.dels}`);
    if (f.generated) parts.push(`(${f.generated}, not shown)`);
    return ` ${name} | ${parts.join(' ')}`;
  });
  const adds = files.reduce((s, f) => s + f.adds, 0);
  const dels = files.reduce((s, f) => s + f.dels, 0);
  rows.push(` ${files.length} files changed, ${adds} insertion${adds === 1 ? '' : 's'}(+), ${dels} deletion${dels === 1 ? '' : 's'}(-)`);
  return rows.join('\n');
}
