// A strict argv parser: options may come before or after positionals, `--name value` or
// `--name=value`, `--` ends options. Unknown options are errors, so typos never pass silently.

export interface ParsedArgs {
  readonly positional: string[];
  readonly flags: Set<string>;
  readonly values: Map<string, string>;
}

export interface ArgSpec {
  readonly flags: readonly string[];
  readonly values: readonly string[];
}

export function parseArgs(argv: readonly string[], spec: ArgSpec): ParsedArgs {
  const parsed: ParsedArgs = { positional: [], flags: new Set(), values: new Map() };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      parsed.positional.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('--')) {
      if (arg.startsWith('-') && arg !== '-') {
        if (arg === '-h') { parsed.flags.add('help'); continue; }
        throw new Error(`unknown option ${arg}`);
      }
      parsed.positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    if (spec.flags.includes(name)) {
      if (eq >= 0) throw new Error(`--${name} takes no value`);
      parsed.flags.add(name);
    } else if (spec.values.includes(name)) {
      const value = eq >= 0 ? arg.slice(eq + 1) : argv[++i];
      if (value === undefined) throw new Error(`--${name} needs a value`);
      if (parsed.values.has(name)) throw new Error(`--${name} given twice`);
      parsed.values.set(name, value);
    } else {
      throw new Error(`unknown option --${name}`);
    }
  }
  return parsed;
}
