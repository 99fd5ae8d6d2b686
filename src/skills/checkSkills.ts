// "Headroom: Check Skills": finds the workspace's skills, validates their front matter (an invalid
// one is silently ignored by VS Code), checks that the files the body links to exist, counts the
// tokens the body costs when the skill is used, and flags scripts that print raw data — statically,
// and, when the user agrees, by running the command lines the body tells the agent to run.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { insideRoot } from '../runtime/insideRoot';
import { runCommand } from '../runtime/runCommand';
import { parseFrontMatter } from './frontMatter';
import { checkSkillFrontMatter } from './skillSpec';

/** Where VS Code looks for workspace skills by default. */
export const SKILL_FOLDERS = ['.github/skills', '.claude/skills', '.agents/skills'];
/** A script whose output is over this many tokens reads like raw data, not a summary. */
export const LARGE_OUTPUT_TOKENS = 5000;
/** The body is loaded whole when the skill is used; above this it is worth splitting. */
const LARGE_BODY_TOKENS = 5000;
const SCRIPT_EXTENSIONS = new Set(['.mjs', '.js', '.cjs', '.ts', '.py', '.sh', '.bash', '.ps1', '.rb']);
// `[script](./scripts/summarize.py)` — a relative Markdown link in the body
const MARKDOWN_LINK = /\]\((?!https?:|mailto:|#)([^)\s]+)\)/g;
// `node .github/skills/x/scripts/x.mjs --limit 5`, `python3 scripts/summary.py` — a command line that runs a script
const SCRIPT_COMMAND = /^(?:node|python3?|bash|sh|deno run|bun|ruby|pwsh)\s+\S+\.(?:mjs|js|cjs|ts|py|sh|bash|rb|ps1)\b[^\n`]*$/;

/** Patterns in a script that usually mean it prints data as it is, one real example each. */
const RAW_OUTPUT_PATTERNS: readonly { readonly pattern: RegExp; readonly says: string }[] = [
  // console.log(readFileSync(file, 'utf8'))
  { pattern: /(?:console\.log|process\.stdout\.write)\s*\(\s*(?:await\s+)?(?:fs\.)?readFile(?:Sync)?\s*\(/, says: 'prints a whole file it read' },
  // console.log(JSON.stringify(data, null, 2))
  { pattern: /(?:console\.log|process\.stdout\.write)\s*\(\s*JSON\.stringify\s*\([^)]*,\s*null\s*,\s*\d/, says: 'prints pretty-printed JSON as it is' },
  // print(open(path).read())
  { pattern: /print\s*\(\s*open\s*\([^)]*\)\s*\.read\s*\(\s*\)/, says: 'prints a whole file it read' },
  // print(json.dumps(data, indent=2))
  { pattern: /print\s*\(\s*json\.dumps\s*\([^)]*indent\s*=/, says: 'prints pretty-printed JSON as it is' },
  // cat "$f"   /   cat logs/*.log
  { pattern: /^\s*cat\s+(?!<<)[^|>\n]*$/m, says: 'cats files to the output' },
  // .pipe(process.stdout)
  { pattern: /\.pipe\s*\(\s*process\.stdout\s*\)/, says: 'pipes a stream straight to the output' },
];

export interface ScriptFinding {
  readonly path: string;
  readonly line?: number;
  readonly message: string;
}

export interface SkillReport {
  readonly name: string;
  /** Relative to the workspace root, `/`-separated. */
  readonly path: string;
  readonly errors: readonly string[];
  readonly warnings: readonly string[];
  readonly bodyTokens?: number;
  readonly findings: readonly ScriptFinding[];
  /** Command lines from the body that run a script (what `measure` would run). */
  readonly commands: readonly string[];
  readonly measured: readonly { readonly command: string; readonly tokens: number; readonly exitCode: number | null; readonly note?: string }[];
}

export interface CheckOptions {
  readonly countTokens?: (text: string) => Promise<number>;
  /** Run the body's script command lines (in the workspace root, with a timeout) and count their output. */
  readonly runScripts?: boolean;
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
}

/** SKILL.md files under the skill folders of `root`, as paths relative to it. */
export function findSkills(root: string): string[] {
  const found: string[] = [];
  for (const folder of SKILL_FOLDERS) {
    const dir = join(root, folder);
    let names: string[];
    try {
      names = readdirSync(dir).sort();
    } catch {
      continue; // no such folder
    }
    for (const name of names) {
      const md = join(dir, name, 'SKILL.md');
      if (existsSync(md)) found.push(relative(root, md).split(sep).join('/'));
    }
  }
  return found;
}

export async function checkSkill(root: string, skillMdPath: string, options: CheckOptions = {}): Promise<SkillReport> {
  const absolute = join(root, skillMdPath);
  const skillDir = resolve(absolute, '..');
  const folder = skillDir.split(sep).pop() ?? '';
  const errors: string[] = [];
  const warnings: string[] = [];
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(readFileSync(absolute));
  } catch (error) {
    const message = error instanceof TypeError ? 'SKILL.md is not UTF-8 text' : `cannot read SKILL.md: ${(error as Error).message}`;
    return { name: folder, path: skillMdPath, errors: [message], warnings, findings: [], commands: [], measured: [] };
  }
  const frontMatter = parseFrontMatter(text);
  const problems = checkSkillFrontMatter(frontMatter, folder);
  errors.push(...problems.errors);
  warnings.push(...problems.warnings);

  // Links in the body are how the agent finds the skill's other files: each must exist inside the skill.
  for (const m of frontMatter.body.matchAll(MARKDOWN_LINK)) {
    const target = decodeURIComponent(m[1].split('#')[0]);
    if (!target) continue;
    const path = resolve(skillDir, target);
    if (!insideRoot([root], path).ok) errors.push(`the link ${m[1]} points outside the workspace`);
    else if (!existsSync(path)) errors.push(`the link ${m[1]} points to a file that does not exist`);
  }
  const bodyTokens = options.countTokens ? await options.countTokens(frontMatter.body) : undefined;
  if (bodyTokens !== undefined && bodyTokens > LARGE_BODY_TOKENS) warnings.push(`the body is ${bodyTokens} tokens, all read whenever the skill is used; move detail into linked files`);

  const findings = scanScripts(root, skillDir);
  const commands = frontMatter.body.split('\n').map((l) => l.trim().replace(/^\$\s+/, '')).filter((l) => SCRIPT_COMMAND.test(l));
  const uniqueCommands = [...new Set(commands)];
  const measured: { command: string; tokens: number; exitCode: number | null; note?: string }[] = [];
  if (options.runScripts && options.countTokens) {
    for (const command of uniqueCommands.slice(0, 3)) {
      const run = await runCommand({ command, cwd: root, timeoutMs: options.timeoutMs ?? 60_000, signal: options.signal, maxBytes: 4 * 1024 * 1024 });
      const tokens = await options.countTokens(run.output.toString('utf8'));
      const note = run.timedOut ? 'timed out' : run.error ? run.error : run.droppedBytes > 0 ? `printed ${run.totalBytes} bytes; only ${run.output.length} counted` : undefined;
      measured.push({ command, tokens, exitCode: run.exitCode, ...(note ? { note } : {}) });
      if (tokens > LARGE_OUTPUT_TOKENS) findings.push({ path: command, message: `prints ${tokens} tokens: that is raw data, not a summary; aggregate it (counts, groups, the errors) in the script` });
      if (run.exitCode !== 0 && !run.timedOut) findings.push({ path: command, message: `exits with ${run.exitCode ?? run.signal} when run as the body says` });
    }
  }
  return { name: typeof frontMatter.data.name === 'string' ? frontMatter.data.name : folder, path: skillMdPath, errors, warnings, bodyTokens, findings, commands: uniqueCommands, measured };
}

/** Static look at the skill's script files for code that prints data as it is. */
function scanScripts(root: string, skillDir: string): ScriptFinding[] {
  const findings: ScriptFinding[] = [];
  for (const file of filesUnder(skillDir, 3)) {
    const dot = file.lastIndexOf('.');
    if (dot < 0 || !SCRIPT_EXTENSIONS.has(file.slice(dot))) continue;
    let text: string;
    try {
      if (statSync(file).size > 1024 * 1024) continue;
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    for (const { pattern, says } of RAW_OUTPUT_PATTERNS) {
      const m = pattern.exec(text);
      if (!m) continue;
      const line = text.slice(0, m.index).split('\n').length;
      findings.push({ path: relative(root, file).split(sep).join('/'), line, message: `${says} (line ${line}: ${text.split('\n')[line - 1].trim().slice(0, 80)})` });
    }
  }
  return findings;
}

function filesUnder(dir: string, depth: number): string[] {
  if (depth < 0) return [];
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch {
    return [];
  }
  return names.flatMap((name) => {
    const path = join(dir, name);
    try {
      const stat = statSync(path);
      return stat.isDirectory() ? filesUnder(path, depth - 1) : stat.isFile() ? [path] : [];
    } catch {
      return [];
    }
  });
}
