// What the extension-host test entry and the runner outside agree on. No vscode import: both sides load it.

/** Printed before the first test: the extension host connected and loaded the tests. */
export const STARTED_LINE = 'headroom-tests: running in the extension host';

/** The closing line, e.g. `extension-host: 7 passed, 0 failed`. */
export const SUMMARY = /^extension-host: (\d+) passed, (\d+) failed/m;
