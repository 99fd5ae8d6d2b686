// The messages between the dashboard panel (extension host) and its webview (media/dashboard.js).
// Plain data, no vscode: media/dashboard.js follows these shapes.
import type { LedgerEntry, Summary } from '../stats/ledger';

export interface CopilotUsageView {
  readonly file: string;
  readonly calls: number;
  readonly inputTokens: number;
  readonly cachedInputTokens: number;
  readonly outputTokens: number;
  readonly costUsd: number;
  readonly partial: boolean;
  readonly first?: number;
  readonly last?: number;
}

export interface DashboardState {
  /** User-facing strings, already localised (vscode.l10n) by the extension. */
  readonly strings: Readonly<Record<string, string>>;
  readonly price: { readonly name: string; readonly input: number; readonly source: string };
  readonly summary: Summary;
  /** Most recent first. */
  readonly entries: readonly LedgerEntry[];
  readonly sourceLabels: Readonly<Record<string, string>>;
  /** Copilot's own usage from its OpenTelemetry file; a string when it could not be read; absent when no file is configured. */
  readonly copilot?: CopilotUsageView | { readonly file: string; readonly error: string };
}

export type ToWebview = { readonly type: 'state'; readonly state: DashboardState };

export type FromWebview =
  | { readonly type: 'ready' }
  | { readonly type: 'refresh' }
  | { readonly type: 'viewOriginal'; readonly id: string }
  | { readonly type: 'export'; readonly format: 'json' | 'csv' }
  /** Sent after each render: the ids of the entries the table shows (the tests wait for it). */
  | { readonly type: 'rendered'; readonly entryIds: readonly string[]; readonly totalSaved: number };
