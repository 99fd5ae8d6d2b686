// Collects what @headroom shows the model, each piece compressed and counted: the prompt, attached
// files and selections (query-aware), the last terminal command's output and the workspace's
// instruction files (byte-stable, so the provider's cache keeps matching).
import * as vscode from 'vscode';
import { compress, type Compressed } from '../services';
import type { Source } from '../stats/ledger';
import type { CapturedCommand } from '../terminal/commandHistory';
import { RETRIEVE_HINT } from '../tools/names';
import type { Part, Turn } from './turn';

/** Instruction files Copilot itself reads on every request, at a workspace folder's root. */
const INSTRUCTION_FILES = ['.github/copilot-instructions.md', 'AGENTS.md', 'CLAUDE.md'];
/** A terminal command older than this is not "the last thing the user did" any more. */
const TERMINAL_RECENT_MS = 15 * 60 * 1000;

export async function compressPart(turn: Turn, text: string | Uint8Array, options: { heading?: string; fileName?: string; command?: string; type?: 'instructions'; source: Source; label: string; uri?: vscode.Uri }): Promise<Part> {
  const result: Compressed = await compress(turn.deps, text, { fileName: options.fileName, command: options.command, type: options.type, query: options.type ? undefined : turn.request.prompt, retrieveHint: RETRIEVE_HINT }, { source: options.source, label: options.label, model: turn.request.model.id });
  return {
    heading: options.heading,
    text: result.text,
    tokensBefore: result.tokensBefore,
    tokensAfter: result.tokensAfter,
    markers: [...new Set(result.markers.map((m) => m.id))],
    source: options.source,
    originalId: result.originalId,
    uri: options.uri,
    compressor: result.compressor,
    ...(result.off ? { off: true } : {}),
  };
}

/** The prompt itself (pasted logs are compressed too). */
export function promptPart(turn: Turn, prompt = turn.request.prompt): Promise<Part> {
  return compressPart(turn, prompt, { source: 'participant', label: '@headroom prompt' });
}

/** Every attached file, selection or value that can be read as text here. */
export async function referenceParts(turn: Turn): Promise<Part[]> {
  const parts: Part[] = [];
  for (const reference of turn.request.references) {
    if (turn.token.isCancellationRequested) break;
    const attachment = await readReference(reference);
    if (!attachment) continue;
    parts.push(await compressPart(turn, attachment.text, { heading: `Attached: ${attachment.heading}`, fileName: attachment.fileName, source: 'participant', label: attachment.heading, uri: attachment.uri }));
  }
  return parts;
}

/** The last terminal command's output, when there is a recent one. */
export async function terminalPart(turn: Turn, captured: CapturedCommand | undefined, requireRecent: boolean): Promise<Part | undefined> {
  if (!captured || !captured.output.trim()) return undefined;
  if (requireRecent && Date.now() - (captured.endedAt ?? captured.startedAt) > TERMINAL_RECENT_MS) return undefined;
  const exit = captured.exitCode === undefined ? '' : ` (exit code ${captured.exitCode})`;
  const heading = captured.commandLine ? `Last terminal command: ${captured.commandLine}${exit}` : 'Last terminal output';
  return compressPart(turn, captured.output, { heading, command: captured.commandLine || undefined, source: 'participant', label: captured.commandLine || 'last terminal output' });
}

/** The workspace's always-on instruction files, compressed (deterministically: same file, same bytes). */
export async function instructionParts(turn: Turn): Promise<Part[]> {
  if (!vscode.workspace.isTrusted) return [];
  const parts: Part[] = [];
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    for (const name of INSTRUCTION_FILES) {
      const uri = vscode.Uri.joinPath(folder.uri, name);
      let bytes: Uint8Array;
      try {
        bytes = await vscode.workspace.fs.readFile(uri);
      } catch {
        continue;
      }
      const label = vscode.workspace.asRelativePath(uri, true);
      parts.push(await compressPart(turn, bytes, { heading: label, fileName: uri.fsPath, type: 'instructions', source: 'instructions', label, uri }));
    }
  }
  return parts;
}

interface Attachment {
  readonly heading: string;
  readonly fileName?: string;
  readonly text: string;
  readonly uri?: vscode.Uri;
}

/** Text of an attached file, selection or value; undefined for what cannot be read as text here. */
async function readReference(reference: vscode.ChatPromptReference): Promise<Attachment | undefined> {
  const { value } = reference;
  if (typeof value === 'string') return { heading: reference.modelDescription ?? reference.id, text: value };
  const uri = value instanceof vscode.Uri ? value : value instanceof vscode.Location ? value.uri : undefined;
  if (!uri) return undefined;
  // Restricted Mode: Headroom only compresses text it is given and reads no files (package.json capabilities).
  if (!vscode.workspace.isTrusted) return undefined;
  let text: string;
  try {
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    text = open ? open.getText() : new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined;
  }
  const name = vscode.workspace.asRelativePath(uri);
  if (value instanceof vscode.Location) {
    const { start, end } = value.range;
    const lines = text.split('\n').slice(start.line, end.line + 1).join('\n');
    return { heading: `${name} (lines ${start.line + 1}-${end.line + 1})`, fileName: uri.path, text: lines, uri };
  }
  return { heading: name, fileName: uri.path, text, uri };
}
