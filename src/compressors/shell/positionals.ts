// The words of a command that are not options: `git -C repo log -n 5 main` → [log, main] when
// `-C` and `-n` take values. Shell compressors read their subcommand from here (`positionals(...)[0]`).

/** Positional words of `args`; `valueOptions` are the options that consume the next word. */
export function positionals(args: readonly string[], valueOptions: ReadonlySet<string> = NO_VALUE_OPTIONS): string[] {
  const words: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--') {
      words.push(...args.slice(i + 1));
      break;
    }
    if (arg.startsWith('-') && arg.length > 1) {
      if (valueOptions.has(arg)) i++;
      continue;
    }
    words.push(arg);
  }
  return words;
}

/** True when any of `flags` is among `args`, as a word or in a cluster of short flags (`-la` has `l`). */
export function hasFlag(args: readonly string[], long: readonly string[], short = ''): boolean {
  for (const arg of args) {
    if (long.includes(arg) || long.some((flag) => arg.startsWith(`${flag}=`))) return true;
    if (short && /^-[A-Za-z0-9]+$/.test(arg) && [...arg.slice(1)].some((c) => short.includes(c))) return true;
  }
  return false;
}

const NO_VALUE_OPTIONS: ReadonlySet<string> = new Set();
