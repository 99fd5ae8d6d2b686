// `headroom mcp`: serves the compress, retrieve, run and stats tools to any MCP client over stdio
// (VS Code, Copilot CLI, Claude Code, …). stdout carries protocol messages only; notes go to stderr.
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from '../cli/args';
import { defaultStoreDir } from '../runtime/originalsStore';
import { Runtime } from '../runtime/runtime';
import { McpServer } from './server';
import { headroomTools, MAX_RUN_TIMEOUT_SECONDS } from './tools';

export const MCP_USAGE = `Usage: headroom mcp [--root DIR] [--no-run] [--max-timeout S] [--store DIR]

A Model Context Protocol server on stdin/stdout with the tools compress, retrieve, run and stats.
  --root DIR       the folder \`run\` works in; commands cannot leave it (default: the current folder)
  --no-run         do not offer \`run\` (for untrusted folders)
  --max-timeout S  the longest a command may run, in seconds (default and limit ${MAX_RUN_TIMEOUT_SECONDS})
  --store DIR      originals directory (default $HEADROOM_STORE_DIR or ~/.cache/headroom/originals)`;

const INSTRUCTIONS = 'Headroom compresses what you read without losing facts. Use `run` instead of a terminal for builds, tests, linters and git (the output comes back compressed, with the exit code), `compress` for large text you already have, and `retrieve` to read back anything a [hr:<id> …] marker cut instead of re-running a command.';

export async function mcpMain(argv: readonly string[], version: string, assetDir: string): Promise<number> {
  let args;
  try {
    args = parseArgs(argv, { flags: ['no-run', 'help'], values: ['root', 'max-timeout', 'store'] });
  } catch (error) {
    process.stderr.write(`headroom mcp: ${(error as Error).message}\n${MCP_USAGE}\n`);
    return 2;
  }
  if (args.flags.has('help')) {
    process.stdout.write(MCP_USAGE + '\n');
    return 0;
  }
  const root = resolve(args.values.get('root') ?? process.cwd());
  if (!existsSync(root) || !statSync(root).isDirectory()) {
    process.stderr.write(`headroom mcp: --root ${root} is not a folder\n`);
    return 2;
  }
  const maxTimeout = Number(args.values.get('max-timeout') ?? MAX_RUN_TIMEOUT_SECONDS);
  if (!Number.isInteger(maxTimeout) || maxTimeout < 1 || maxTimeout > MAX_RUN_TIMEOUT_SECONDS) {
    process.stderr.write(`headroom mcp: --max-timeout must be a whole number from 1 to ${MAX_RUN_TIMEOUT_SECONDS}\n`);
    return 2;
  }
  const runtime = new Runtime({ assetDir, store: { dir: args.values.get('store') ?? defaultStoreDir() } });
  const allowRun = !args.flags.has('no-run');
  const server = new McpServer(
    { name: 'headroom', version, instructions: INSTRUCTIONS },
    headroomTools({ runtime, root, allowRun, maxTimeoutSeconds: maxTimeout }),
    (line) => process.stderr.write(`headroom mcp: ${line}\n`),
  );
  process.stderr.write(`headroom mcp ${version}: serving on stdio; root ${root}; run ${allowRun ? 'on' : 'off'}\n`);
  try {
    await server.serve(process.stdin, process.stdout);
  } finally {
    await runtime.dispose();
  }
  return 0;
}

/** dist/assets beside the bundle. */
export function bundledAssetDir(): string {
  return join(__dirname, 'assets');
}
