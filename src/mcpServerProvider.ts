// Registers Headroom's MCP server with VS Code (`lm.registerMcpServerDefinitionProvider`), so
// Copilot's agent — in every harness that takes MCP servers — gets compress, retrieve, run and stats.
// It runs the bundled CLI with VS Code's own Node (its executable with ELECTRON_RUN_AS_NODE=1), in
// the first workspace folder, sharing the extension's originals store; `run` is left out of
// untrusted workspaces. Nothing starts here: VS Code starts the server when a chat needs it.
import { homedir } from 'node:os';
import * as vscode from 'vscode';

/** Equals `contributes.mcpServerDefinitionProviders[0].id` in package.json. */
export const MCP_PROVIDER_ID = 'headroom';

export interface McpServerRegistration extends vscode.Disposable {
  /** What the provider offers right now (for the tests and the log). */
  definitions(): vscode.McpStdioServerDefinition[];
}

export function registerMcpServer(context: vscode.ExtensionContext): McpServerRegistration {
  const changed = new vscode.EventEmitter<void>();
  const version = String(context.extension.packageJSON.version ?? '0');
  const definitions = (): vscode.McpStdioServerDefinition[] => {
    if (!vscode.workspace.getConfiguration('headroom.mcp').get<boolean>('enabled', true)) return [];
    const folder = vscode.workspace.workspaceFolders?.find((f) => f.uri.scheme === 'file');
    const allowRun = vscode.workspace.isTrusted && folder !== undefined;
    const args = [
      vscode.Uri.joinPath(context.extensionUri, 'dist', 'cli.js').fsPath,
      'mcp',
      '--root', folder?.uri.fsPath ?? homedir(),
      '--store', vscode.Uri.joinPath(context.globalStorageUri, 'originals').fsPath,
      ...(allowRun ? [] : ['--no-run']),
    ];
    const server = new vscode.McpStdioServerDefinition('Headroom', process.execPath, args, { ELECTRON_RUN_AS_NODE: '1' }, `${version}${allowRun ? '' : '-norun'}`);
    if (folder) server.cwd = folder.uri;
    return [server];
  };
  const fire = () => changed.fire();
  const disposables = [
    changed,
    vscode.lm.registerMcpServerDefinitionProvider(MCP_PROVIDER_ID, { onDidChangeMcpServerDefinitions: changed.event, provideMcpServerDefinitions: definitions }),
    vscode.workspace.onDidChangeWorkspaceFolders(fire),
    vscode.workspace.onDidGrantWorkspaceTrust(fire),
    vscode.workspace.onDidChangeConfiguration((e) => { if (e.affectsConfiguration('headroom.mcp')) fire(); }),
  ];
  return { definitions, dispose: () => vscode.Disposable.from(...disposables).dispose() };
}
