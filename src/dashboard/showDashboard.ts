// "Headroom: Show Savings Dashboard", also what clicking the status-bar meter does.
import * as vscode from 'vscode';
import type { Services } from '../services';
import { SHOW_DASHBOARD_COMMAND } from '../statusBar';
import { DashboardPanel } from './panel';

export function registerShowDashboard(services: Services, extensionUri: vscode.Uri): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand(SHOW_DASHBOARD_COMMAND, () => {
      DashboardPanel.show(services, extensionUri);
    }),
    { dispose: () => DashboardPanel.current?.dispose() },
  );
}
