// `node dist/cli.js mcp` driven by the official MCP client library over stdio, as Copilot CLI,
// Claude Code or VS Code would drive it.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { ROOT } from '../helpers/engines';

const CLI = join(ROOT, 'dist', 'cli.js');
const NPM_LOG = join(ROOT, 'test', 'fixtures', 'shell', 'npmInstall', 'npm-install-http.txt');

interface TextResult { content: { type: string; text: string }[]; isError?: boolean; structuredContent?: Record<string, unknown> }

async function connect(args: string[], store: string): Promise<Client> {
  const client = new Client({ name: 'headroom-test', version: '1.0.0' });
  const transport = new StdioClientTransport({ command: process.execPath, args: [CLI, 'mcp', ...args], env: { ...process.env, HEADROOM_STORE_DIR: store } as Record<string, string>, stderr: 'pipe' });
  await client.connect(transport);
  return client;
}

const text = (result: unknown) => (result as TextResult).content.map((c) => c.text).join('');

describe('mcp server', function () {
  this.timeout(60_000);
  let dir: string;
  let store: string;
  let client: Client;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hr-mcp-'));
    store = join(dir, 'store');
    mkdirSync(join(dir, 'work', 'sub'), { recursive: true });
    writeFileSync(join(dir, 'work', 'sub', 'data.txt'), 'inside\n');
    writeFileSync(join(dir, 'outside.txt'), 'secret\n');
    symlinkSync(dir, join(dir, 'work', 'escape'));
    client = await connect(['--root', join(dir, 'work')], store);
  });
  after(async () => {
    await client?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('negotiates the protocol and lists its four tools with schemas and annotations', async () => {
    assert.equal(client.getServerVersion()?.name, 'headroom');
    assert.match(client.getInstructions() ?? '', /retrieve/);
    const { tools } = await client.listTools();
    assert.deepEqual(tools.map((t) => t.name), ['compress', 'retrieve', 'run', 'stats']);
    const run = tools.find((t) => t.name === 'run')!;
    assert.deepEqual(run.inputSchema.required, ['command']);
    assert.equal(run.annotations?.readOnlyHint, false);
    assert.equal(tools.find((t) => t.name === 'compress')!.annotations?.readOnlyHint, true);
  });

  it('compresses a real npm log and retrieves a cut byte for byte', async () => {
    const log = readFileSync(NPM_LOG, 'utf8');
    const result = await client.callTool({ name: 'compress', arguments: { text: log, command: 'npm install' } }) as TextResult;
    assert.ok(!result.isError);
    const s = result.structuredContent!;
    assert.ok((s.tokensAfter as number) < (s.tokensBefore as number), JSON.stringify(s));
    assert.match(text(result), /call the retrieve tool with id "[0-9a-f]{12}"/);
    const id = (s.markers as string[])[0];
    const whole = await client.callTool({ name: 'retrieve', arguments: { id } });
    assert.equal(text(whole), log);
    const marker = /\[hr:([0-9a-f]{12}) \w+ (\d+) lines? L(\d+)-(\d+)/.exec(text(result));
    assert.ok(marker, text(result));
    const part = await client.callTool({ name: 'retrieve', arguments: { id: `hr:${marker[1]}`, lines: `${marker[3]}-${marker[4]}` } });
    assert.equal(text(part).split('\n').filter((l) => l !== '').length <= Number(marker[2]), true);
    assert.ok(text(part).length > 0);
  });

  it('runs a real command in the root, compressed, with its exit code; keeps quoting and pipes', async () => {
    const ok = await client.callTool({ name: 'run', arguments: { command: `printf '%s\\n' "a b" 'c"d' | wc -l` } }) as TextResult;
    assert.equal(text(ok), '2\n[exit code 0]');
    const failed = await client.callTool({ name: 'run', arguments: { command: 'cat data.txt; echo oops >&2; exit 7', cwd: 'sub' } }) as TextResult;
    assert.equal(text(failed), 'inside\noops\n[exit code 7]');
    assert.equal(failed.structuredContent?.exitCode, 7);
    assert.ok(!failed.isError, 'a failing command is a result, not a tool error');
  });

  it('refuses a cwd outside the root, also through a symbolic link', async () => {
    for (const cwd of ['..', '/', 'escape']) {
      const result = await client.callTool({ name: 'run', arguments: { command: 'cat outside.txt', cwd } }) as TextResult;
      assert.equal(result.isError, true, cwd);
      assert.match(text(result), /outside the workspace/);
      assert.doesNotMatch(text(result), /secret/);
    }
  });

  it('stops a command at its timeout', async () => {
    const started = Date.now();
    const result = await client.callTool({ name: 'run', arguments: { command: 'echo started; sleep 30', timeoutSeconds: 1 } }) as TextResult;
    assert.ok(Date.now() - started < 10_000);
    assert.equal(text(result), 'started\n[timed out after 1 s and was stopped]');
    assert.equal(result.structuredContent?.timedOut, true);
  });

  it('bounds huge output in memory and says how much was not kept', async () => {
    const result = await client.callTool({ name: 'run', arguments: { command: 'seq 1 3000000' } }) as TextResult;
    assert.ok((result.structuredContent?.droppedBytes as number) > 0);
    assert.match(text(result), /^\[hr: the command printed 22888896 bytes; \d+ bytes in the middle were over the 8388608-byte limit and were not kept/);
    assert.match(text(result), /\n1\n/);
    assert.match(text(result), /\n3000000\n[^]*\[exit code 0\]$/);
  });

  it('answers bad arguments and unknown tools in a way a model can act on', async () => {
    const bad = await client.callTool({ name: 'run', arguments: { command: 'true', timeoutSeconds: 9999 } }) as TextResult;
    assert.equal(bad.isError, true);
    assert.match(text(bad), /timeoutSeconds must be a whole number from 1 to 600/);
    const missing = await client.callTool({ name: 'retrieve', arguments: { id: '000000000000' } }) as TextResult;
    assert.equal(missing.isError, true);
    await assert.rejects(client.callTool({ name: 'nope', arguments: {} }), /unknown tool: nope/);
  });

  it('reports what it saved', async () => {
    const result = await client.callTool({ name: 'stats', arguments: {} }) as TextResult;
    const s = result.structuredContent as { calls: number; tokensSaved: number; perTool: Record<string, unknown> };
    assert.ok(s.calls >= 5);
    assert.ok(s.tokensSaved > 0);
    assert.ok('compress' in s.perTool && 'run' in s.perTool);
    assert.match(text(result), /saved \(\d+%\)/);
  });

  it('offers no run tool with --no-run', async () => {
    const readOnly = await connect(['--root', dir, '--no-run'], store);
    try {
      assert.deepEqual((await readOnly.listTools()).tools.map((t) => t.name), ['compress', 'retrieve', 'stats']);
      await assert.rejects(readOnly.callTool({ name: 'run', arguments: { command: 'true' } }), /unknown tool: run/);
    } finally {
      await readOnly.close();
    }
  });

  it('answers garbage lines with JSON-RPC errors and keeps serving', async () => {
    const child = spawn(process.execPath, [CLI, 'mcp', '--root', dir], { env: { ...process.env, HEADROOM_STORE_DIR: store } });
    let out = '';
    child.stdout.on('data', (d: Buffer) => { out += d.toString(); });
    child.stdin.end('not json\n{"jsonrpc":"2.0","id":1,"method":"nope"}\n[{"jsonrpc":"2.0","id":2,"method":"ping"}]\n{"jsonrpc":"2.0","id":3,"method":"ping"}');
    const code = await new Promise((resolve) => child.on('close', resolve));
    assert.equal(code, 0);
    const lines = out.trim().split('\n').map((l) => JSON.parse(l));
    assert.deepEqual(lines, [
      { jsonrpc: '2.0', id: null, error: { code: -32700, message: 'not valid JSON' } },
      { jsonrpc: '2.0', id: 1, error: { code: -32601, message: 'method not found: nope' } },
      [{ jsonrpc: '2.0', id: 2, result: {} }],
      { jsonrpc: '2.0', id: 3, result: {} },
    ]);
  });

  it('refuses a root that is not a folder', () => {
    const r = spawnSync(process.execPath, [CLI, 'mcp', '--root', join(dir, 'missing')], { input: '' });
    assert.equal(r.status, 2);
    assert.match(r.stderr.toString(), /is not a folder/);
  });
});
