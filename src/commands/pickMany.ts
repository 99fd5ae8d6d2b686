import * as vscode from 'vscode';

export interface PickManyOptions {
  readonly title: string;
  readonly placeholder: string;
}

/**
 * A multi-select list with the `picked` items selected, resolving to the selection on Enter and to
 * undefined when dismissed. Items and selection reach the workbench in the same update as `show()`,
 * so an Enter pressed the moment the list appears accepts what the list shows (with
 * `showQuickPick`, the selection could arrive after the list, and an early Enter accepted nothing).
 */
export function pickMany<T extends vscode.QuickPickItem>(items: readonly T[], options: PickManyOptions): Promise<readonly T[] | undefined> {
  const pick = vscode.window.createQuickPick<T>();
  pick.canSelectMany = true;
  pick.ignoreFocusOut = true;
  pick.title = options.title;
  pick.placeholder = options.placeholder;
  pick.items = items;
  pick.selectedItems = items.filter((item) => item.picked);
  return new Promise((resolve) => {
    let accepted = false;
    pick.onDidAccept(() => {
      accepted = true;
      resolve([...pick.selectedItems]);
      pick.hide();
    });
    pick.onDidHide(() => {
      if (!accepted) resolve(undefined);
      pick.dispose();
    });
    pick.show();
  });
}
