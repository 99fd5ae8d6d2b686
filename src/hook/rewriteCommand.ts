// Decides whether a command Copilot is about to run in its terminal can have its output piped
// through `headroom compress`, and writes the wrapped command. When in doubt it leaves the command
// alone: interactive programs, servers and watchers, commands that are already piped or redirected,
// background jobs, heredocs, multi-line commands and shells other than bash/zsh/ksh are untouched.
//
//   npm test              → (set -o pipefail; npm test 2>&1 | node …/cli.js compress --command 'npm test')
//   cd app && make -j4    → cd app && (set -o pipefail; make -j4 2>&1 | node …/cli.js compress --command 'make -j4')
//
// `set -o pipefail` makes the group exit with the command's own status when it fails, and the
// leading `cd` stays outside the subshell so it still moves the terminal.
import { scanShell, type Segment } from './scanShell';

export interface RewriteOptions {
  /** The shell words that start the CLI, already quoted: `'/usr/bin/node' '/ext/dist/cli.js'`. */
  readonly cli: string;
  /** The terminal's shell (a name or a path): only bash, zsh and ksh have the `pipefail` the wrapper needs. */
  readonly shell: string | undefined;
}

export type Rewrite = { readonly command: string; readonly reason: string } | { readonly command: undefined; readonly reason: string };

const SHELLS_WITH_PIPEFAIL = new Set(['bash', 'zsh', 'ksh', 'mksh']);

