// The status-bar entry that says Headroom is on; it becomes the token meter later. Clicking it opens the log.
import * as vscode from 'vscode';
import { SHOW_LOG_COMMAND } from './commands/showLog';

export const STATUS_BAR_ID = 'headroom.status';

export function createStatusBar(): vscode.StatusBarItem {
  const item = vscode.window.createStatusBarItem(STATUS_BAR_ID, vscode.StatusBarAlignment.Right, 100);
  item.name = 'Headroom';
  item.text = '$(fold) Headroom';
  item.tooltip = 'Headroom compresses what Copilot reads. Click to show the log.';
  item.command = SHOW_LOG_COMMAND;
  item.show();
  return item;
}
