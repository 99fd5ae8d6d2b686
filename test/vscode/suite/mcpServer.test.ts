// The MCP server Headroom registers with VS Code (lm.registerMcpServerDefinitionProvider): the
// definition runs the bundled CLI with VS Code's own Node, and a real MCP client started from that
// very definition lists the tools and runs a command in the workspace.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { headroomExtension, writeWorkspaceFile } from './helpers';

describe('MCP server', () => {
  it('is offered to VS Code with the bundled CLI and VS Code\'s Node, and serves a real MCP client', async () => {
    const api = await headroomExtension().activate();
    const [server] = api.mcpServerDefinitions();
    const folder = vscode.workspace.workspaceFolders![0];
    assert.equal(server.label, 'Headroom');
    assert.equal(server.command, process.execPath);
    assert.equal(server.env.ELECTRON_RUN_AS_NODE, '1');
    assert.deepEqual(server.args.slice(1, 4), ['mcp', '--root', folder.uri.fsPath]);
    assert.match(server.args[0], /dist[/\\]cli\.js$/);
    assert.equal(server.cwd?.fsPath, folder.uri.fsPath);
    assert.ok(!server.args.includes('--no-run'), 'a trusted workspace gets the run tool');

    await writeWorkspaceFile('mcp-check.txt', 'hello from the workspace\n');
    const env = Object.fromEntries(Object.entries({ ...process.env, ...server.env }).filter((e): e is [string, string] => typeof e[1] === 'string'));
    const client = new Client({ name: 'headroom-vscode-test', version: '1.0.0' });
    await client.connect(new StdioClientTransport({ command: server.command, args: server.args, env, cwd: server.cwd?.fsPath, stderr: 'pipe' }));
    try {
      assert.deepEqual((await client.listTools()).tools.map((t) => t.name), ['compress', 'retrieve', 'run', 'stats']);
      const ran = await client.callTool({ name: 'run', arguments: { command: 'cat mcp-check.txt; exit 3' } }) as { content: { text: string }[] };
      assert.equal(ran.content[0].text, 'hello from the workspace\n[exit code 3]');
    } finally {
      await client.close();
    }
  });
});
