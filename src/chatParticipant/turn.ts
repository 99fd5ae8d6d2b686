// One @headroom request and what handling it needs; every slash command is a function of a Turn.
import type * as vscode from 'vscode';
import type { Services } from '../services';
import type { Source } from '../stats/ledger';
import type { TerminalCapture } from '../terminal/terminalCapture';

export interface ChatDeps extends Services {
  readonly terminals: () => TerminalCapture;
}

export interface Turn {
  readonly request: vscode.ChatRequest;
  readonly context: vscode.ChatContext;
  readonly stream: vscode.ChatResponseStream;
  readonly token: vscode.CancellationToken;
  readonly deps: ChatDeps;
}

/** One piece of context the model reads, compressed. */
export interface Part {
  /** `Attached: src/app.ts`; absent for the user's own prompt. */
  readonly heading?: string;
  readonly text: string;
  readonly tokensBefore: number;
  readonly tokensAfter: number;
  /** Ids behind the markers in `text`. */
  readonly markers: readonly string[];
  readonly source: Source;
  readonly originalId?: string;
  /** Where it came from, shown as a reference under the answer. */
  readonly uri?: vscode.Uri;
  readonly compressor: string;
  /** Headroom was switched off for it (counts unknown). */
  readonly off?: boolean;
}

/** What each answer carries in chat history (JSON only). */
export interface HeadroomChatMetadata {
  readonly command?: string;
  readonly tokensBefore: number;
  readonly tokensAfter: number;
  /** Ids of the originals behind the markers in what the model read. */
  readonly markers: readonly string[];
  readonly toolCalls?: number;
}

export type SlashCommand = (turn: Turn) => Promise<vscode.ChatResult>;
