// The language-model tools' names, as declared in package.json `contributes.languageModelTools` and
// sent to models. No vscode: the unit tests check the manifest against this list.

export const TOOL_NAMES = {
  run: 'headroom_run',
  read: 'headroom_read',
  retrieve: 'headroom_retrieve',
  compress: 'headroom_compress',
} as const;

export type ToolName = (typeof TOOL_NAMES)[keyof typeof TOOL_NAMES];

/** The tag every Headroom tool carries, so the participant can offer exactly these. */
export const TOOL_TAG = 'headroom';

/** The hint appended to compressed tool output: how a model gets a cut back. */
export const RETRIEVE_HINT = 'call headroom_retrieve with id "{id}" (and lines "A-B" or grep "text" for part of it)';
