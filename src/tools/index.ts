// Registers Headroom's language-model tools (declared in package.json `languageModelTools`), usable by
// Copilot's agent mode, by #-reference in prompts and by @headroom's own tool loop.
import * as vscode from 'vscode';
import type { Services } from '../services';
import { HeadroomCompress } from './headroomCompress';
import { HeadroomRead } from './headroomRead';
import { HeadroomRetrieve } from './headroomRetrieve';
import { HeadroomRun } from './headroomRun';
import { TOOL_NAMES } from './names';

export function registerTools(services: Services): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.lm.registerTool(TOOL_NAMES.run, new HeadroomRun(services)),
    vscode.lm.registerTool(TOOL_NAMES.read, new HeadroomRead(services)),
    vscode.lm.registerTool(TOOL_NAMES.retrieve, new HeadroomRetrieve(services)),
    vscode.lm.registerTool(TOOL_NAMES.compress, new HeadroomCompress(services)),
  );
}
