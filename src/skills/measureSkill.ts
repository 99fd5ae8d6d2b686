// Measures a skill on the user's actual data before it is written: the tokens an agent would read
// raw (the script's --raw output: every file under its name, or the command's output) against the
// tokens it reads through the skill (the SKILL.md body plus the script's summary).
import { runCommand, type RunCommandResult } from '../runtime/runCommand';
import { parseFrontMatter } from './frontMatter';

/** How to start Node: a quoted executable, plus environment (VS Code's own binary needs ELECTRON_RUN_AS_NODE). */
export interface NodeRunner {
  readonly command: string;
  readonly env?: NodeJS.ProcessEnv;
}

export interface SkillMeasurement {
  readonly rawTokens: number;
  readonly rawBytes: number;
  /** True when the raw data was larger than what was read, so rawTokens is extrapolated from its bytes. */
  readonly estimated: boolean;
  readonly summaryTokens: number;
  readonly bodyTokens: number;
  /** summaryTokens + bodyTokens: what one use of the skill costs in input. */
  readonly viaSkillTokens: number;
  readonly summary: string;
  readonly scriptMs: number;
  readonly exitCode: number | null;
  /** Set when the script failed; the numbers are then not meaningful. */
  readonly error?: string;
}

export interface MeasureOptions {
  readonly root: string;
  /** Absolute path of the configured script (it may live in a temporary folder until the user accepts). */
  readonly script: string;
  readonly skillMd: string;
  readonly node: NodeRunner;
  readonly countTokens: (text: string) => Promise<number>;
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
}

/** Raw data read for counting; beyond it, tokens are extrapolated from bytes. */
const RAW_LIMIT_BYTES = 32 * 1024 * 1024;

export async function measureSkill(options: MeasureOptions): Promise<SkillMeasurement> {
  const run = (extra: string, maxBytes: number) => runCommand({
    command: `${options.node.command} ${shellQuote(options.script)}${extra}`,
    cwd: options.root,
    env: { ...process.env, ...options.node.env },
    timeoutMs: options.timeoutMs ?? 600_000,
    signal: options.signal,
    maxBytes,
  });
  const summaryRun = await run('', 1024 * 1024);
  const summary = summaryRun.output.toString('utf8');
  const body = parseFrontMatter(options.skillMd).body;
  const bodyTokens = await options.countTokens(body);
  const failed = failure(summaryRun);
  const summaryTokens = await options.countTokens(summary);
  if (failed) {
    return { rawTokens: 0, rawBytes: 0, estimated: false, summaryTokens, bodyTokens, viaSkillTokens: summaryTokens + bodyTokens, summary, scriptMs: summaryRun.durationMs, exitCode: summaryRun.exitCode, error: failed };
  }
  const rawRun = await run(' --raw', RAW_LIMIT_BYTES);
  const rawFailed = failure(rawRun);
  const kept = rawRun.output.toString('utf8');
  const keptTokens = await options.countTokens(kept);
  const estimated = rawRun.droppedBytes > 0;
  const rawTokens = estimated ? Math.round((keptTokens * rawRun.totalBytes) / Math.max(1, rawRun.output.length)) : keptTokens;
  return {
    rawTokens,
    rawBytes: rawRun.totalBytes,
    estimated,
    summaryTokens,
    bodyTokens,
    viaSkillTokens: summaryTokens + bodyTokens,
    summary,
    scriptMs: summaryRun.durationMs,
    exitCode: summaryRun.exitCode,
    ...(rawFailed ? { error: `reading the raw data failed: ${rawFailed}` } : {}),
  };
}

function failure(result: RunCommandResult): string | undefined {
  if (result.error) return result.error;
  if (result.timedOut) return 'the script timed out';
  if (result.cancelled) return 'cancelled';
  if (result.exitCode !== 0) return `the script exited with ${result.exitCode ?? result.signal}: ${result.output.toString('utf8').trim().split('\n').slice(-3).join(' ').slice(0, 300)}`;
  return undefined;
}

function shellQuote(path: string): string {
  return process.platform === 'win32' ? `"${path}"` : `'${path.replaceAll("'", `'\\''`)}'`;
}