/** Builtins that change the terminal's own state: they must not run in a pipeline's subshell. */
const STATEFUL = new Set(['cd', 'pushd', 'popd', 'export', 'unset', 'set', 'source', '.', 'alias', 'unalias', 'shopt', 'setopt', 'unsetopt', 'ulimit', 'umask', 'eval', 'exec', 'exit', 'logout', 'return', 'hash', 'trap', 'declare', 'typeset', 'local', 'readonly', 'fg', 'bg', 'wait', 'jobs', 'disown', 'read', 'history', 'deactivate', 'workon', 'builtin', 'shift', 'clear', 'reset']);
/** `conda activate`, `nvm use`, …: version managers that change the current shell. */
const STATEFUL_SUBCOMMANDS: Readonly<Record<string, readonly string[]>> = {
  conda: ['activate', 'deactivate'], mamba: ['activate', 'deactivate'], micromamba: ['activate', 'deactivate'], nvm: ['use'], fnm: ['use'],
  pyenv: ['shell', 'activate', 'deactivate'], rbenv: ['shell'], rvm: ['use'], sdk: ['use'], jenv: ['shell'], volta: ['pin'],
};
/** Full-screen or prompting programs. */
const INTERACTIVE = new Set(['vi', 'vim', 'nvim', 'view', 'nano', 'pico', 'emacs', 'micro', 'ed', 'less', 'more', 'most', 'man', 'info', 'top', 'htop', 'btop', 'atop', 'watch', 'ssh', 'mosh', 'telnet', 'ftp', 'sftp', 'tmux', 'screen', 'su', 'sudo', 'doas', 'passwd', 'login', 'fzf', 'mc', 'ranger', 'nnn', 'tig', 'lazygit', 'gdb', 'lldb', 'nohup', 'script', 'expect', 'code', 'open', 'xdg-open']);
/** Shells, interpreters and database shells: interactive when given no script or command. */
const REPLS = new Set(['bash', 'sh', 'zsh', 'fish', 'ksh', 'dash', 'pwsh', 'python', 'python3', 'python2', 'ipython', 'node', 'deno', 'bun', 'ruby', 'irb', 'pry', 'php', 'ghci', 'scala', 'clj', 'clojure', 'lua', 'R', 'julia', 'erl', 'iex', 'psql', 'mysql', 'sqlite3', 'redis-cli', 'mongo', 'mongosh', 'sqlplus', 'dotnet-script', 'jshell', 'kotlinc', 'swift', 'ocaml', 'guile', 'racket', 'sbcl']);
/** Programs that serve or watch until stopped. */
const LONG_RUNNING = new Set(['nodemon', 'http-server', 'live-server', 'webpack-dev-server', 'uvicorn', 'gunicorn', 'hypercorn', 'daphne', 'serve', 'json-server', 'browser-sync', 'ngrok', 'caddy', 'nginx', 'redis-server', 'mongod', 'postgres']);
/** `npm run dev`, `yarn start`, … — scripts that conventionally start a server or a watcher. */
const SERVER_SCRIPTS = new Set(['dev', 'start', 'serve', 'watch', 'develop', 'preview', 'storybook']);
// `node /ext/dist/cli.js compress --command …`, `headroom retrieve 3f9a…`: already Headroom's own CLI
const HEADROOM_CLI = /\bheadroom\b|\bcli\.js['"]? (?:compress|retrieve|count|mcp|hook)\b/;

// `npm test\n` — a line break anywhere: a multi-line command
const LINE_BREAK = /[\r\n]/;
// `src/app.ts`, `--command=x` — a word that needs no quotes
const PLAIN_WORD = /^[\w@%+=:,./-]+$/;
// `-am` in `git commit -am "msg"` — a short-flag cluster with m
const SHORT_FLAGS_WITH_M = /^-[a-zA-Z]*m/;
// `-it` in `docker run -it ubuntu` — a short-flag cluster with i or t
const SHORT_FLAGS_WITH_I_OR_T = /^-[a-zA-Z]*[it]/;
// `create-react-app` in `npx create-react-app x`
const CREATE_PACKAGE = /^create-/;
// `NODE_ENV=test` in `NODE_ENV=test npm test`
const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;

/** Returns the wrapped command, or undefined with the reason it is left as it is. */
export function rewriteCommand(command: string, options: RewriteOptions): Rewrite {
  const keep = (reason: string): Rewrite => ({ command: undefined, reason });
  const shell = shellName(options.shell);
  if (!shell || !SHELLS_WITH_PIPEFAIL.has(shell)) return keep(`the terminal shell (${options.shell ?? 'unknown'}) is not bash, zsh or ksh`);
  const line = command.trim();
  if (!line) return keep('an empty command');
  if (LINE_BREAK.test(line)) return keep('a multi-line command');
  if (HEADROOM_CLI.test(line) || line.includes(options.cli)) return keep('it already goes through headroom');

  const scan = scanShell(line);
  if (scan.blocker) return keep(`it has ${scan.blocker}`);
  const segments = scan.segments;

  // Leading state changes joined by && stay outside: `cd app && npm test`.
  let first = 0;
  while (first < segments.length - 1 && segments[first].operator === '&&' && isStateful(segments[first])) first++;
  const rest = segments.slice(first);
  if (rest.length === 0) return keep('nothing left to wrap');
  for (const segment of rest) {
    const why = whyNotWrappable(segment);
    if (why) return keep(why);
  }
  // The command as written from its first wrapped segment on, and the leading state changes before it.
  const prefix = line.slice(0, rest[0].start);
  const restText = stripTrailingStderrMerge(line.slice(rest[0].start));
  const body = rest.length > 1 ? `{ ${restText}; }` : restText;
  return {
    command: `${prefix}(set -o pipefail; ${body} 2>&1 | ${options.cli} compress --command ${quote(restText)})`,
    reason: 'output piped through headroom compress',
  };
}

/** Quotes a word for a POSIX shell when it needs it. */
export function quote(word: string): string {
  if (word !== '' && PLAIN_WORD.test(word)) return word;
  return `'${word.replaceAll("'", `'\\''`)}'`;
}

function shellName(shell: string | undefined): string | undefined {
  if (!shell) return undefined;
  const base = shell.replaceAll('\\', '/').split('/').pop() ?? '';
  const name = base.toLowerCase().startsWith('-') ? base.slice(1) : base; // a login shell: `-zsh`
  return (name.toLowerCase().endsWith('.exe') ? name.slice(0, -4) : name).toLowerCase();
}

/** `make 2>&1` → `make`: the stderr merge at the end, which the wrapper does anyway. */
function stripTrailingStderrMerge(text: string): string {
  const trimmed = text.trimEnd();
  if (!trimmed.endsWith('2>&1')) return text;
  const before = trimmed.slice(0, -4);
  return before.endsWith(' ') || before.endsWith('\t') ? before.trimEnd() : text;
}

function isStateful(segment: Segment): boolean {
  const words = wordsOf(segment.text);
  const { program, args } = unwrap(words);
  if (program === undefined) return words.length > 0; // only assignments: `FOO=1`
  return STATEFUL.has(program) || (STATEFUL_SUBCOMMANDS[program]?.includes(args[0] ?? '') ?? false);
}

/** Why a segment must not run inside a pipe, or undefined when it can. */
function whyNotWrappable(segment: Segment): string | undefined {
  const words = wordsOf(segment.text);
  if (words.length === 0) return 'an empty command in a list';
  if (words[0] === '{' || words[0].startsWith('(')) return undefined; // a group: judged as a whole by the scanner
  const { program, args } = unwrap(words);
  if (program === undefined) return 'a variable assignment (it must set the terminal\'s variable)';
  if (STATEFUL.has(program) || STATEFUL_SUBCOMMANDS[program]?.includes(args[0] ?? '')) return `${program} changes the terminal's own state`;
  if (INTERACTIVE.has(program)) return `${program} is interactive`;
  if (REPLS.has(program) && (args.length === 0 || args.includes('-i') || args.includes('--interactive'))) return `${program} without a script is interactive`;
  if (LONG_RUNNING.has(program)) return `${program} runs until stopped`;
  if (args.some((a) => a === '--watch' || a === '--watchAll' || a.startsWith('--watch='))) return 'a watcher runs until stopped';
  return whySubcommand(program, args);
}

function whySubcommand(program: string, args: readonly string[]): string | undefined {
  const sub = args.find((a) => !a.startsWith('-'));
  const has = (...flags: string[]) => args.some((a) => flags.includes(a) || flags.some((f) => f.startsWith('--') && a.startsWith(`${f}=`)));
  switch (program) {
    case 'git':
      if (sub === 'commit' && !has('-m', '--message', '-F', '--file', '-C', '--reuse-message', '--no-edit') && !args.some((a) => SHORT_FLAGS_WITH_M.test(a))) return 'git commit without a message opens an editor';
      if (sub === 'rebase' && (has('-i', '--interactive', '--continue', '--edit-todo'))) return 'an interactive rebase opens an editor';
      if ((sub === 'add' || sub === 'checkout' || sub === 'reset' || sub === 'stash' || sub === 'restore') && has('-p', '--patch', '-i', '--interactive')) return `git ${sub} --patch prompts`;
      if (sub === 'mergetool' || sub === 'difftool') return `git ${sub} opens a tool`;
      return undefined;
    case 'npm': case 'pnpm': case 'yarn': case 'bun': {
      if (sub === 'init' || sub === 'create' || sub === 'login' || sub === 'adduser') return has('-y', '--yes') ? undefined : `${program} ${sub} prompts`;
      const script = sub === 'run' || sub === 'run-script' ? args.filter((a) => !a.startsWith('-'))[1] : sub;
      if (script && SERVER_SCRIPTS.has(script)) return `${program} ${script} usually starts a server or a watcher`;
      return undefined;
    }
    case 'npx': case 'pnpx': case 'bunx':
      if (sub && CREATE_PACKAGE.test(sub) && !has('-y', '--yes')) return `${sub} prompts`;
      return sub ? whyNotWrappable({ text: args.slice(args.indexOf(sub)).join(' '), start: 0 }) : undefined;
    case 'tail': case 'journalctl':
      return has('-f', '-F', '--follow') ? `${program} --follow runs until stopped` : undefined;
    case 'docker': case 'podman': case 'kubectl': case 'oc': {
      if (sub === 'attach' || sub === 'edit' || sub === 'port-forward' || sub === 'proxy') return `${program} ${sub} runs until stopped or prompts`;
      if ((sub === 'run' || sub === 'exec') && args.some((a) => SHORT_FLAGS_WITH_I_OR_T.test(a) || a === '--interactive' || a === '--tty' || a === '--stdin')) return `${program} ${sub} -it is interactive`;
      if ((sub === 'logs' || sub === 'events') && has('-f', '--follow', '-w', '--watch')) return `${program} ${sub} --follow runs until stopped`;
      if (sub === 'compose' || sub === 'up') return composeUp(program, args);
      return undefined;
    }
    case 'docker-compose': case 'podman-compose':
      return composeUp(program, ['compose', ...args]);
    case 'vite': case 'next': case 'nuxt': case 'astro':
      return sub === undefined || sub === 'dev' || sub === 'serve' || sub === 'preview' || (program === 'next' && sub === 'start') ? `${program} ${sub ?? ''} runs a dev server`.replace('  ', ' ') : undefined;
    case 'ng': case 'hugo': case 'jekyll': case 'webpack':
      return sub === 'serve' || sub === 'server' ? `${program} ${sub} runs a server` : undefined;
    case 'flask': case 'rails':
      return sub === 'run' || sub === 'server' || sub === 's' || sub === 'console' || sub === 'c' ? `${program} ${sub} runs until stopped` : undefined;
    case 'python': case 'python3':
      return args[0] === '-m' && ['http.server', 'pdb', 'uvicorn', 'flask'].includes(args[1] ?? '') ? `python -m ${args[1]} runs until stopped or prompts` : undefined;
    case 'php':
      return has('-S', '-a') ? 'php -S/-a runs until stopped' : undefined;
    default:
      return undefined;
  }
}

function composeUp(program: string, args: readonly string[]): string | undefined {
  const words = args.filter((a) => !a.startsWith('-'));
  const sub = words[0] === 'compose' ? words[1] : words[0];
  if ((sub === 'up' && !args.some((a) => a === '-d' || a === '--detach')) || sub === 'logs' && args.some((a) => a === '-f' || a === '--follow')) return `${program} ${sub} runs until stopped`;
  if (sub === 'exec' || sub === 'run') return args.some((a) => a === '-T' || a === '--no-TTY') ? undefined : `${program} ${sub} allocates a terminal`;
  return undefined;
}

/** Drops `A=1` assignments and wrappers (`time`, `env`, `command`, `nice`) to find the program that runs. */
function unwrap(words: readonly string[]): { program: string | undefined; args: readonly string[] } {
  let i = 0;
  for (;;) {
    while (i < words.length && ASSIGNMENT.test(words[i])) i++;
    const word = words[i];
    if (word === 'time' || word === 'command' || word === 'env' || word === 'nice' || word === 'ionice') {
      i++;
      while (i < words.length && words[i].startsWith('-')) i += words[i] === '-n' ? 2 : 1;
      continue;
    }
    break;
  }
  if (i >= words.length) return { program: undefined, args: [] };
  const program = words[i].split('/').pop() ?? words[i];
  return { program, args: words.slice(i + 1) };
}

/** Splits a segment into words, removing quotes (only used to recognise programs and flags). */
function wordsOf(text: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === ' ' || c === '\t') {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
      continue;
    }
    inWord = true;
    if (c === '\\') word += text[++i] ?? '';
    else if (c === "'" || c === '"') {
      const end = text.indexOf(c, i + 1);
      word += text.slice(i + 1, end < 0 ? text.length : end);
      i = end < 0 ? text.length : end;
    } else word += c;
  }
  if (inWord) words.push(word);
  return words;
}
